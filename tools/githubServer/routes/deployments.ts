/**
 * Deployments and their statuses, as GitHub keeps them: newest first, filterable by
 * environment/sha/ref/task, with GitHub's refusal to deploy a commit whose required
 * contexts are not green, and `auto_inactive` retiring older non-production deployments.
 */
import { nodeId, repoApiUrl, simpleUser, viewer, type ServerContext } from '../context';
import {
  ApiError,
  jsonBody,
  notFound,
  ok,
  optionalString,
  paginate,
  requireString,
  validationFailed,
  type ApiRequest,
} from '../http';
import type { Route } from '../router';
import { timestamp, type DeploymentRecord, type DeploymentStatusRecord } from '../state';
import type { DeploymentInput, DeploymentState, DeploymentStatusInput } from '../types';
import { latestStatusPerContext } from './statuses';

const deploymentStates: readonly DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
];

/** Stores a deployment (resolving its SHA in the bare repository) and starts its scripted statuses. */
export function createDeployment(context: ServerContext, input: DeploymentInput): DeploymentRecord {
  const sha = input.sha ?? context.git.resolveCommit(input.ref);
  if (!sha) {
    throw new ApiError(422, `No ref found for: ${input.ref}`);
  }
  const now = timestamp();
  const deployment: DeploymentRecord = {
    id: context.state.nextId(),
    sha,
    ref: input.ref,
    task: input.task ?? 'deploy',
    environment: input.environment,
    description: input.description ?? null,
    payload: input.payload ?? {},
    transientEnvironment: input.transient_environment ?? false,
    productionEnvironment: input.production_environment ?? input.environment === 'production',
    ...(input.creator !== undefined ? { creator: input.creator } : {}),
    createdAt: now,
    updatedAt: now,
  };
  context.state.deployments.push(deployment);
  context.deploymentCreated(deployment);
  return deployment;
}

export function addDeploymentStatus(
  context: ServerContext,
  deploymentId: number,
  input: DeploymentStatusInput,
): DeploymentStatusRecord {
  const { state } = context;
  const deployment = state.deployments.find((candidate) => candidate.id === deploymentId);
  if (!deployment) {
    throw notFound();
  }
  if (!deploymentStates.includes(input.state)) {
    throw validationFailed([{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }]);
  }
  const now = timestamp();
  const status: DeploymentStatusRecord = {
    id: state.nextId(),
    deploymentId,
    state: input.state,
    description: input.description ?? '',
    environmentUrl: input.environment_url ?? '',
    logUrl: input.log_url ?? '',
    createdAt: now,
  };
  state.deploymentStatuses.push(status);
  deployment.updatedAt = now;
  return status;
}

/**
 * GitHub's `auto_inactive` (default true): a new success marks earlier successful
 * deployments of the same non-transient, non-production environment inactive.
 */
function retireOlderDeployments(context: ServerContext, current: DeploymentRecord): void {
  if (current.productionEnvironment || current.transientEnvironment) {
    return;
  }
  for (const older of context.state.deployments) {
    const latest = context.state.statusesOf(older.id).at(-1);
    if (older.id !== current.id && older.environment === current.environment && latest?.state === 'success') {
      addDeploymentStatus(context, older.id, { state: 'inactive', description: 'Superseded by a newer deployment' });
    }
  }
}

export function renderDeployment(context: ServerContext, deployment: DeploymentRecord): Record<string, unknown> {
  const url = `${repoApiUrl(context)}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId('Deployment', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator:
      deployment.creator === undefined
        ? viewer(context)
        : simpleUser(context, deployment.creator, deployment.creator.endsWith('[bot]') ? { type: 'Bot' } : {}),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: repoApiUrl(context),
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: null,
  };
}

/**
 * Unset URLs are "" as GitHub really sends them, although its OpenAPI description says
 * `format: uri`; the conformance test therefore posts statuses with their URLs.
 */
function renderStatus(
  context: ServerContext,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord,
): Record<string, unknown> {
  const deploymentUrl = `${repoApiUrl(context)}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DeploymentStatus', status.id),
    state: status.state,
    creator: viewer(context),
    description: status.description,
    environment: deployment.environment,
    target_url: status.logUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: repoApiUrl(context),
    environment_url: status.environmentUrl,
    log_url: status.logUrl,
    performed_via_github_app: null,
  };
}

