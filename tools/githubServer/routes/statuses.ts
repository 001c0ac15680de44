/**
 * Commit statuses: create on a SHA, list for a ref (newest first), and the combined
 * status, whose state GitHub computes from the latest status of each context.
 */
import { commitOfRef, nodeId, repoApiUrl, repository, viewer, type ServerContext } from '../context';
import {
  ApiError,
  jsonBody,
  ok,
  optionalString,
  paginate,
  requireString,
  validationFailed,
  type ApiRequest,
} from '../http';
import type { Route } from '../router';
import { timestamp, type CommitStatusRecord } from '../state';
import type { CommitState, CommitStatusInput } from '../types';

const commitStates: readonly CommitState[] = ['error', 'failure', 'pending', 'success'];
const avatarUrl = 'https://avatars.githubusercontent.com/u/9919?v=4';

export function addCommitStatus(context: ServerContext, sha: string, input: CommitStatusInput): CommitStatusRecord {
  if (!commitStates.includes(input.state)) {
    throw validationFailed([
      { resource: 'Status', field: 'state', code: 'custom', message: 'state is not included in the list' },
    ]);
  }
  const status: CommitStatusRecord = {
    id: context.state.nextId(),
    sha,
    state: input.state,
    context: input.context || 'default',
    description: input.description ?? null,
    targetUrl: input.target_url ?? null,
    createdAt: timestamp(),
  };
  context.state.commitStatuses.push(status);
  return status;
}

/** The newest status of each context on `sha`, newest first. */
export function latestStatusPerContext(context: ServerContext, sha: string): CommitStatusRecord[] {
  const seen = new Set<string>();
  return statusesNewestFirst(context, sha).filter((status) => !seen.has(status.context) && seen.add(status.context));
}

function statusesNewestFirst(context: ServerContext, sha: string): CommitStatusRecord[] {
  return context.state.commitStatuses.filter((status) => status.sha === sha).reverse();
}

/** GitHub: any error/failure → failure; any pending, or no status at all → pending; else success. */
function combinedState(statuses: readonly CommitStatusRecord[]): CommitState {
  if (statuses.some((status) => status.state === 'error' || status.state === 'failure')) {
    return 'failure';
  }
  if (statuses.length === 0 || statuses.some((status) => status.state === 'pending')) {
    return 'pending';
  }
  return 'success';
}

function renderSimpleStatus(context: ServerContext, status: CommitStatusRecord): Record<string, unknown> {
  return {
    url: `${repoApiUrl(context)}/statuses/${status.sha}`,
    avatar_url: avatarUrl,
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}

function renderStatus(context: ServerContext, status: CommitStatusRecord): Record<string, unknown> {
  return { ...renderSimpleStatus(context, status), creator: viewer(context) };
}

async function combinedStatus(request: ApiRequest, context: ServerContext) {
  const sha = commitOfRef(context, request.params.ref ?? '', 404);
  const latest = latestStatusPerContext(context, sha);
  const page = paginate(latest, request);
  const api = repoApiUrl(context);
  const full = repository(context, await context.git.defaultBranch());
  return ok({
    state: combinedState(latest),
    statuses: page.items.map((status) => renderSimpleStatus(context, status)),
    sha,
    total_count: latest.length,
    repository: full,
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  });
}

function createStatusRoute(request: ApiRequest, context: ServerContext) {
  const sha = request.params.sha ?? '';
  // GitHub wants the full SHA of an existing commit here, not a branch name.
  if (!/^[0-9a-f]{40}$/i.test(sha) || context.git.resolveCommit(sha) !== sha.toLowerCase()) {
    throw new ApiError(422, `No commit found for SHA: ${sha}`);
  }
  const body = jsonBody(request);
  const status = addCommitStatus(context, sha.toLowerCase(), {
    state: requireString(body, 'state', 'Status') as CommitState,
    context: optionalString(body, 'context') ?? 'default',
    description: optionalString(body, 'description'),
    target_url: optionalString(body, 'target_url'),
  });
  return ok(renderStatus(context, status), 201, { location: `${repoApiUrl(context)}/statuses/${sha}` });
}

export const statusRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref+}/status', handler: combinedStatus },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits/{ref+}/statuses',
    handler: (request, context) => {
      const sha = commitOfRef(context, request.params.ref ?? '', 404);
      const page = paginate(statusesNewestFirst(context, sha), request);
      return ok(
        page.items.map((status) => renderStatus(context, status)),
        200,
        page.headers,
      );
    },
  },
  { method: 'POST', template: '/repos/{owner}/{repo}/statuses/{sha}', handler: createStatusRoute },
];
