/**
 * Raw GitHub REST JSON → EnvFlow's snapshot types. Pure functions over `unknown`,
 * so each endpoint's quirks are tested with the JSON GitHub documents.
 */
import type {
  CheckItem,
  CommitInfo,
  DeploymentStage,
  PullRequestInfo,
  ReviewState,
  SecurityAlerts,
  SecuritySeverity,
} from '../model/snapshot';
import { isGitHubDeploymentState } from '../model/deploymentStates';
import {
  arrayField,
  asArray,
  asObject,
  loginOf,
  optionalObject,
  optionalString,
  requiredNumber,
  requiredString,
  type JsonObject,
} from './json';
import { actionsJobOfCheckRun } from './actionsLink';
import type {
  CompareResult,
  DeploymentPayload,
  DeploymentStatusInfo,
  GitRef,
  RawDeployment,
  WorkflowJobInfo,
  WorkflowRunInfo,
} from './types';

/** A pull request from `GET /pulls` or `POST /pulls`; checks and review are loaded lazily. */
export function toPullRequest(raw: unknown): PullRequestInfo {
  const pull = asObject(raw, 'pull request');
  const head = asObject(pull.head, 'pull request.head');
  const base = asObject(pull.base, 'pull request.base');
  return withOptional(
    {
      number: requiredNumber(pull, 'number', 'pull request'),
      title: requiredString(pull, 'title', 'pull request'),
      url: requiredString(pull, 'html_url', 'pull request'),
      headRef: requiredString(head, 'ref', 'pull request.head'),
      headSha: requiredString(head, 'sha', 'pull request.head'),
      baseRef: requiredString(base, 'ref', 'pull request.base'),
      draft: pull.draft === true,
    },
    { author: loginOf(pull, 'user'), updatedAt: optionalString(pull, 'updated_at') },
  );
}

export function toPullRequests(raw: unknown): PullRequestInfo[] {
  return asArray(raw, 'pull request list').map(toPullRequest);
}

/**
 * A reviewer's verdict is their latest APPROVED / CHANGES_REQUESTED / DISMISSED review;
 * comments do not change it. Any outstanding change request wins over approvals.
 */
export function toReviewState(raw: unknown): ReviewState {
  const verdicts = new Map<string, string>();
  for (const entry of asArray(raw, 'review list')) {
    const review = asObject(entry, 'review');
    const state = optionalString(review, 'state');
    const reviewer = loginOf(review, 'user') ?? `#${String(review.id)}`;
    if (state === 'APPROVED' || state === 'CHANGES_REQUESTED' || state === 'DISMISSED') {
      verdicts.set(reviewer, state);
    }
  }
  const states = [...verdicts.values()];
  if (states.includes('CHANGES_REQUESTED')) {
    return 'changesRequested';
  }
  return states.includes('APPROVED') ? 'approved' : 'none';
}

const CHECK_CONCLUSIONS: Readonly<Record<string, CheckItem['state']>> = {
  success: 'success',
  neutral: 'neutral',
  skipped: 'skipped',
  // Stale runs were abandoned by their app; they neither pass nor block.
  stale: 'neutral',
  failure: 'failure',
  timed_out: 'failure',
  cancelled: 'failure',
  action_required: 'failure',
  startup_failure: 'failure',
};

/** One page of `GET /commits/{ref}/check-runs` (`{ total_count, check_runs }`). */
export function toCheckRunItems(raw: unknown): CheckItem[] {
  return arrayField(raw, 'check_runs', 'check runs').map((entry) => {
    const run = asObject(entry, 'check run');
    const conclusion = optionalString(run, 'conclusion');
    const completed = optionalString(run, 'status') === 'completed';
    const state: CheckItem['state'] =
      !completed || conclusion === undefined ? 'pending' : (CHECK_CONCLUSIONS[conclusion] ?? 'failure');
    return withOptional(
      { name: requiredString(run, 'name', 'check run'), state },
      {
        url: optionalString(run, 'html_url') ?? optionalString(run, 'details_url'),
        description: optionalString(optionalObject(run, 'output'), 'title'),
        actionsJob: actionsJobOfCheckRun(optionalString(run, 'details_url')),
      },
    );
  });
}

const STATUS_STATES: Readonly<Record<string, CheckItem['state']>> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
  pending: 'pending',
};

/** `GET /commits/{ref}/status` (`{ state, statuses }`): one item per status context. */
export function toCommitStatusItems(raw: unknown): CheckItem[] {
  return arrayField(raw, 'statuses', 'combined status').map((entry) => {
    const status = asObject(entry, 'commit status');
    const state = STATUS_STATES[requiredString(status, 'state', 'commit status')] ?? 'pending';
    return withOptional(
      { name: requiredString(status, 'context', 'commit status'), state },
      { url: optionalString(status, 'target_url'), description: optionalString(status, 'description') },
    );
  });
}

