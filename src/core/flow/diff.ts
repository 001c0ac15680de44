/**
 * What changed between two snapshots that a user should hear about:
 * the monitor diffs each refresh against the previous one and notifies once per
 * transition, never again for an unchanged state.
 */
import { isFailedDeploymentState, isFinalDeploymentState } from './checks';
import type {
  AutomaticRollback,
  CheckSummary,
  DeploymentInfo,
  PullRequestInfo,
  RepositorySnapshot,
  WaitingApproval,
} from '../model/snapshot';

/** One piece of news, derived from two consecutive snapshots of the same repository. */
export type Transition =
  | { readonly kind: 'productionDeploymentFailed'; readonly deployment: DeploymentInfo }
  /** The deployment workflow restored the last good version by itself after a failed stage. */
  | { readonly kind: 'automaticRollback'; readonly rollback: AutomaticRollback }
  | { readonly kind: 'developChecksFailed'; readonly sha: string; readonly failing: string[] }
  | {
      readonly kind: 'pullRequestChecksFinished';
      readonly pullRequest: PullRequestInfo;
      readonly state: 'passing' | 'failing';
    }
  | {
      readonly kind: 'deploymentFinished';
      readonly environment: 'development' | 'production';
      readonly deployment: DeploymentInfo;
    }
  /** A deployment began waiting on its environment's required reviewers: once per wait. */
  | { readonly kind: 'deploymentWaiting'; readonly approval: WaitingApproval };

/**
 * The transitions from `previous` to `next`, in the order a user should read them
 * (production first).
 *
 * Silent when there is nothing to compare against: on the first load, when `previous`
 * holds no GitHub data (local only, signed out, or failed before any data arrived,
 * so everything would look new), and when `next` is not fresh GitHub data (carried
 * over data is not news). Silent for identical states: `diff(s, s)` is `[]`.
 */
export function diff(previous: RepositorySnapshot | undefined, next: RepositorySnapshot): Transition[] {
  if (!previous || previous.root !== next.root || !hasGitHubData(previous) || !isFresh(next)) {
    return [];
  }
  return [
    ...productionFailure(previous, next),
    ...automaticRollback(previous, next),
    ...developChecksFailure(previous, next),
    ...deploymentFinished('development', previous.development.deployment, next.development.deployment),
    // A production failure is announced once, as the failure above; an automatic rollback as itself.
    ...deploymentFinished('production', previous.production.deployment, next.production.deployment).filter(
      (t) => !isFailedDeploymentState(t.deployment.state) && t.deployment.kind !== 'automatic-rollback',
    ),
    ...pullRequestChecksFinished(previous, next),
    ...deploymentWaiting(previous, next),
  ];
}

/**
 * Waits that were not there before. Only against a snapshot that read approvals: the
 * first read of them finds waits the user has not been told about, but is no change.
 */
function deploymentWaiting(previous: RepositorySnapshot, next: RepositorySnapshot): Transition[] {
  const waitsOf = (s: RepositorySnapshot) =>
    s.production.approvals && s.development.approvals
      ? [...s.production.approvals, ...s.development.approvals]
      : undefined;
  const before = waitsOf(previous);
  if (!before) {
    return [];
  }
  const known = new Set(before.map(waitKey));
  return (waitsOf(next) ?? [])
    .filter((approval) => !known.has(waitKey(approval)))
    .map((approval) => ({ kind: 'deploymentWaiting', approval }));
}

function waitKey(approval: WaitingApproval): string {
  return `${approval.runId}/${approval.environmentId}`;
}

function isFresh(snapshot: RepositorySnapshot): boolean {
  return snapshot.connection.state === 'ok' && !snapshot.stale;
}

/** A stale snapshot carries the last good GitHub data, which is a fair baseline. */
function hasGitHubData(snapshot: RepositorySnapshot): boolean {
  return snapshot.connection.state === 'ok' || snapshot.stale;
}

function productionFailure(previous: RepositorySnapshot, next: RepositorySnapshot): Transition[] {
  const before = previous.production.deployment;
  const now = next.production.deployment;
  if (!now || !isFailedDeploymentState(now.state)) {
    return [];
  }
  // failure → error on the same deployment is the same bad news.
  const alreadyKnown = before?.id === now.id && isFailedDeploymentState(before.state);
  return alreadyKnown ? [] : [{ kind: 'productionDeploymentFailed', deployment: now }];
}

/** Once, when the automatic rollback's deployment has succeeded: production runs the last good version again. */
function automaticRollback(previous: RepositorySnapshot, next: RepositorySnapshot): Transition[] {
  const now = next.production.automaticRollback;
  if (!now || now.deployment.state !== 'success') {
    return [];
  }
  const before = previous.production.automaticRollback;
  const alreadyKnown = before?.deployment.id === now.deployment.id && before.deployment.state === 'success';
  return alreadyKnown ? [] : [{ kind: 'automaticRollback', rollback: now }];
}

function developChecksFailure(previous: RepositorySnapshot, next: RepositorySnapshot): Transition[] {
  const sha = next.development.head?.sha;
  const checks = next.development.checks;
  if (!sha || checks?.state !== 'failing') {
    return [];
  }
  const alreadyKnown = previous.development.head?.sha === sha && previous.development.checks?.state === 'failing';
  return alreadyKnown ? [] : [{ kind: 'developChecksFailed', sha, failing: [...checks.failing] }];
}

function deploymentFinished(
  environment: 'development' | 'production',
  before: DeploymentInfo | undefined,
  now: DeploymentInfo | undefined,
): (Transition & { kind: 'deploymentFinished' })[] {
  if (!now || !isFinalDeploymentState(now.state)) {
    return [];
  }
  const alreadyKnown = before?.id === now.id && isFinalDeploymentState(before.state);
  return alreadyKnown ? [] : [{ kind: 'deploymentFinished', environment, deployment: now }];
}

function pullRequestChecksFinished(previous: RepositorySnapshot, next: RepositorySnapshot): Transition[] {
  const before = previous.local.pullRequest;
  const now = next.local.pullRequest;
  if (!before || !now || before.number !== now.number || before.headSha !== now.headSha) {
    return [];
  }
  const state = finishedState(before.checks, now.checks);
  return state ? [{ kind: 'pullRequestChecksFinished', pullRequest: now, state }] : [];
}

/** Only pending → final counts: a new head sha restarts the checks and is not "finished". */
function finishedState(
  before: CheckSummary | undefined,
  now: CheckSummary | undefined,
): 'passing' | 'failing' | undefined {
  if (before?.state !== 'pending') {
    return undefined;
  }
  return now?.state === 'passing' || now?.state === 'failing' ? now.state : undefined;
}
