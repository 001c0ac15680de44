import * as l10n from '@vscode/l10n';
import { Commands } from '../../constants';
import { syncDevelop } from '../../core/usecases/syncDevelop';
import type { CommandSpec } from './registry';

/** `envflow.syncDevelop`: the pull request production → develop, after a hotfix. */
export const syncDevelopCommand: CommandSpec = {
  id: Commands.syncDevelop,
  mutates: true,
  progressTitle: () => l10n.t("Bringing production's changes back"),
  needs: { repository: true, github: true },
  refreshes: 'full',
  run: syncDevelop,
};
