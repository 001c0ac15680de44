import * as l10n from '@vscode/l10n';
import { Commands } from '../../constants';
import { rollbackProduction } from '../../core/usecases/rollbackProduction';
import type { CommandSpec } from './registry';

export type { RollbackCommandResult } from '../../core/usecases/rollbackProduction';

/** `envflow.rollbackProduction`: redeploy an earlier production commit, or open a revert pull request. */
export const rollbackProductionCommand: CommandSpec = {
  id: Commands.rollbackProduction,
  mutates: true,
  progressTitle: () => l10n.t('Rolling back production'),
  needs: { repository: true },
  refreshes: 'full',
  run: rollbackProduction,
};