export function toRawDeployment(raw: unknown): RawDeployment {
  const deployment = asObject(raw, 'deployment');
  return withOptional(
    {
      id: requiredNumber(deployment, 'id', 'deployment'),
      sha: requiredString(deployment, 'sha', 'deployment'),
      ref: requiredString(deployment, 'ref', 'deployment'),
      environment: requiredString(deployment, 'environment', 'deployment'),
      createdAt: requiredString(deployment, 'created_at', 'deployment'),
      updatedAt: optionalString(deployment, 'updated_at') ?? requiredString(deployment, 'created_at', 'deployment'),
    },
    {
      description: optionalString(deployment, 'description'),
      creator: loginOf(deployment, 'creator'),
      payload: toDeploymentPayload(deployment.payload),
    },
  );
}

const DEPLOYMENT_KINDS = new Set(['rollout', 'rollback', 'automatic-rollback']);
const BACKUP_TAG = /^backup\/production-[0-9A-Za-z.:-]{1,40}$/;

/**
 * EnvFlow's deployment payload: GitHub returns what the workflow sent, as an object or
 * a JSON string. Anything not written by the deployment workflow (another tool's
 * payload, a version EnvFlow does not know) reads as no payload rather than as a guess;
 * fields that fail their shape are dropped one by one.
 */
export function toDeploymentPayload(raw: unknown): DeploymentPayload | undefined {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const payload = value as JsonObject;
  if (payload.envflow !== 1 || typeof payload.kind !== 'string' || !DEPLOYMENT_KINDS.has(payload.kind)) {
    return undefined;
  }
  const backup = optionalObject(payload, 'backup');
  const tag = optionalString(backup, 'tag');
  const data = optionalString(backup, 'data');
  const replaces = payload.replaces;
  return withOptional(
    { kind: payload.kind as DeploymentPayload['kind'] },
    {
      backup:
        backup && (tag || data)
          ? withOptional(
              {},
              { tag: tag && BACKUP_TAG.test(tag) ? tag : undefined, data: data?.slice(0, 200) || undefined },
            )
          : undefined,
      replaces: typeof replaces === 'number' && Number.isSafeInteger(replaces) && replaces > 0 ? replaces : undefined,
    },
  );
}

/** `Backing up` or `Rolling out · 50 %` (the deployment workflow's `in_progress` descriptions); undefined for anything else. */
export function toDeploymentStage(description: string | undefined): DeploymentStage | undefined {
  const text = description?.trim() ?? '';
  if (/^backing up\b/i.test(text)) {
    return { step: 'backingUp' };
  }
  const rolling = /^rolling out\s*·\s*(\d{1,3})\s*%$/i.exec(text);
  const percent = rolling ? Number(rolling[1]) : NaN;
  return percent >= 0 && percent <= 100 ? { step: 'rollingOut', percent } : undefined;
}

export function toRawDeployments(raw: unknown): RawDeployment[] {
  return asArray(raw, 'deployment list').map(toRawDeployment);
}

export function toDeploymentStatuses(raw: unknown): DeploymentStatusInfo[] {
  return asArray(raw, 'deployment status list').map((entry) => {
    const status = asObject(entry, 'deployment status');
    const state = requiredString(status, 'state', 'deployment status');
    return withOptional(
      {
        // An unknown future state is safest shown as still running, not as success or failure.
        state: isGitHubDeploymentState(state) ? state : 'pending',
        createdAt: requiredString(status, 'created_at', 'deployment status'),
      },
      {
        description: optionalString(status, 'description'),
        environmentUrl: optionalString(status, 'environment_url'),
        // `target_url` is the older name of `log_url`.
        logUrl: optionalString(status, 'log_url') ?? optionalString(status, 'target_url'),
      },
    );
  });
}

/** A commit from the compare or commits endpoints. */
export function toCommitInfo(raw: unknown): CommitInfo {
  const entry = asObject(raw, 'commit');
  const commit = asObject(entry.commit, 'commit.commit');
  const gitAuthor = optionalObject(commit, 'author');
  return withOptional(
    {
      sha: requiredString(entry, 'sha', 'commit'),
      subject: requiredString(commit, 'message', 'commit.commit').split('\n', 1)[0] ?? '',
    },
    { author: loginOf(entry, 'author') ?? optionalString(gitAuthor, 'name'), date: optionalString(gitAuthor, 'date') },
  );
}

export function toCompareResult(raw: unknown): CompareResult {
  const comparison = asObject(raw, 'comparison');
  return {
    aheadBy: requiredNumber(comparison, 'ahead_by', 'comparison'),
    behindBy: requiredNumber(comparison, 'behind_by', 'comparison'),
    commits: asArray(comparison.commits, 'comparison.commits').map(toCommitInfo),
  };
}

