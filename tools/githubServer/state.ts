/**
 * The in-memory half of the fake GitHub: everything GitHub stores beside git itself.
 * Records hold the facts; the route modules render them into GitHub's JSON shapes,
 * so one record answers every endpoint that shows it.
 */
import type {
  AlertSeverity,
  CheckRunConclusion,
  CheckRunStatus,
  CommitState,
  DependabotMode,
  DeploymentState,
  WorkflowRunInput,
} from './types';
import { PolicyState, type EnvironmentRecord } from './policyState';
import { SecurityState } from './securityRecords';

export interface PullRecord {
  readonly id: number;
  readonly number: number;
  title: string;
  body: string | null;
  readonly head: string;
  readonly base: string;
  /** Head and base SHAs when the pull was opened; merging updates them. */
  headSha: string;
  baseSha: string;
  draft: boolean;
  state: 'open' | 'closed';
  mergedAt: string | null;
  mergeCommitSha: string | null;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  readonly reviews: PullReviewRecord[];
}

export interface PullReviewRecord {
  readonly id: number;
  readonly login: string;
  readonly state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  readonly body: string;
  readonly commitId: string;
  readonly submittedAt: string;
}

export interface DeploymentRecord {
  readonly id: number;
  readonly sha: string;
  readonly ref: string;
  readonly task: string;
  readonly environment: string;
  readonly description: string | null;
  readonly payload: Record<string, unknown> | string;
  readonly transientEnvironment: boolean;
  readonly productionEnvironment: boolean;
  /** A login other than the token's user (a bot); absent for the token's user. */
  readonly creator?: string;
  readonly createdAt: string;
  updatedAt: string;
}

export interface DeploymentStatusRecord {
  readonly id: number;
  readonly deploymentId: number;
  readonly state: DeploymentState;
  readonly description: string;
  readonly environmentUrl: string;
  readonly logUrl: string;
  readonly createdAt: string;
}

export interface CheckRunRecord {
  readonly id: number;
  readonly headSha: string;
  name: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | null;
  detailsUrl: string | null;
  summary: string | null;
  startedAt: string;
  completedAt: string | null;
}

export interface CommitStatusRecord {
  readonly id: number;
  readonly sha: string;
  readonly state: CommitState;
  readonly context: string;
  readonly description: string | null;
  readonly targetUrl: string | null;
  readonly createdAt: string;
}

export interface DependabotAlertRecord {
  readonly number: number;
  readonly severity: AlertSeverity;
  readonly packageName: string;
  readonly ecosystem: string;
  readonly summary: string;
  readonly state: 'open' | 'dismissed' | 'fixed';
  readonly ghsaId: string;
  readonly createdAt: string;
}

export interface WorkflowRecord {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly createdAt: string;
}

export interface WorkflowRunRecord {
  readonly id: number;
  readonly workflowId: number;
  readonly runNumber: number;
  readonly name: string;
  readonly branch: string;
  readonly sha: string;
  readonly event: string;
  /** The workflow's `run-name` as evaluated when the run started; the head commit's subject without one. */
  readonly displayTitle?: string;
  /** Re-running failed jobs and cancelling change these, as on GitHub. */
  status: WorkflowRunInput['status'];
  conclusion: CheckRunConclusion | null;
  runAttempt: number;
  readonly createdAt: string;
}

/** A job of a workflow run; its id is also the id of the check run GitHub reports for it. */
export interface WorkflowJobRecord {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | null;
  /** The plain-text log GitHub serves (through a redirect to its log storage). */
  log: string;
  readonly startedAt: string;
  completedAt: string | null;
}

/** Branch protection as stored: the PUT body, normalised, plus when it was set. */
export interface ProtectionRecord {
  readonly branch: string;
  readonly body: ProtectionBody;
}

export interface ProtectionBody {
  readonly required_status_checks: {
    strict: boolean;
    contexts: string[];
    checks?: { context: string; app_id?: number | null }[];
  } | null;
  readonly enforce_admins: boolean | null;
  readonly required_pull_request_reviews: {
    dismiss_stale_reviews?: boolean;
    require_code_owner_reviews?: boolean;
    required_approving_review_count?: number;
    require_last_push_approval?: boolean;
  } | null;
  readonly restrictions: { users: string[]; teams: string[]; apps?: string[] } | null;
  readonly required_linear_history?: boolean;
  readonly allow_force_pushes?: boolean | null;
  readonly allow_deletions?: boolean;
  readonly block_creations?: boolean;
  readonly required_conversation_resolution?: boolean;
  readonly lock_branch?: boolean;
  readonly allow_fork_syncing?: boolean;
}

/** GitHub's timestamps: ISO 8601 in UTC, to the second. */
export function timestamp(at: number = Date.now()): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A `workflow_dispatch` GitHub accepted: the workflow file, the ref it runs on and its inputs. */
export interface WorkflowDispatchRecord {
  readonly workflow: string;
  readonly ref: string;
  readonly inputs: Readonly<Record<string, string>>;
  /** The queued run the dispatch started (a player moves its status along). */
  readonly runId?: number;
}

/** A ref that moved: pushed over git, created through the API or moved by a merge (GitHub's `push` event). */
export interface PushRecord {
  /** `refs/heads/main`, `refs/tags/v1`. */
  readonly ref: string;
  /** The old object; all zeros for a new ref. */
  readonly before: string;
  /** The new object; all zeros for a deleted ref. */
  readonly after: string;
}

export class GitHubState extends PolicyState {
  readonly pulls: PullRecord[] = [];
  readonly deployments: DeploymentRecord[] = [];
  readonly deploymentStatuses: DeploymentStatusRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly commitStatuses: CommitStatusRecord[] = [];
  readonly protection = new Map<string, ProtectionRecord>();
  readonly dependabotAlerts: DependabotAlertRecord[] = [];
  readonly workflows: WorkflowRecord[] = [];
  readonly workflowRuns: WorkflowRunRecord[] = [];
  readonly workflowJobs: WorkflowJobRecord[] = [];
  readonly workflowDispatches: WorkflowDispatchRecord[] = [];
  dependabot: DependabotMode = 'enabled';
  /** Deployment reviews, code and secret scanning, and the dependency graph. */
  readonly security = new SecurityState();
  isAdmin = true;
  /** When the repository was "created": the oldest timestamp any object shows. */
  readonly createdAt = timestamp(Date.now() - 90 * 24 * 3600 * 1000);

  // GitHub ids are large and unique across object kinds; issue numbers are per repository.
  private lastId = 1_296_269_000;
  private lastIssueNumber = 0;

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** The environment `name`, made with GitHub's defaults (no rules, any branch may deploy) when it is missing. */
  environmentNamed(name: string): EnvironmentRecord {
    const existing = this.environments.get(name);
    if (existing) {
      return existing;
    }
    const now = timestamp();
    const made: EnvironmentRecord = {
      id: this.nextId(),
      name,
      createdAt: now,
      updatedAt: now,
      waitTimer: 0,
      preventSelfReview: false,
      reviewers: [],
      branchPolicy: null,
      patterns: [],
    };
    this.environments.set(name, made);
    return made;
  }

  nextIssueNumber(): number {
    this.lastIssueNumber += 1;
    return this.lastIssueNumber;
  }

  statusesOf(deploymentId: number): DeploymentStatusRecord[] {
    return this.deploymentStatuses.filter((status) => status.deploymentId === deploymentId);
  }
}
