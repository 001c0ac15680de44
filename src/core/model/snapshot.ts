/**
 * What EnvFlow knows about one repository at one moment: the product's state as data.
 * Built by `refresh()`, compared by `diff()`, rendered by the tree and status bar.
 * Plain JSON-compatible data only, so it can cross the extension API and be logged.
 */

import type { LiveRules } from './liveRules';

/** Combined state of check runs and commit statuses for one commit. */
export type CheckState = 'passing' | 'failing' | 'pending' | 'none';

export interface CheckItem {
  readonly name: string;
  /** `success`, `failure`, `pending`, … normalised from check-run conclusion or status state. */
  readonly state: 'success' | 'failure' | 'pending' | 'neutral' | 'skipped';
  readonly url?: string;
  readonly description?: string;
  /** The GitHub Actions job behind a check run, when it is one: how a red check leads to its log. */
  readonly actionsJob?: { readonly runId: number; readonly jobId: number };
}

export interface CheckSummary {
  readonly state: CheckState;
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  /** Names of the failing checks, for the tree and alerts. */
  readonly failing: readonly string[];
  readonly items: readonly CheckItem[];
}

/** GitHub's deployment status states, plus `none` when a deployment has no status yet. */
export type DeploymentState =
  'queued' | 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'none';

export interface DeploymentInfo {
  readonly id: number;
  readonly sha: string;
  readonly ref: string;
  readonly environment: string;
  readonly state: DeploymentState;
  readonly description?: string;
  readonly environmentUrl?: string;
  readonly logUrl?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly creator?: string;
  /** What the deployment workflow says this deployment is (its payload); absent for deployments made by other tools. */
  readonly kind?: DeploymentKind;
  /** What the workflow backed up before this deployment changed anything (its payload). */
  readonly backup?: DeploymentBackup;
  /** An automatic rollback names the failed deployment it replaces. */
  readonly replaces?: number;
  /** Where a running deployment is, read from its latest `in_progress` status. */
  readonly stage?: DeploymentStage;
}

/** The deployment workflow's kinds: a push to production, EnvFlow's Roll Back, or its own recovery from a failed stage. */
export type DeploymentKind = 'rollout' | 'rollback' | 'automatic-rollback';

export interface DeploymentBackup {
  /** `backup/production-<UTC stamp>`: the code that ran before. */
  readonly tag?: string;
  /** The id the user's data-backup hook printed; absent when no data backup is configured. */
  readonly data?: string;
}

/** `Backing up`, then `Rolling out · 10 %` / `· 50 %` / `· 100 %`. */
export type DeploymentStage =
  { readonly step: 'backingUp' } | { readonly step: 'rollingOut'; readonly percent: number };

export interface CommitInfo {
  readonly sha: string;
  readonly subject: string;
  readonly author?: string;
  /** ISO 8601 */
  readonly date?: string;
}

export type ReviewState = 'approved' | 'changesRequested' | 'reviewRequired' | 'none';

export interface PullRequestInfo {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly headRef: string;
  readonly headSha: string;
  readonly baseRef: string;
  readonly draft: boolean;
  readonly author?: string;
  /** GitHub's `updated_at`: a review, a push or an edit moves it. */
  readonly updatedAt?: string;
  readonly checks?: CheckSummary;
  readonly review?: ReviewState;
}

export interface WorkingTreeChanges {
  readonly staged: number;
  readonly unstaged: number;
  readonly untracked: number;
  readonly conflicted: number;
}

/** A local test run recorded for one exact HEAD commit and working-tree state. */
export interface LocalTestRecord {
  readonly outcome: 'passed' | 'failed';
  readonly commit: string;
  /** Fingerprint of the working tree at the run (see git `treeFingerprint`). */
  readonly treeFingerprint: string;
  readonly command: string;
  readonly passed?: number;
  readonly failed?: number;
  readonly skipped?: number;
  readonly durationMs: number;
  /** ISO 8601 */
  readonly finishedAt: string;
}

/** `stale`: a record exists but HEAD or the working tree changed since. */
export type LocalTestState = 'passed' | 'failed' | 'notRun' | 'stale';

