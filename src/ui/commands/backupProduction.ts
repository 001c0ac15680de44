import * as l10n from '@vscode/l10n';
import { Commands } from '../../constants';
import { backupProduction } from '../../core/usecases/backupProduction';
import type { CommandSpec } from './registry';

/** `envflow.backupProduction`; tags are local refs, so a local refresh shows the new one. */
export const backupProductionCommand: CommandSpec = {
  id: Commands.backupProduction,
  mutates: true,
  progressTitle: () => l10n.t('Backing up production'),
  needs: { repository: true },
  refreshes: 'local',
  run: backupProduction,
};
