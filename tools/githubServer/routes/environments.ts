/**
 * Deployment environments, as GitHub keeps them: PUT creates or updates one (reviewers,
 * self-review, wait timer, which refs may deploy), GET answers it with its protection
 * rules, and custom branch policies are name patterns for branches or tags. Admin only,
 * like branch protection.
 */
import { nodeId, repoApiUrl, repoWebUrl, simpleUser, type ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, paginate, requireString, validationFailed, type ApiRequest } from '../http';
import type { EnvironmentRecord } from '../policyState';
import type { Route } from '../router';
import { timestamp } from '../state';

function renderEnvironment(context: ServerContext, environment: EnvironmentRecord): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  if (environment.waitTimer > 0) {
    rules.push({
      id: environment.id + 1,
      node_id: nodeId('Gate', environment.id + 1),
      type: 'wait_timer',
      wait_timer: environment.waitTimer,
    });
  }
  if (environment.reviewers.length > 0) {
    rules.push({
      id: environment.id + 2,
      node_id: nodeId('Gate', environment.id + 2),
      type: 'required_reviewers',
      prevent_self_review: environment.preventSelfReview,
      reviewers: environment.reviewers.map((reviewer) => ({
        type: 'User',
        reviewer: simpleUser(context, reviewer.id === viewerIdOf(context) ? context.login : `user-${reviewer.id}`, {
          id: reviewer.id,
        }),
      })),
    });
  }
  if (environment.branchPolicy) {
    rules.push({ id: environment.id + 3, node_id: nodeId('Gate', environment.id + 3), type: 'branch_policy' });
  }
  return {
    id: environment.id,
    node_id: nodeId('Environment', environment.id),
    name: environment.name,
    url: `${repoApiUrl(context)}/environments/${encodeURIComponent(environment.name)}`,
    html_url: `${repoWebUrl(context)}/deployments/activity_log?environments_filter=${encodeURIComponent(environment.name)}`,
    created_at: environment.createdAt,
    updated_at: environment.updatedAt,
    protection_rules: rules,
    deployment_branch_policy: environment.branchPolicy,
  };
}

function viewerIdOf(context: ServerContext): number {
  return simpleUser(context, context.login).id as number;
}

function requireAdmin(context: ServerContext): void {
  if (!context.state.isAdmin) {
    throw new ApiError(403, 'Must have admin rights to Repository.');
  }
}

function findEnvironment(context: ServerContext, request: ApiRequest): EnvironmentRecord {
  const environment = context.state.environments.get(request.params.environment_name ?? '');
  if (!environment) {
    throw notFound();
  }
  return environment;
}

function getEnvironment(request: ApiRequest, context: ServerContext) {
  return ok(renderEnvironment(context, findEnvironment(context, request)));
}

function putEnvironment(request: ApiRequest, context: ServerContext) {
  requireAdmin(context);
  const name = request.params.environment_name ?? '';
  if (!/^[^/:*?"<>|\\]{1,255}$/.test(name)) {
    throw validationFailed([{ resource: 'Environment', field: 'name', code: 'invalid' }]);
  }
  const body = jsonBody(request);
  const waitTimer = body.wait_timer ?? 0;
  if (typeof waitTimer !== 'number' || !Number.isInteger(waitTimer) || waitTimer < 0 || waitTimer > 43_200) {
    throw validationFailed([{ resource: 'Environment', field: 'wait_timer', code: 'invalid' }]);
  }
  const reviewers = Array.isArray(body.reviewers) ? (body.reviewers as { type?: unknown; id?: unknown }[]) : [];
  if (
    reviewers.length > 6 ||
    reviewers.some((r) => (r.type !== 'User' && r.type !== 'Team') || typeof r.id !== 'number')
  ) {
    throw validationFailed([{ resource: 'Environment', field: 'reviewers', code: 'invalid' }]);
  }
  const policy = body.deployment_branch_policy as
    { protected_branches?: unknown; custom_branch_policies?: unknown } | null | undefined;
  if (
    policy &&
    (typeof policy.protected_branches !== 'boolean' || policy.protected_branches === policy.custom_branch_policies)
  ) {
    throw new ApiError(
      422,
      'Invalid request.\n\nExactly one of protected_branches and custom_branch_policies must be true.',
    );
  }
  const environment = context.state.environmentNamed(name);
  environment.updatedAt = timestamp();
  environment.waitTimer = waitTimer;
  environment.preventSelfReview = body.prevent_self_review === true;
  environment.reviewers = reviewers.map((r) => ({ type: r.type as 'User' | 'Team', id: r.id as number }));
  environment.branchPolicy = policy
    ? {
        protected_branches: policy.protected_branches as boolean,
        custom_branch_policies: policy.custom_branch_policies === true,
      }
    : null;
  return ok(renderEnvironment(context, environment));
}

/** `GET …/environments`: every environment, by name, with an ETag like any list (empty when there are none). */
function listEnvironments(request: ApiRequest, context: ServerContext) {
  const all = [...context.state.environments.values()].sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(all, request);
  return ok(
    {
      total_count: all.length,
      environments: page.items.map((environment) => renderEnvironment(context, environment)),
    },
    200,
    page.headers,
  );
}

function listBranchPolicies(request: ApiRequest, context: ServerContext) {
  const environment = findEnvironment(context, request);
  const page = paginate(environment.patterns, request);
  return ok(
    {
      total_count: environment.patterns.length,
      branch_policies: page.items.map((p) => ({
        id: p.id,
        node_id: nodeId('GateBranchPolicy', p.id),
        name: p.name,
        type: p.type,
      })),
    },
    200,
    page.headers,
  );
}

function createBranchPolicy(request: ApiRequest, context: ServerContext) {
  requireAdmin(context);
  const environment = findEnvironment(context, request);
  if (!environment.branchPolicy?.custom_branch_policies) {
    throw notFound();
  }
  const body = jsonBody(request);
  const name = requireString(body, 'name', 'DeploymentBranchPolicy');
  const type = body.type === 'tag' ? 'tag' : 'branch';
  if (environment.patterns.some((p) => p.name === name && p.type === type)) {
    throw validationFailed([{ resource: 'DeploymentBranchPolicy', field: 'name', code: 'already_exists' }]);
  }
  const pattern = { id: context.state.nextId(), name, type } as const;
  environment.patterns.push({ ...pattern });
  return ok({ id: pattern.id, node_id: nodeId('GateBranchPolicy', pattern.id), name, type });
}

export const environmentRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/environments', handler: listEnvironments },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
    handler: listBranchPolicies,
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
    handler: createBranchPolicy,
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/environments/{environment_name}', handler: getEnvironment },
  { method: 'PUT', template: '/repos/{owner}/{repo}/environments/{environment_name}', handler: putEnvironment },
];