/** Severity of one Dependabot alert; GitHub's advisory database also says `moderate`. */
function severityOf(alert: JsonObject): SecuritySeverity {
  const severity =
    optionalString(optionalObject(alert, 'security_advisory'), 'severity') ??
    optionalString(optionalObject(alert, 'security_vulnerability'), 'severity');
  switch (severity) {
    case 'critical':
    case 'high':
    case 'low':
      return severity;
    case 'medium':
    case 'moderate':
      return 'medium';
    default:
      // Unknown severity: count it where it is not ignored.
      return 'high';
  }
}

/** Open Dependabot alerts (all pages concatenated) counted by severity. */
export function toSecurityAlerts(raw: unknown, url: string): SecurityAlerts {
  const bySeverity: Record<SecuritySeverity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let total = 0;
  for (const entry of asArray(raw, 'Dependabot alert list')) {
    const alert = asObject(entry, 'Dependabot alert');
    if (optionalString(alert, 'state') !== undefined && alert.state !== 'open') {
      continue;
    }
    bySeverity[severityOf(alert)] += 1;
    total += 1;
  }
  return { available: true, total, bySeverity, url };
}

/** Why Dependabot alerts are unavailable, from a 403/404's GitHub message. */
export function securityUnavailableReason(
  status: number,
  githubMessage: string | undefined,
): 'notEnabled' | 'noAccess' {
  return status === 403 && /disabled|not enabled/i.test(githubMessage ?? '') ? 'notEnabled' : 'noAccess';
}

/** One page of `GET /actions/runs` (`{ total_count, workflow_runs }`). */
export function toWorkflowRuns(raw: unknown): WorkflowRunInfo[] {
  return arrayField(raw, 'workflow_runs', 'workflow runs').map((entry) => {
    const run = asObject(entry, 'workflow run');
    return withOptional(
      {
        id: requiredNumber(run, 'id', 'workflow run'),
        headSha: requiredString(run, 'head_sha', 'workflow run'),
        url: requiredString(run, 'html_url', 'workflow run'),
        createdAt: requiredString(run, 'created_at', 'workflow run'),
      },
      {
        name: optionalString(run, 'name') ?? optionalString(run, 'display_title'),
        displayTitle: optionalString(run, 'display_title'),
        path: optionalString(run, 'path'),
        status: optionalString(run, 'status'),
        conclusion: optionalString(run, 'conclusion'),
        headBranch: optionalString(run, 'head_branch'),
        event: optionalString(run, 'event'),
        updatedAt: optionalString(run, 'updated_at'),
      },
    );
  });
}

/** `GET /git/ref/{ref}` or `POST /git/refs`. */
export function toGitRef(raw: unknown): GitRef {
  const ref = asObject(raw, 'git ref');
  return {
    ref: requiredString(ref, 'ref', 'git ref'),
    sha: requiredString(asObject(ref.object, 'git ref.object'), 'sha', 'git ref.object'),
  };
}

/** Web URL of the repository: `api.github.com` → `github.com`, GHES `https://h/api/v3` → `https://h`. */
export function webUrlOf(apiUrl: string, owner: string, repo: string): string {
  const api = new URL(apiUrl);
  const origin = api.hostname === 'api.github.com' ? 'https://github.com' : api.origin;
  return `${origin}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

/** Copies only the optional fields that have a value, so results compare equal to literal objects. */
function withOptional<T extends object, O extends object>(required: T, optional: O): T & Partial<O> {
  const result: Record<string, unknown> = { ...(required as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      result[key] = value;
    }
  }
  return result as T & Partial<O>;
}

/** The rows of a plain JSON array response (reviews, alerts), validated later by their own reader. */
export function toReviewRows(raw: unknown): readonly unknown[] {
  return asArray(raw, 'review list');
}

export function toAlertRows(raw: unknown): readonly unknown[] {
  return asArray(raw, 'Dependabot alert list');
}

export function toBranchProtection(raw: unknown): Readonly<Record<string, unknown>> {
  return asObject(raw, 'branch protection');
}

/** `GET /user` */
export function toLogin(raw: unknown): string {
  return requiredString(asObject(raw, 'user'), 'login', 'user');
}

/** `GET /actions/runs/{run_id}/jobs`. */
export function toWorkflowJobs(raw: unknown): WorkflowJobInfo[] {
  return arrayField(raw, 'jobs', 'workflow jobs').map((entry) => {
    const job = asObject(entry, 'workflow job');
    return withOptional(
      {
        id: requiredNumber(job, 'id', 'workflow job'),
        runId: requiredNumber(job, 'run_id', 'workflow job'),
        name: requiredString(job, 'name', 'workflow job'),
        status: requiredString(job, 'status', 'workflow job'),
        url: requiredString(job, 'html_url', 'workflow job'),
      },
      {
        conclusion: optionalString(job, 'conclusion'),
        runAttempt: typeof job.run_attempt === 'number' ? job.run_attempt : undefined,
      },
    );
  });
}
