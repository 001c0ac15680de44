/**
 * Deployments a workflow run waits on: the environments whose required reviewers must
 * approve, who those are and since when, and the review itself. Approving creates the
 * deployments and lets the run go on; rejecting ends the run, as on GitHub.
 */
import { nodeId, repoApiUrl, repoWebUrl, simpleUser, type ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, validationFailed, type ApiRequest } from '../http';
import type { Route } from '../router';
import type { EnvironmentReviewer, PendingDeploymentRecord } from '../securityRecords';
import { timestamp, type WorkflowRunRecord } from '../state';
import { createDeployment, renderDeployment } from './deployments';

export interface PendingDeploymentInput {
  readonly runId: number;
  readonly environment: string;
  readonly reviewers: readonly EnvironmentReviewer[];
  readonly waitTimer?: number;
  readonly preventSelfReview?: boolean;
  /** Defaults to now. */
  readonly waitingSince?: string;
}

/** Makes a run wait for review in `environment`; the run's status becomes `waiting`. */
export function addPendingDeployment(context: ServerContext, input: PendingDeploymentInput): PendingDeploymentRecord {
  const run = runOf(context, input.runId);
  const record: PendingDeploymentRecord = {
    runId: run.id,
    environmentId: environmentIdOf(context, input.environment),
    environment: input.environment,
    waitTimer: input.waitTimer ?? 0,
    waitingSince: input.waitingSince ?? timestamp(),
    reviewers: [...input.reviewers],
    preventSelfReview: input.preventSelfReview ?? false,
  };
  context.state.security.pendingDeployments.push(record);
  run.status = 'waiting';
  run.conclusion = null;
  return record;
}

/** Environment ids are stable per name, as GitHub's are per repository. */
function environmentIdOf(context: ServerContext, name: string): number {
  const known = context.state.security.pendingDeployments.find((pending) => pending.environment === name);
  return known?.environmentId ?? context.state.nextId();
}

function runOf(context: ServerContext, runId: number): WorkflowRunRecord {
  const run = context.state.workflowRuns.find((candidate) => candidate.id === runId);
  if (!run) {
    throw notFound();
  }
  return run;
}

/** Why the token's user may not review, or undefined when they may. Every run here was triggered by that user. */
function refusalOf(context: ServerContext, pending: PendingDeploymentRecord): string | undefined {
  const isReviewer = pending.reviewers.some((reviewer) => reviewer.type === 'User' && reviewer.name === context.login);
  if (!isReviewer) {
    return `You are not a required reviewer of the ${pending.environment} environment.`;
  }
  if (pending.preventSelfReview) {
    return `Self-review is prevented in the ${pending.environment} environment: someone other than the user who triggered the run must approve it.`;
  }
  return undefined;
}

function renderReviewer(context: ServerContext, reviewer: EnvironmentReviewer): Record<string, unknown> {
  if (reviewer.type === 'User') {
    return { type: 'User', reviewer: simpleUser(context, reviewer.name) };
  }
  const id = context.state.nextId();
  const url = `${context.apiUrl}/orgs/${context.owner}/teams/${reviewer.name}`;
  return {
    type: 'Team',
    reviewer: {
      id,
      node_id: nodeId('Team', reviewer.name),
      url,
      html_url: `${context.webUrl}/orgs/${context.owner}/teams/${reviewer.name}`,
      name: reviewer.name,
      slug: reviewer.name,
      description: null,
      privacy: 'closed',
      permission: 'pull',
      members_url: `${url}/members{/member}`,
      repositories_url: `${url}/repos`,
      parent: null,
      type: 'organization',
    },
  };
}

function renderPending(context: ServerContext, pending: PendingDeploymentRecord): Record<string, unknown> {
  return {
    environment: {
      id: pending.environmentId,
      node_id: nodeId('Environment', pending.environmentId),
      name: pending.environment,
      url: `${repoApiUrl(context)}/environments/${encodeURIComponent(pending.environment)}`,
      html_url: `${repoWebUrl(context)}/deployments/activity_log?environments_filter=${encodeURIComponent(pending.environment)}`,
    },
    wait_timer: pending.waitTimer,
    wait_timer_started_at: pending.waitingSince,
    current_user_can_approve: refusalOf(context, pending) === undefined,
    reviewers: pending.reviewers.map((reviewer) => renderReviewer(context, reviewer)),
  };
}

function waitingOf(context: ServerContext, runId: number): PendingDeploymentRecord[] {
  return context.state.security.pendingDeployments.filter(
    (pending) => pending.runId === runId && pending.review === undefined,
  );
}

function listPending(request: ApiRequest, context: ServerContext) {
  const run = runOf(context, Number(request.params.run_id));
  return ok(waitingOf(context, run.id).map((pending) => renderPending(context, pending)));
}

function reviewPending(request: ApiRequest, context: ServerContext) {
  const run = runOf(context, Number(request.params.run_id));
  const body = jsonBody(request);
  const ids = body.environment_ids;
  const state = body.state;
  const comment = body.comment;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isInteger(id))) {
    throw validationFailed([{ resource: 'DeploymentReview', field: 'environment_ids', code: 'missing_field' }]);
  }
  if (state !== 'approved' && state !== 'rejected') {
    throw validationFailed([{ resource: 'DeploymentReview', field: 'state', code: 'invalid' }]);
  }
  if (typeof comment !== 'string') {
    throw validationFailed([{ resource: 'DeploymentReview', field: 'comment', code: 'missing_field' }]);
  }
  const waiting = waitingOf(context, run.id);
  const chosen = (ids as number[]).map((id) => waiting.find((pending) => pending.environmentId === id));
  if (chosen.some((pending) => pending === undefined)) {
    throw new ApiError(
      422,
      'No pending deployment requests to approve or reject.',
      {},
      '/actions/workflow-runs#review-pending-deployments-for-a-workflow-run',
    );
  }
  const pendings = chosen as PendingDeploymentRecord[];
  for (const pending of pendings) {
    const refusal = refusalOf(context, pending);
    if (refusal) {
      throw new ApiError(422, refusal, {}, '/actions/workflow-runs#review-pending-deployments-for-a-workflow-run');
    }
  }
  for (const pending of pendings) {
    pending.review = { state, comment, login: context.login };
  }
  if (state === 'rejected') {
    run.status = 'completed';
    run.conclusion = 'failure';
    return ok([]);
  }
  if (waitingOf(context, run.id).length === 0) {
    run.status = 'in_progress';
  }
  const deployments = pendings.map((pending) =>
    createDeployment(context, { ref: run.branch, sha: run.sha, environment: pending.environment }),
  );
  return ok(deployments.map((deployment) => renderDeployment(context, deployment)));
}

export const pendingDeploymentRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', handler: listPending },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
    handler: reviewPending,
  },
];
