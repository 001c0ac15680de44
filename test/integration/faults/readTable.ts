/**
 * The read-isolation matrix's two axes: every GitHub read a refresh makes (the route the
 * API server breaks, the snapshot fields it feeds, the tree rows that show it) and the
 * ways one read alone fails. Adding a read is one row here.
 */
import type { Fault } from '../../../tools/githubServer/index';
import type { GitHubRead, PullRequestInfo, RepositorySnapshot } from '../../../src/core/model/snapshot';

type Mutable = Record<string, unknown>;

export interface ReadRow {
  readonly read: GitHubRead;
  /** The requests of this read, and of no other. */
  readonly route: RegExp;
  /** Deletes the fields this read feeds from a plain copy of a snapshot. */
  readonly strip: (copy: Mutable & { local: Mutable; development: Mutable; production: Mutable }) => void;
  /** Tree rows that may show this read's data; one of them must say it is out of date. */
  readonly rows: RegExp;
  /** The row that certainly shows it (by id, or the first whose id matches). */
  readonly primaryRow: string | RegExp;
  /** Faults GitHub answers with a verdict this read shows as its value, not as a failure. */
  readonly verdicts?: readonly ReadFaultId[];
  /** The production part that holds the verdict ("not enabled", "no access"). */
  readonly verdictPart?: 'security' | 'codeScanning' | 'secretScanning';
}

function pullRequestsOf(copy: { local: Mutable; development: Mutable }): Mutable[] {
  const all = [
    copy.local.pullRequest,
    ...((copy.development.pullRequests as PullRequestInfo[] | undefined) ?? []),
    copy.development.releasePullRequest,
  ];
  return all.filter((pr): pr is Mutable => typeof pr === 'object' && pr !== null);
}

const stripChecks: ReadRow['strip'] = (copy) => {
  delete copy.local.checks;
  delete copy.development.checks;
  delete copy.production.checks;
  for (const pr of pullRequestsOf(copy)) {
    delete pr.checks;
  }
};

const stripDeployments: ReadRow['strip'] = (copy) => {
  delete copy.development.deployment;
  delete copy.production.deployment;
  delete copy.production.history;
  // Derived from the history.
  delete copy.production.rollbackTarget;
};

const CHECK_ROWS =
  /^(development\/checks|production\/checks|local\/pullRequest|development\/pr\/\d+|development\/releasePullRequest)$/;
const DEPLOYMENT_ROWS = /^(development\/deployment|production\/deployment|production\/history(\/\d+)?)$/;

export const readRows: readonly ReadRow[] = [
  {
    read: 'pullRequests',
    route: /\/pulls(\?|$)/,
    // A pull request's checks come from the checks reads, fresh for the head it last had.
    strip: (copy) => {
      for (const pr of pullRequestsOf(copy)) {
        for (const key of Object.keys(pr).filter((k) => k !== 'checks')) {
          delete pr[key];
        }
      }
    },
    rows: /^(local\/pullRequest|development\/pullRequests|development\/pr\/\d+|development\/releasePullRequest)$/,
    primaryRow: 'development/pullRequests',
  },
  {
    read: 'reviews',
    route: /\/pulls\/\d+\/reviews/,
    strip: (copy) => {
      for (const pr of pullRequestsOf(copy)) {
        delete pr.review;
      }
    },
    rows: /^(local\/pullRequest|development\/pr\/\d+)$/,
    primaryRow: 'local/pullRequest',
  },
  { read: 'checkRuns', route: /\/check-runs/, strip: stripChecks, rows: CHECK_ROWS, primaryRow: 'development/checks' },
  {
    read: 'commitStatuses',
    route: /\/commits\/[^/]+\/status(\?|$)/,
    strip: stripChecks,
    rows: CHECK_ROWS,
    primaryRow: 'development/checks',
  },
  {
    read: 'deployments',
    route: /\/deployments(\?|$)/,
    strip: stripDeployments,
    rows: DEPLOYMENT_ROWS,
    primaryRow: 'production/deployment',
  },
  {
    read: 'deploymentStatuses',
    route: /\/deployments\/\d+\/statuses/,
    strip: stripDeployments,
    rows: DEPLOYMENT_ROWS,
    primaryRow: 'production/deployment',
  },
  {
    read: 'securityAlerts',
    route: /\/dependabot\/alerts/,
    strip: (copy) => {
      delete copy.production.security;
    },
    rows: /^production\/security(\/\w+)?$/,
    primaryRow: 'production/security',
    // GitHub's 403/404 here means "you may not see alerts" or "not enabled": the row says that.
    verdicts: ['http403', 'http404'],
    verdictPart: 'security',
  },
  {
    read: 'approvals',
    route: /\/actions\/runs(\?|$|\/\d+\/pending_deployments)/,
    strip: (copy) => {
      delete copy.development.approvals;
      delete copy.production.approvals;
    },
    rows: /^(development|production)\/(approvals|approval\/\d+\/\d+)$/,
    primaryRow: /^production\/approval\/\d+\/\d+$/,
  },
  {
    read: 'codeScanning',
    route: /\/code-scanning\/alerts/,
    strip: (copy) => {
      delete copy.production.codeScanning;
    },
    rows: /^production\/codeScanning(\/\w+)?$/,
    primaryRow: 'production/codeScanning',
    verdicts: ['http403', 'http404'],
    verdictPart: 'codeScanning',
  },
  {
    read: 'secretScanning',
    route: /\/secret-scanning\/alerts/,
    strip: (copy) => {
      delete copy.production.secretScanning;
    },
    rows: /^production\/secretScanning$/,
    primaryRow: 'production/secretScanning',
    verdicts: ['http403', 'http404'],
    verdictPart: 'secretScanning',
  },
  {
    read: 'liveRules',
    // Environments (their list, each one and its allowed refs), branches, their protection and the rulesets on them.
    route: /\/(environments(\/[^/?]+(\/deployment-branch-policies)?)?|branches\/[^?]+)(\?|$)/,
    strip: (copy) => {
      delete copy.development.rules;
      delete copy.production.rules;
    },
    rows: /^(development|production)\/rules(\/\w+)?$/,
    primaryRow: 'production/rules',
  },
];

