/** `GET|PATCH /repos/{owner}/{repo}`, `GET /user` and `GET /rate_limit`. */
import { repository, simpleUser, type ServerContext } from '../context';
import { ApiError, jsonBody, ok, type ApiRequest } from '../http';
import type { Route } from '../router';

function authenticatedUser(context: ServerContext): Record<string, unknown> {
  return {
    ...simpleUser(context, context.login),
    name: 'Ada Developer',
    company: null,
    blog: '',
    location: null,
    email: 'ada@example.com',
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: 'ada@example.com',
    public_repos: 3,
    public_gists: 0,
    followers: 1,
    following: 0,
    created_at: '2019-03-14T09:26:53Z',
    updated_at: context.state.createdAt,
    private_gists: 0,
    total_private_repos: 1,
    owned_private_repos: 1,
    disk_usage: 108,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'pro', space: 976562499, collaborators: 0, private_repos: 9999 },
  };
}

function rateLimitOverview(context: ServerContext): Record<string, unknown> {
  const core = { ...context.rateLimit(), resource: 'core' };
  const untouched = (limit: number, resource: string) => ({
    limit,
    remaining: limit,
    reset: core.reset,
    used: 0,
    resource,
  });
  return {
    resources: {
      core,
      search: untouched(30, 'search'),
      graphql: untouched(5000, 'graphql'),
      integration_manifest: untouched(5000, 'integration_manifest'),
      code_search: untouched(10, 'code_search'),
    },
    rate: core,
  };
}

/**
 * `PATCH /repos/{owner}/{repo}`, the part EnvFlow sends: secret scanning and its push
 * protection. Admins only; where the plan has no secret scanning (`forbidden`), GitHub
 * answers 422.
 */
async function updateRepository(request: ApiRequest, context: ServerContext) {
  if (!context.state.isAdmin) {
    throw new ApiError(403, 'Must have admin rights to Repository.', {}, UPDATE_DOCS);
  }
  const body = jsonBody(request);
  const settings = (body.security_and_analysis ?? {}) as Record<string, { status?: unknown } | undefined>;
  const security = context.state.security;
  const wanted = (key: string) => settings[key]?.status;
  if (
    (wanted('secret_scanning') === 'enabled' || wanted('secret_scanning_push_protection') === 'enabled') &&
    security.secretScanning === 'forbidden'
  ) {
    throw new ApiError(
      422,
      'Secret scanning is not available for this repository: it needs GitHub Advanced Security on its plan.',
      {},
      UPDATE_DOCS,
    );
  }
  if (wanted('secret_scanning') === 'enabled') {
    security.secretScanning = 'enabled';
  } else if (wanted('secret_scanning') === 'disabled') {
    security.secretScanning = 'disabled';
  }
  if (wanted('secret_scanning_push_protection') !== undefined) {
    security.pushProtection = wanted('secret_scanning_push_protection') === 'enabled';
  }
  return ok(repository(context, await context.git.defaultBranch(), true));
}

const UPDATE_DOCS = '/repos/repos#update-a-repository';

export const repositoryRoutes: readonly Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}',
    handler: async (_request, context) => ok(repository(context, await context.git.defaultBranch(), true)),
  },
  { method: 'PATCH', template: '/repos/{owner}/{repo}', handler: updateRepository },
  { method: 'GET', template: '/user', handler: (_request, context) => ok(authenticatedUser(context)) },
  { method: 'GET', template: '/rate_limit', handler: (_request, context) => ok(rateLimitOverview(context)) },
];
