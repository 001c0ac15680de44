/** Opening a pull request at most once: the release, rollback and sync flows share it. */
import type { PullRequestInfo } from '../flow/snapshot';
import type { GitHubClient } from '../github/client';
import { GitHubError } from '../github/errors';
import type { PullRequestInput } from '../github/types';

export interface FoundOrCreated {
  readonly pullRequest: PullRequestInfo;
  /** False when an open pull request from the same head into the same base already existed. */
  readonly created: boolean;
}

/**
 * The open pull request from `input.head` into `input.base`, else a new one. Someone
 * (or an earlier, interrupted attempt) may open it between the look-up and the create:
 * GitHub's "already exists" answer then shows that one instead of failing.
 */
export async function findOrCreatePullRequest(
  client: GitHubClient,
  input: PullRequestInput,
  body: () => string | Promise<string> = () => input.body ?? '',
): Promise<FoundOrCreated> {
  const existing = await client.findOpenPullRequest(input.head, input.base);
  if (existing) {
    return { pullRequest: existing, created: false };
  }
  try {
    return { pullRequest: await client.createPullRequest({ ...input, body: await body() }), created: true };
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'validation' && /already exists/i.test(error.message)) {
      const raced = await client.findOpenPullRequest(input.head, input.base);
      if (raced) {
        return { pullRequest: raced, created: false };
      }
    }
    throw error;
  }
}
