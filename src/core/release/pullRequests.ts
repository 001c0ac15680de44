/** Opening a pull request at most once: the branch, release, rollback and sync flows share it. */
import type { PullRequestInfo } from '../model/snapshot';
import type { GitHubClient } from '../github/client';
import { GitHubError } from '../github/errors';
import type { PullRequestInput } from '../github/types';

export interface FoundOrCreated {
  readonly pullRequest: PullRequestInfo;
  /** False when an open pull request from the same head into the same base already existed. */
  readonly created: boolean;
}

/** Title, body and draft flag of a pull request still to be opened. */
export type PullRequestText = Omit<PullRequestInput, 'head' | 'base'>;

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
  const found = await findOrCreate(client, input.head, input.base, async () => ({
    title: input.title,
    draft: input.draft,
    body: await body(),
  }));
  // `compose` never cancels here, so there is always an answer.
  return found!;
}

/**
 * Like findOrCreatePullRequest, with the text composed only when no pull request is
 * open yet (the command may ask the user then); `compose` returning undefined cancels.
 */
export async function findOrCreate(
  client: GitHubClient,
  head: string,
  base: string,
  compose: () => Promise<PullRequestText | undefined>,
): Promise<FoundOrCreated | undefined> {
  const existing = await client.findOpenPullRequest(head, base);
  if (existing) {
    return { pullRequest: existing, created: false };
  }
  const text = await compose();
  if (!text) {
    return undefined;
  }
  try {
    return { pullRequest: await client.createPullRequest({ ...text, head, base }), created: true };
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'validation' && /already exists/i.test(error.message)) {
      const raced = await client.findOpenPullRequest(head, base);
      if (raced) {
        return { pullRequest: raced, created: false };
      }
    }
    throw error;
  }
}