export type ReadFaultId = 'http403' | 'http404' | 'http410' | 'http422' | 'http500' | 'timeout' | 'malformed';

export interface ReadFaultRow {
  readonly id: ReadFaultId;
  readonly label: string;
  readonly fault: Fault;
  /** The way out the row's sentence offers. */
  readonly wayOut: RegExp;
}

export const readFaults: readonly ReadFaultRow[] = [
  {
    id: 'http403',
    label: 'HTTP 403 (no permission)',
    fault: { kind: 'status', status: 403 },
    wayOut: /sign in with an account that has permission/,
  },
  { id: 'http404', label: 'HTTP 404', fault: { kind: 'status', status: 404 }, wayOut: /sign in with an account|check/ },
  { id: 'http410', label: 'HTTP 410', fault: { kind: 'status', status: 410 }, wayOut: /sign in with an account|check/ },
  { id: 'http422', label: 'HTTP 422', fault: { kind: 'status', status: 422 }, wayOut: /try again/ },
  { id: 'http500', label: 'HTTP 500', fault: { kind: 'status', status: 500 }, wayOut: /try again/ },
  { id: 'timeout', label: 'timeout', fault: { kind: 'hang' }, wayOut: /check your connection/ },
  { id: 'malformed', label: 'malformed JSON', fault: { kind: 'malformedJson' }, wayOut: /try again/ },
];

/** A snapshot split into what `row`'s read feeds and everything else (time of the refresh aside). */
export function split(snapshot: RepositorySnapshot, row: ReadRow): { readonly fed: unknown; readonly rest: unknown } {
  const rest = structuredClone(snapshot) as unknown as Mutable & {
    local: Mutable;
    development: Mutable;
    production: Mutable;
  };
  delete rest.takenAt;
  delete rest.readErrors;
  row.strip(rest);
  const full = structuredClone(snapshot) as unknown as Mutable;
  delete full.takenAt;
  delete full.readErrors;
  return { fed: difference(full, rest), rest };
}

/** The fields of `full` that `rest` lacks, at any depth. */
function difference(full: unknown, rest: unknown): unknown {
  if (typeof full !== 'object' || full === null || typeof rest !== 'object' || rest === null) {
    return undefined;
  }
  const out: Mutable = {};
  for (const [key, value] of Object.entries(full)) {
    const other = (rest as Mutable)[key];
    const inner = key in (rest as Mutable) ? difference(value, other) : value;
    if (inner !== undefined && !(typeof inner === 'object' && inner !== null && Object.keys(inner).length === 0)) {
      out[key] = inner;
    }
  }
  return out;
}
