/**
 * The faults of the matrix, one row each: how to cause it and what way
 * out the user's sentence must offer. GitHub faults are armed on the requests a command
 * names (its `githubTarget`); git faults are armed by the command's own plan, because
 * where git fails (fetch, push, index) differs per command.
 */
import type { Fault, FaultMatch } from '../../../tools/githubServer/index';
import type { CaseContext } from '../../support/faultCase';

export type GitHubFaultId =
  | 'connectionRefused'
  | 'timeout'
  | 'http500'
  | 'http502'
  | 'http503'
  | 'http401'
  | 'rateLimitPrimary'
  | 'rateLimitSecondary403'
  | 'rateLimitSecondary429'
  | 'http404'
  | 'http422'
  | 'malformedJson'
  | 'truncatedJson'
  | 'dropAfterWrite';

export type GitFaultId = 'pushRejected' | 'remoteUnreachable' | 'indexLock' | 'mergeConflict';

export type FaultId = GitHubFaultId | GitFaultId;

export interface FaultRow {
  readonly id: FaultId;
  readonly label: string;
  readonly side: 'github' | 'git';
  /** The way out the sentence must offer (on top of the checks every sentence gets). */
  readonly wayOut: RegExp;
}

interface GitHubFaultRow extends FaultRow {
  readonly side: 'github';
  /** Arms the fault on the requests `match` selects, until cleared. */
  arm(context: CaseContext, match: FaultMatch | undefined): Promise<void>;
  /** True for faults that only make sense on a write (the write happened, the answer was lost). */
  readonly writesOnly?: boolean;
}

const OFFLINE = /check your connection/;
const TRY_AGAIN = /try again/;
const RATE_LIMIT = /resumes at \d\d:\d\d/;

function inject(fault: Fault): GitHubFaultRow['arm'] {
  return async (context, match) =>
    context.server.faults.inject({ ...fault, times: Infinity, ...(match ? { match } : {}) } as Fault);
}

export const githubFaults: readonly GitHubFaultRow[] = [
  {
    id: 'connectionRefused',
    label: 'connection refused',
    side: 'github',
    wayOut: OFFLINE,
    arm: (context) => context.port.close(),
  },
  { id: 'timeout', label: 'timeout', side: 'github', wayOut: OFFLINE, arm: inject({ kind: 'hang' }) },
  { id: 'http500', label: 'HTTP 500', side: 'github', wayOut: TRY_AGAIN, arm: inject({ kind: 'status', status: 500 }) },
  { id: 'http502', label: 'HTTP 502', side: 'github', wayOut: TRY_AGAIN, arm: inject({ kind: 'status', status: 502 }) },
  { id: 'http503', label: 'HTTP 503', side: 'github', wayOut: TRY_AGAIN, arm: inject({ kind: 'status', status: 503 }) },
  { id: 'http401', label: 'HTTP 401', side: 'github', wayOut: /sign in again/, arm: inject({ kind: 'unauthorized' }) },
  {
    id: 'rateLimitPrimary',
    label: '403 primary rate limit with reset',
    side: 'github',
    wayOut: RATE_LIMIT,
    arm: inject({ kind: 'rateLimitPrimary', resetInSeconds: 1800 }),
  },
  {
    id: 'rateLimitSecondary403',
    label: '403 secondary rate limit, retry-after',
    side: 'github',
    wayOut: RATE_LIMIT,
    arm: inject({ kind: 'rateLimitSecondary', status: 403, retryAfterSeconds: 120 }),
  },
  {
    id: 'rateLimitSecondary429',
    label: '429 secondary rate limit, retry-after',
    side: 'github',
    wayOut: RATE_LIMIT,
    arm: inject({ kind: 'rateLimitSecondary', status: 429, retryAfterSeconds: 120 }),
  },
  {
    id: 'http404',
    label: 'HTTP 404',
    side: 'github',
    wayOut: /sign in with an account|check/,
    arm: inject({ kind: 'status', status: 404 }),
  },
  {
    id: 'http422',
    label: 'HTTP 422 validation failed',
    side: 'github',
    wayOut: TRY_AGAIN,
    arm: inject({ kind: 'status', status: 422 }),
  },
  {
    id: 'malformedJson',
    label: 'malformed JSON',
    side: 'github',
    wayOut: TRY_AGAIN,
    arm: inject({ kind: 'malformedJson' }),
  },
  // Cut off mid-body, the answer is a dropped connection to the client.
  {
    id: 'truncatedJson',
    label: 'truncated JSON',
    side: 'github',
    wayOut: /try again|check your connection/,
    arm: inject({ kind: 'truncatedJson' }),
  },
  // Item 6: the write happened, its answer was lost; the re-run must not write twice.
  {
    id: 'dropAfterWrite',
    label: 'write done, answer lost',
    side: 'github',
    wayOut: OFFLINE,
    arm: inject({ kind: 'dropAfterWrite' }),
    writesOnly: true,
  },
];

/** Undoes every GitHub fault: the port listens again and no fault stays armed. */
export async function clearGitHubFaults(context: CaseContext): Promise<void> {
  context.server.faults.clear();
  await context.port.open();
}

export const gitFaults: readonly FaultRow[] = [
  { id: 'pushRejected', label: 'push rejected (non-fast-forward)', side: 'git', wayOut: /pull or rebase/ },
  { id: 'remoteUnreachable', label: 'remote unreachable', side: 'git', wayOut: /check the network/ },
  { id: 'indexLock', label: 'index.lock present', side: 'git', wayOut: /delete the lock file/ },
  {
    id: 'mergeConflict',
    label: 'merge conflict updating from develop',
    side: 'git',
    wayOut: /resolve the conflicted files/,
  },
];

export const allFaults: readonly FaultRow[] = [...githubFaults, ...gitFaults];

export function isRateLimit(id: FaultId): boolean {
  return id.startsWith('rateLimit');
}
