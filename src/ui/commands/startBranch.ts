import { Commands } from '../../constants';
import { startBranch } from '../../core/usecases/startBranch';
import type { CommandSpec } from './registry';

/** `envflow.startBranch` (from develop) and `envflow.startHotfix` (from production). */
export const startBranchCommands: readonly CommandSpec[] = [
  {
    id: Commands.startBranch,
    mutates: true,
    needs: { repository: true },
    refreshes: 'local',
    run: startBranch('develop'),
  },
  {
    id: Commands.startHotfix,
    mutates: true,
    needs: { repository: true },
    refreshes: 'local',
    run: startBranch('production'),
  },
];