export interface LocalPart {
  /** Undefined when HEAD is detached. */
  readonly branch?: string;
  readonly detached: boolean;
  /** Undefined on an unborn branch. */
  readonly headSha?: string;
  readonly upstream?: string;
  readonly aheadOfUpstream: number;
  readonly behindUpstream: number;
  /** Against the remote develop branch (`origin/<develop>`), or local develop when there is no remote one. */
  readonly aheadOfDevelop?: number;
  readonly behindDevelop?: number;
  readonly changes: WorkingTreeChanges;
  /** GitHub's checks for HEAD (the status bar's CI item); undefined until known. */
  readonly checks?: CheckSummary;
  readonly tests: { readonly state: LocalTestState; readonly record?: LocalTestRecord };
  /** The open pull request whose head is this branch; `null` when GitHub says there is none. */
  readonly pullRequest?: PullRequestInfo | null;
}

export interface DevelopmentPart {
  readonly branch: string;
  /** False when neither a local nor a remote develop branch exists. */
  readonly exists: boolean;
  readonly head?: CommitInfo;
  readonly checks?: CheckSummary;
  readonly deployment?: DeploymentInfo;
  readonly pullRequests: readonly PullRequestInfo[];
  /** Commits on develop that main does not have (develop ahead of main). */
  readonly awaitingPromotion: { readonly count: number; readonly commits: readonly CommitInfo[] };
  /** The open develop → main pull request, when one exists. */
  readonly releasePullRequest?: PullRequestInfo | null;
  /** Deployments to the development environment waiting for a review, oldest wait first. */
  readonly approvals?: readonly WaitingApproval[];
  /** The development environment's and develop's rules on GitHub; undefined until read. */
  readonly rules?: LiveRules;
}

export interface BackupInfo {
  readonly tag: string;
  readonly sha: string;
  /** ISO 8601, from the tag name or tagger date. */
  readonly createdAt: string;
}

export interface RollbackTarget {
  readonly sha: string;
  readonly source: 'deployment' | 'backup';
  readonly deploymentId?: number;
  readonly tag?: string;
  readonly createdAt: string;
}

export type SecuritySeverity = 'critical' | 'high' | 'medium' | 'low';

export type SecurityAlerts =
  | {
      readonly available: true;
      readonly total: number;
      readonly bySeverity: Readonly<Record<SecuritySeverity, number>>;
      readonly url: string;
    }
  | { readonly available: false; readonly reason: 'notEnabled' | 'noAccess' };

/** Open alerts of one severity, with GitHub's list narrowed to it. */
export interface SeverityRow {
  readonly severity: SecuritySeverity;
  readonly count: number;
  readonly url: string;
}

/** Why a scanning feature shows no alerts, in one sentence that says who can change it. */
export interface ScanningUnavailablePart {
  readonly available: false;
  readonly reason: 'notEnabled' | 'noAccess';
  readonly sentence: string;
}

/** Open code scanning alerts by severity (GitHub's security severity, else the rule's level). */
export type CodeScanningPart =
  | {
      readonly available: true;
      readonly total: number;
      readonly url: string;
      readonly bySeverity: Readonly<Record<SecuritySeverity, number>>;
      readonly rows: readonly SeverityRow[];
    }
  | ScanningUnavailablePart;

/** Open secret scanning alerts: a leaked secret has no severity on GitHub. */
export type SecretScanningPart =
  { readonly available: true; readonly total: number; readonly url: string } | ScanningUnavailablePart;

/** One environment a workflow run waits on for its required reviewers. */
export interface WaitingApproval {
  readonly runId: number;
  readonly runName: string;
  readonly runUrl: string;
  readonly headSha: string;
  readonly headBranch: string | undefined;
  readonly environmentId: number;
  readonly environment: string;
  /** `@login` for users, `team-slug team` for teams. */
  readonly reviewers: readonly string[];
  /** When the wait began (ISO 8601); the run's creation when GitHub does not say. */
  readonly waitingSince: string;
  readonly waitTimerMinutes: number;
  readonly canApprove: boolean;
  /** Why the signed-in user cannot approve, when they cannot. */
  readonly whyNot?: string;
}