function findDeployment(context: ServerContext, request: ApiRequest): DeploymentRecord {
  const deployment = context.state.deployments.find(
    (candidate) => String(candidate.id) === request.params.deployment_id,
  );
  if (!deployment) {
    throw notFound();
  }
  return deployment;
}

/** GitHub refuses (409) to deploy a commit whose required contexts are not all successful. */
function assertRequiredContextsPass(
  context: ServerContext,
  sha: string,
  ref: string,
  required: readonly string[] | undefined,
): void {
  const statuses = latestStatusPerContext(context, sha);
  const checks = context.state.checkRuns.filter((run) => run.headSha === sha);
  const results = new Map<string, boolean>([
    ...statuses.map((status) => [status.context, status.state === 'success'] as const),
    ...checks.map(
      (run) =>
        [
          run.name,
          run.status === 'completed' && ['success', 'neutral', 'skipped'].includes(run.conclusion ?? ''),
        ] as const,
    ),
  ]);
  const contexts = required ?? [...results.keys()];
  const failing = contexts.filter((name) => results.get(name) !== true);
  if (failing.length > 0) {
    throw new ApiError(409, `Conflict: Commit status checks failed for ${ref}.`, {
      errors: failing.map((name) => ({
        contexts: [{ context: name, state: results.has(name) ? 'failure' : 'missing' }],
        resource: 'Deployment',
        field: 'required_contexts',
        code: 'invalid',
      })),
    });
  }
}

async function createDeploymentRoute(request: ApiRequest, context: ServerContext) {
  const body = jsonBody(request);
  const ref = requireString(body, 'ref', 'Deployment');
  const sha = context.git.resolveCommit(ref);
  if (!sha) {
    throw new ApiError(422, `No ref found for: ${ref}`);
  }
  const required = Array.isArray(body.required_contexts) ? body.required_contexts.map(String) : undefined;
  assertRequiredContextsPass(context, sha, ref, required);
  const deployment = createDeployment(context, {
    ref,
    sha,
    environment: optionalString(body, 'environment') ?? 'production',
    description: optionalString(body, 'description'),
    task: optionalString(body, 'task'),
    payload:
      typeof body.payload === 'object' && body.payload !== null
        ? (body.payload as Record<string, unknown>)
        : optionalString(body, 'payload'),
    transient_environment: typeof body.transient_environment === 'boolean' ? body.transient_environment : undefined,
    production_environment: typeof body.production_environment === 'boolean' ? body.production_environment : undefined,
  });
  return ok(renderDeployment(context, deployment), 201);
}

function listDeployments(request: ApiRequest, context: ServerContext) {
  const filters = ['sha', 'ref', 'task', 'environment'] as const;
  const matching = context.state.deployments
    .filter((deployment) =>
      filters.every(
        (filter) => request.query.get(filter) === null || String(deployment[filter]) === request.query.get(filter),
      ),
    )
    .sort((a, b) => b.id - a.id);
  const page = paginate(matching, request);
  return ok(
    page.items.map((deployment) => renderDeployment(context, deployment)),
    200,
    page.headers,
  );
}

function createStatusRoute(request: ApiRequest, context: ServerContext) {
  const deployment = findDeployment(context, request);
  const body = jsonBody(request);
  const state = requireString(body, 'state', 'DeploymentStatus') as DeploymentState;
  const status = addDeploymentStatus(context, deployment.id, {
    state,
    description: optionalString(body, 'description'),
    environment_url: optionalString(body, 'environment_url'),
    log_url: optionalString(body, 'log_url') ?? optionalString(body, 'target_url'),
  });
  if (state === 'success' && body.auto_inactive !== false) {
    retireOlderDeployments(context, deployment);
  }
  return ok(renderStatus(context, deployment, status), 201);
}

export const deploymentRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/deployments', handler: listDeployments },
  { method: 'POST', template: '/repos/{owner}/{repo}/deployments', handler: createDeploymentRoute },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/deployments/{deployment_id}',
    handler: (request, context) => ok(renderDeployment(context, findDeployment(context, request))),
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    handler: (request, context) => {
      const deployment = findDeployment(context, request);
      const newestFirst = [...context.state.statusesOf(deployment.id)].reverse();
      const page = paginate(newestFirst, request);
      return ok(
        page.items.map((status) => renderStatus(context, deployment, status)),
        200,
        page.headers,
      );
    },
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    handler: createStatusRoute,
  },
];
