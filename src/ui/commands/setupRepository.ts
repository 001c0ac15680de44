import { Commands } from '../../constants';
import { setupRepository } from '../../core/usecases/setupRepository';
import type { ProposalDocuments } from '../proposals';
import type { CommandSpec } from './registry';

export type { SetupResult } from '../../core/usecases/setupRepository';

/** `envflow.setupRepository`: one question per missing piece, each a QuickPick, so no progress around them. */
export function setupRepositoryCommand(proposals: ProposalDocuments): CommandSpec {
  return {
    id: Commands.setupRepository,
    mutates: true,
    needs: { repository: true },
    refreshes: 'full',
    run: setupRepository((root, path, content) => proposals.show(root, path, content)),
  };
}
