/** Sync Develop: show or open the pull request production → develop (after a hotfix). */
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
    const sentence = `${develop} already has everything in ${production}.`;
    port.notify({ severity: 'info', message: sentence });
    return done(undefined, sentence);
  }
  const pr = outcome.pullRequest;
  const count = `${outcome.missing.length} ${outcome.missing.length === 1 ? 'commit' : 'commits'}`;
  const sentence =
    outcome.kind === 'opened'
      ? `Opened pull request #${pr.number} (${production} → ${develop}) with the ${count} ${develop} lacks.`
      : `Pull request #${pr.number} (${production} → ${develop}) is already open; ${develop} still lacks ${count}.`;
  return done(pr, announce(port, sentence, pr.url));
}
