/** Sync Develop: show or open the pull request production → develop (after a hotfix). */
import * as l10n from '@vscode/l10n';
import type { PullRequestInfo } from '../model/snapshot';
import { syncDevelop as openSyncPullRequest } from '../release/sync';
import { announce } from './announce';
import { done, type Outcome } from './outcome';
import { requireGitHub, type UseCaseInput } from './services';

export async function syncDevelop({ port, repo, say }: UseCaseInput): Promise<Outcome<PullRequestInfo>> {
  const { develop, production } = say;
  const outcome = await openSyncPullRequest({
    git: repo.git,
    client: await requireGitHub(repo),
    config: repo.config,
    onProgress: (message) => port.progress(message),
  });
  if (outcome.kind === 'inSync') {
    const sentence = l10n.t('{0} already has everything in {1}.', develop, production);
    port.notify({ severity: 'info', message: sentence });
    return done(undefined, sentence);
  }
  const pr = outcome.pullRequest;
  const count = outcome.missing.length === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', outcome.missing.length);
  const sentence =
    outcome.kind === 'opened'
      ? l10n.t('Opened pull request #{0} ({1} → {2}) with the {3} {2} lacks.', pr.number, production, develop, count)
      : l10n.t(
          'Pull request #{0} ({1} → {2}) is already open; {2} still lacks {3}.',
          pr.number,
          production,
          develop,
          count,
        );
  return done(pr, announce(port, sentence, pr.url));
}
