/**
 * The failures of one refresh's GitHub reads. A read that fails alone is written down
 * and its rows keep their last good value; a failure that concerns every read (the
 * token was rejected, the rate limit is used up) is thrown, because asking on would
 * only fail again.
 */
import { GitHubError } from '../github/errors';
import { readError } from '../model/readErrors';
import type { GitHubRead, ReadErrors } from '../model/snapshot';

/** Failures that say nothing about one read but about the token or the account. */
export function isGlobalFailure(error: GitHubError): boolean {
  return error.kind === 'rateLimited' || (error.kind === 'unauthorized' && error.status === 401);
}

export class ReadFailures {
  private readonly failures = new Map<GitHubRead, { readonly error: GitHubError; about?: string[] }>();

  /**
   * Notes that `read` failed (for `item`, or as a whole). Throws global failures, and
   * anything that is not a GitHubError: that is a bug, not GitHub's answer.
   */
  add(read: GitHubRead, error: unknown, item?: string | number): void {
    if (!(error instanceof GitHubError) || isGlobalFailure(error)) {
      throw error;
    }
    const known = this.failures.get(read);
    if (!known) {
      this.failures.set(read, { error, about: item === undefined ? undefined : [String(item)] });
    } else if (known.about && item !== undefined) {
      known.about.push(String(item));
    } else {
      known.about = undefined;
    }
  }

  toReadErrors(): ReadErrors {
    return Object.fromEntries(
      [...this.failures].map(([read, { error, about }]) => [read, readError(read, error, about && [...about].sort())]),
    );
  }
}

/** A request's outcome without throwing, so several reads can fail independently. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export function settle<T>(request: Promise<T>): Promise<Settled<T>> {
  return request.then(
    (value) => ({ ok: true, value }) as const,
    (error: unknown) => ({ ok: false, error }) as const,
  );
}