export interface ProductionPart {
  readonly branch: string;
  readonly exists: boolean;
  readonly head?: CommitInfo;
  readonly checks?: CheckSummary;
  readonly deployment?: DeploymentInfo;
  /** Most recent first. */
  readonly history: readonly DeploymentInfo[];
  readonly backup?: BackupInfo;
  /** The newest backup a production deployment recorded: code (tag) and data (the hook's id). */
  readonly lastBackup?: DeploymentBackup & { readonly deploymentId: number; readonly createdAt: string };
  /** The deployment production runs: the newest that succeeded, so a failed or running one does not hide it. */
  readonly live?: DeploymentInfo;
  /** The newest deployment is the workflow's automatic rollback: what it restored and what had failed. */
  readonly automaticRollback?: AutomaticRollback;
  readonly rollbackTarget?: RollbackTarget;
  readonly security?: SecurityAlerts;
  /** Undefined until read (or when GitHub is not in use). */
  readonly codeScanning?: CodeScanningPart;
  readonly secretScanning?: SecretScanningPart;
  /** Deployments to the production environment waiting for a review, oldest wait first. */
  readonly approvals?: readonly WaitingApproval[];
  /** The production environment's and main's rules on GitHub; undefined until read. */
  readonly rules?: LiveRules;
}

export interface AutomaticRollback {
  /** The automatic rollback's own deployment (of the last good commit). */
  readonly deployment: DeploymentInfo;
  readonly failedDeploymentId: number;
  /** Undefined when the failed deployment is older than the history read. */
  readonly failedSha?: string;
}

export interface GitHubRepositoryRef {
  /** Host of the web UI, e.g. `github.com` or a GHES host. */
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
  readonly webUrl: string;
}

/**
 * Why the GitHub side shows what it shows.
 * - `ok`: fresh data.
 * - `localOnly`: no GitHub remote; `reason` says why in one sentence.
 * - `signedOut`: a GitHub remote but no token.
 * - `error`: the last refresh failed as a whole (offline, token rejected, rate limit, or no
 *   read got an answer); GitHub data is the last good data, marked `stale`. A read that
 *   fails alone shows in `readErrors` instead.
 */
export type GitHubConnection =
  | { readonly state: 'ok' }
  | { readonly state: 'localOnly'; readonly reason: string }
  | { readonly state: 'signedOut' }
  | { readonly state: 'error'; readonly message: string; readonly kind: GitHubErrorKind; readonly retryAt?: string };

export type GitHubErrorKind =
  'offline' | 'unauthorized' | 'rateLimited' | 'notFound' | 'server' | 'validation' | 'malformed' | 'unknown';

/**
 * The reads a refresh makes of GitHub. Each one fails on its own: the rows it feeds keep
 * their last good value and `readErrors` says why. A new read is one more name here.
 */
export type GitHubRead =
  | 'pullRequests'
  | 'reviews'
  | 'checkRuns'
  | 'commitStatuses'
  | 'deployments'
  | 'deploymentStatuses'
  | 'securityAlerts'
  | 'approvals'
  | 'codeScanning'
  | 'secretScanning'
  | 'liveRules';

/** Why one read failed in the latest refresh; the rows it feeds show their last good value. */
export interface ReadError {
  readonly kind: GitHubErrorKind;
  /** HTTP status when GitHub answered at all. */
  readonly status?: number;
  /** One sentence for the row's tooltip: which read failed, why, and what to do. */
  readonly message: string;
  /**
   * The items whose read failed: commit SHAs (checks), deployment ids (deployment
   * statuses), sections `development` / `production` (deployments), pull request
   * numbers (reviews). Absent when the read failed as a whole: every row it feeds is
   * out of date.
   */
  readonly about?: readonly string[];
}

/** The reads that failed in the latest refresh, by read; empty when every read succeeded. */
export type ReadErrors = { readonly [R in GitHubRead]?: ReadError };

export interface RepositorySnapshot {
  /** Absolute path of the repository's top-level folder. */
  readonly root: string;
  /** ISO 8601 time the snapshot was taken. */
  readonly takenAt: string;
  readonly github?: GitHubRepositoryRef;
  readonly connection: GitHubConnection;
  /** True when the GitHub parts are carried over from an earlier refresh. */
  readonly stale: boolean;
  /**
   * Reads that failed alone while the connection stayed up (a 403 on reviews, a check-runs
   * timeout): the rows they feed keep their last good value, marked out of date.
   */
  readonly readErrors: ReadErrors;
  readonly local: LocalPart;
  readonly development: DevelopmentPart;
  readonly production: ProductionPart;
}
