/**
 * Branch protection: PUT stores GitHub's four required settings and answers the stored
 * protection; GET answers it or 404 "Branch not protected". Only admins may touch it,
 * as on GitHub (a non-admin reads 404 and writes 403).
 */
import { repoApiUrl, simpleUser, type ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, type ApiRequest } from '../http';
import type { Route } from '../router';
import type { ProtectionBody } from '../state';

const requiredFields = [
  'required_status_checks',
  'enforce_admins',
  'required_pull_request_reviews',
  'restrictions',
] as const;

function renderProtection(context: ServerContext, branch: string, body: ProtectionBody): Record<string, unknown> {
  const url = `${repoApiUrl(context)}/branches/${branch}/protection`;
  const enabled = (value: boolean | null | undefined) => ({ enabled: value === true });
  const rendered: Record<string, unknown> = {
    url,
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: body.enforce_admins === true },
    required_linear_history: enabled(body.required_linear_history),
    allow_force_pushes: enabled(body.allow_force_pushes),
    allow_deletions: enabled(body.allow_deletions),
    block_creations: enabled(body.block_creations),
    required_conversation_resolution: enabled(body.required_conversation_resolution),
    lock_branch: enabled(body.lock_branch),
    allow_fork_syncing: enabled(body.allow_fork_syncing),
  };
  const checks = body.required_status_checks;
  if (checks) {
    const contexts = [...new Set([...checks.contexts, ...(checks.checks ?? []).map((check) => check.context)])];
    rendered.required_status_checks = {
      url: `${url}/required_status_checks`,
      strict: checks.strict,
      contexts,
      contexts_url: `${url}/required_status_checks/contexts`,
      checks: contexts.map((name) => ({
        context: name,
        app_id: checks.checks?.find((check) => check.context === name)?.app_id ?? null,
      })),
    };
  }
  const reviews = body.required_pull_request_reviews;
  if (reviews) {
    rendered.required_pull_request_reviews = {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: reviews.dismiss_stale_reviews ?? false,
      require_code_owner_reviews: reviews.require_code_owner_reviews ?? false,
      require_last_push_approval: reviews.require_last_push_approval ?? false,
      required_approving_review_count: reviews.required_approving_review_count ?? 1,
    };
  }
  if (body.restrictions) {
    const restrictionsUrl = `${url}/restrictions`;
    rendered.restrictions = {
      url: restrictionsUrl,
      users_url: `${restrictionsUrl}/users`,
      teams_url: `${restrictionsUrl}/teams`,
      apps_url: `${restrictionsUrl}/apps`,
      users: body.restrictions.users.map((login) => simpleUser(context, login)),
      teams: [],
      apps: [],
    };
  }
  return rendered;
}

/** The `protected` and `protection` fields of `GET /branches/{branch}`. */
export function renderBranchProtectionSummary(context: ServerContext, branch: string): Record<string, unknown> {
  const checks = context.state.protection.get(branch)?.body.required_status_checks;
  const isProtected = context.state.protection.has(branch);
  return {
    protected: isProtected,
    protection: {
      enabled: isProtected,
      required_status_checks: {
        enforcement_level: checks ? 'non_admins' : 'off',
        contexts: checks?.contexts ?? [],
        checks: (checks?.contexts ?? []).map((name) => ({ context: name, app_id: null })),
      },
    },
  };
}

function existingBranch(context: ServerContext, request: ApiRequest): string {
  const branch = request.params.branch ?? '';
  if (!context.git.branchSha(branch)) {
    throw notFound('Branch not found');
  }
  return branch;
}

function getProtection(request: ApiRequest, context: ServerContext) {
  if (!context.state.isAdmin) {
    throw notFound();
  }
  const branch = existingBranch(context, request);
  const stored = context.state.protection.get(branch);
  if (!stored) {
    throw new ApiError(404, 'Branch not protected', {}, '/branches/branch-protection#get-branch-protection');
  }
  return ok(renderProtection(context, branch, stored.body));
}

function putProtection(request: ApiRequest, context: ServerContext) {
  if (!context.state.isAdmin) {
    throw new ApiError(403, 'Must have admin rights to Repository.');
  }
  const branch = existingBranch(context, request);
  const body = jsonBody(request);
  const missing = requiredFields.filter((field) => !(field in body));
  if (missing.length > 0) {
    throw new ApiError(422, `Invalid request.\n\n${missing.map((field) => `"${field}" wasn't supplied.`).join('\n')}`);
  }
  const checks = body.required_status_checks as ProtectionBody['required_status_checks'];
  if (
    checks !== null &&
    (typeof checks !== 'object' ||
      typeof checks.strict !== 'boolean' ||
      (!Array.isArray(checks.contexts) && !Array.isArray(checks.checks)))
  ) {
    throw new ApiError(
      422,
      'Invalid request.\n\nFor \'properties/required_status_checks\', {} is not a valid value: "strict" and "contexts" are required.',
    );
  }
  const normalized: ProtectionBody = {
    ...(body as unknown as ProtectionBody),
    required_status_checks: checks && { ...checks, contexts: checks.contexts ?? [] },
  };
  context.state.protection.set(branch, { branch, body: normalized });
  return ok(renderProtection(context, branch, normalized));
}

export const protectionRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/branches/{branch+}/protection', handler: getProtection },
  { method: 'PUT', template: '/repos/{owner}/{repo}/branches/{branch+}/protection', handler: putProtection },
];
