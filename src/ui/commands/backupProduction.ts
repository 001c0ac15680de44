import { Commands } from '../../constants';
import { backupProduction } from '../../core/usecases/backupProduction';
import type { CommandSpec } from './registry';

/** `envflow.backupProduction`; tags are local refs, so a local refresh shows the new one. */
export const backupProductionCommand: CommandSpec = {
  id: Commands.backupProduction,
  mutates: true,
  progressTitle: 'Backing up production',
  needs: { repository: true },
  refreshes: 'local',
  run: backupProduction,
};
