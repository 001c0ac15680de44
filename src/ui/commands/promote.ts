import * as l10n from '@vscode/l10n';
import { Commands } from '../../constants';
import { promote } from '../../core/usecases/promote';
import type { CommandSpec } from './registry';

/** `envflow.promote`: the release pull request develop → production, after a backup. */
export const promoteCommand: CommandSpec = {
  id: Commands.promote,
  mutates: true,
  progressTitle: () => l10n.t('Promoting to production'),
  needs: { repository: true },
  refreshes: 'full',
  run: promote,
};
