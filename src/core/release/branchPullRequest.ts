/**
 * The git and GitHub half of Open Pull Request: push the branch, show the open pull
 * request into the base or open one, then whatever must follow it (the local test
 * result as a commit status). Safe to repeat: a re-run after a failure pushes nothing
 * new and opens no second one; a failure after the pull request opened says it exists.
 */
import * as l10n from '@vscode/l10n';
import type { GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import { Steps } from '../util/steps';
import { findOrCreate, type FoundOrCreated, type PullRequestText } from './pullRequests';

export async function pushAndOpenPullRequest(input: {
  readonly git: GitRepository;
  readonly client: GitHubClient;
  readonly branch: string;
  readonly base: string;
  /** True on the branch's first push. */
  readonly setUpstream?: boolean;
  /** The pull request's text, asked for only when none is open; undefined cancels. */
  readonly compose: () => Promise<PullRequestText | undefined>;
  readonly onProgress?: (message: string) => void;
  /** A last step once the pull request is open, e.g. "publishing the local test result". */
  readonly then?: { readonly doing: string; run(opened: FoundOrCreated): Promise<void> };
}): Promise<FoundOrCreated | undefined> {
  const { git, client, branch, base } = input;
  const progress = input.onProgress ?? (() => undefined);
  const steps = new Steps(l10n.t('EnvFlow: Open Pull Request'));
  progress(l10n.t('Pushing {0}…', branch));
  await steps.run(
    l10n.t('pushing {0} to origin', branch),
    () => git.push('origin', branch, { setUpstream: input.setUpstream }),
    () => l10n.t('pushing {0} to origin', branch),
  );
  const opened = await steps.run(
    l10n.t('opening the pull request {0} → {1}', branch, base),
    () =>
      findOrCreate(client, branch, base, async () => {
        const text = await input.compose();
        progress(l10n.t('Creating the pull request…'));
        return text;
      }),
    (result) =>
      result && `${result.created ? 'opening' : 'finding the open'} pull request #${result.pullRequest.number}`,
  );
  const then = input.then;
  if (opened && then) {
    await steps.run(then.doing, () => then.run(opened));
  }
  return opened;
}
