import * as l10n from '@vscode/l10n';
import { Commands } from '../../constants';
import { openPullRequest } from '../../core/usecases/openPullRequest';
import type { CommandSpec } from './registry';

/** `envflow.openPullRequest`: the gate, the push, the pull request and the published test result. */
export const openPullRequestCommand: CommandSpec = {
  id: Commands.openPullRequest,
  mutates: true,
  progressTitle: () => l10n.t('Opening pull request'),
  needs: { repository: true },
  refreshes: 'full',
  run: openPullRequest,
};
