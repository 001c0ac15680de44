/**
 * Shapes the GitHub client returns that are not snapshot types: raw material the
 * flow layer combines into DeploymentInfo and friends.
 */
import type { CommitInfo, DeploymentBackup, DeploymentKind, DeploymentState } from '../model/snapshot';

/** The result of a polled GET: `notModified` when every page came back 304 from the ETag cache. */
export interface Fetched<T> {
  readonly data: T;
  readonly notModified: boolean;
  /** A paginated list read only in part: GitHub has more pages than were asked for. */
  readonly truncated?: boolean;
}

/** A deployment without its status (statuses are a separate, per-deployment request). */
export interface RawDeployment {
  readonly id: number;
  readonly sha: string;
  readonly ref: string;
  readonly environment: string;
  readonly description?: string;
  readonly creator?: string;
  /** ISO 8601 */
  readonly createdAt: string;
  /** ISO 8601 */
  readonly updatedAt: string;
  /** EnvFlow's payload (`{"envflow":1,…}`), when the deployment workflow wrote one. */
  readonly payload?: DeploymentPayload;
}

/** The deployment payload the deployment workflow writes (docs/delivery.md). */
export interface DeploymentPayload {
  readonly kind: DeploymentKind;
  readonly backup?: DeploymentBackup;
  readonly replaces?: number;
}

/** One deployment status, newest first as GitHub lists them. */
export interface DeploymentStatusInfo {
  readonly state: Exclude<DeploymentState, 'none'>;
  readonly description?: string;
  readonly environmentUrl?: string;
  readonly logUrl?: string;
  /** ISO 8601 */
  readonly createdAt: string;
}

export interface CompareResult {
  readonly aheadBy: number;
  readonly behindBy: number;
  /** Oldest first, as GitHub lists them (at most 250). */
  readonly commits: readonly CommitInfo[];
}

export interface WorkflowRunInfo {
  readonly id: number;
  readonly name?: string;
  /** The run's title: its workflow's `run-name`, or the head commit's subject. */
  readonly displayTitle?: string;
  /** The workflow file, `.github/workflows/deploy.yml`. */
  readonly path?: string;
  /** `queued`, `in_progress`, `completed`, … */
  readonly status?: string;
  /** `success`, `failure`, … once completed. */
  readonly conclusion?: string;
  readonly headSha: string;
  readonly headBranch?: string;
  readonly event?: string;
  readonly url: string;
  /** ISO 8601 */
  readonly createdAt: string;
  /** ISO 8601 */
  readonly updatedAt?: string;
}

export interface GitRef {
  /** Full name, e.g. `refs/heads/develop`. */
  readonly ref: string;
  readonly sha: string;
}

export type CommitStatusState = 'error' | 'failure' | 'pending' | 'success';

export interface CommitStatusInput {
  readonly state: CommitStatusState;
  readonly context: string;
  readonly description?: string;
  readonly targetUrl?: string;
}

export interface PullRequestInput {
  /** Branch name in this repository. */
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body?: string;
  readonly draft?: boolean;
}

export interface DeploymentInput {
  readonly ref: string;
  readonly environment: string;
  readonly description?: string;
  readonly productionEnvironment?: boolean;
}

/** GitHub's branch protection as it returns it; EnvFlow only reads a few fields. */
export type BranchProtection = Readonly<Record<string, unknown>>;

/**
 * The body of `PUT /repos/{owner}/{repo}/branches/{branch}/protection`: the four
 * fields GitHub requires (each may be null) plus any optional ones.
 */
export interface BranchProtectionUpdate {
  readonly required_status_checks: { readonly strict: boolean; readonly contexts: readonly string[] } | null;
  readonly enforce_admins: boolean | null;
  readonly required_pull_request_reviews: Readonly<Record<string, unknown>> | null;
  readonly restrictions: {
    readonly users: readonly string[];
    readonly teams: readonly string[];
    readonly apps?: readonly string[];
  } | null;
  readonly [optional: string]: unknown;
}

/** One HTTP exchange, for tests, benchmarks and the scheduler. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly notModified: boolean;
}

/** One job of a workflow run (`GET /actions/runs/{run_id}/jobs`). */
export interface WorkflowJobInfo {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  /** `queued`, `in_progress`, `completed`, … */
  readonly status: string;
  /** `success`, `failure`, `cancelled`, `timed_out`, … once completed. */
  readonly conclusion?: string;
  readonly url: string;
  readonly runAttempt?: number;
}
