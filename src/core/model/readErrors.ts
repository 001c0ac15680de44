/**
 * Per-read failures of a refresh: how one is worded, and which of them concerns a row.
 * The tree, the status bar and other extensions all ask through `readErrorFor`, so a
 * row is marked out of date the same way everywhere.
 */
import type { GitHubErrorKind, GitHubRead, ReadError, ReadErrors } from './snapshot';

/** How a sentence names each read; a new read will not compile until it has a name. */
export const readLabels: Readonly<Record<GitHubRead, string>> = {
  pullRequests: 'pull requests',
  reviews: 'reviews',
  checkRuns: 'check runs',
  commitStatuses: 'commit statuses',
  deployments: 'deployments',
  deploymentStatuses: 'deployment statuses',
  securityAlerts: 'Dependabot alerts',
  approvals: 'deployments waiting for approval',
  codeScanning: 'code scanning alerts',
  secretScanning: 'secret scanning alerts',
  liveRules: 'environment and branch rules',
};

/** The one sentence a row shows for a failed read, from the failure's own sentence. */
export function readErrorMessage(read: GitHubRead, why: string): string {
  const reason = why.trim().replace(/[.\s]+$/, '');
  // "Can't reach …" reads on after a colon in lower case; "GitHub …" keeps its capital.
  const flowing =
    /^[A-Z][a-z']/.test(reason) && !/^GitHub\b/.test(reason)
      ? reason.charAt(0).toLowerCase() + reason.slice(1)
      : reason;
  return `Could not read ${readLabels[read]}: ${flowing}.`;
}

export function readError(
  read: GitHubRead,
  failure: { readonly kind: GitHubErrorKind; readonly status?: number; readonly message: string },
  about?: readonly string[],
): ReadError {
  return {
    kind: failure.kind,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    message: readErrorMessage(read, failure.message),
    ...(about ? { about } : {}),
  };
}

/**
 * The first failure among `reads` that concerns one of `items` (SHAs, deployment ids,
 * sections, pull request numbers: ids of different reads never collide) or every
 * item; undefined when the row is fresh.
 */
export function readErrorFor(
  errors: ReadErrors,
  reads: readonly GitHubRead[],
  items: readonly (string | number | undefined)[] = [],
): ReadError | undefined {
  const wanted = items.filter((item) => item !== undefined).map(String);
  for (const read of reads) {
    const error = errors[read];
    if (error && (!error.about || error.about.some((item) => wanted.includes(item)))) {
      return error;
    }
  }
  return undefined;
}

/** The reads each kind of row is built from. */
export const rowReads = {
  checks: ['checkRuns', 'commitStatuses'],
  deployment: ['deployments', 'deploymentStatuses'],
  pullRequest: ['pullRequests', 'reviews', 'checkRuns', 'commitStatuses'],
  security: ['securityAlerts'],
  approvals: ['approvals'],
  codeScanning: ['codeScanning'],
  secretScanning: ['secretScanning'],
  liveRules: ['liveRules'],
} as const satisfies Record<string, readonly GitHubRead[]>;
