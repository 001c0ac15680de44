/**
 * Git refs and branches, read from and created in the bare repository itself, so a
 * ref created here is one `git fetch` brings down.
 */
import { GitCommandError, NO_OBJECT, type GitRefEntry } from '../bareRepository';
import { renderCommit } from '../commitShape';
import { nodeId, repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, requireString, type ApiRequest } from '../http';
import type { Route } from '../router';
import { renderBranchProtectionSummary } from './protection';

/** The `object` a ref or a tag names: an annotated tag object or a commit. */
function renderObject(context: ServerContext, sha: string, type: GitRefEntry['type']): Record<string, unknown> {
  const objectPath = type === 'tag' ? 'git/tags' : 'git/commits';
  return { sha, type, url: `${repoApiUrl(context)}/${objectPath}/${sha}` };
}

function renderRef(context: ServerContext, entry: GitRefEntry): Record<string, unknown> {
  const short = entry.ref.replace(/^refs\//, '');
  return {
    ref: entry.ref,
    node_id: nodeId('Ref', entry.ref),
    url: `${repoApiUrl(context)}/git/refs/${short}`,
    object: renderObject(context, entry.sha, entry.type),
  };
}

/** `heads/x`, `refs/heads/x` → `refs/heads/x` */
function fullRefName(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/${ref}`;
}

async function getRef(request: ApiRequest, context: ServerContext) {
  const entry = await context.git.ref(fullRefName(request.params.ref ?? ''));
  if (!entry) {
    throw notFound();
  }
  return ok(renderRef(context, entry));
}

async function matchingRefs(request: ApiRequest, context: ServerContext) {
  const entries = await context.git.refs(fullRefName(request.params.ref ?? ''));
  return ok(entries.map((entry) => renderRef(context, entry)));
}

async function createRef(request: ApiRequest, context: ServerContext) {
  const body = jsonBody(request);
  const ref = requireString(body, 'ref', 'Reference');
  const sha = requireString(body, 'sha', 'Reference');
  if (!(await context.git.isValidRefName(ref))) {
    throw new ApiError(422, "Reference name must start with 'refs/' and have at least two slashes.");
  }
  if (!(await context.git.objectExists(sha))) {
    throw new ApiError(422, 'Object does not exist');
  }
  if (await context.git.ref(ref)) {
    throw new ApiError(422, 'Reference already exists');
  }
  try {
    await context.git.createRef(ref, sha);
  } catch (error) {
    // Lost a race with another writer: the ref appeared after the check above.
    if (error instanceof GitCommandError) {
      throw new ApiError(422, 'Reference already exists');
    }
    throw error;
  }
  const entry = await context.git.ref(ref);
  if (!entry) {
    throw new ApiError(500, 'Reference update failed');
  }
  context.refUpdated({ ref, before: NO_OBJECT, after: entry.sha });
  return ok(renderRef(context, entry), 201, {
    location: `${repoApiUrl(context)}/git/refs/${ref.replace(/^refs\//, '')}`,
  });
}

/** `GET …/git/tags/{tag_sha}`: an annotated tag object, which is how a client peels a tag ref to its commit. */
async function getTag(request: ApiRequest, context: ServerContext) {
  const tag = await context.git.tagObject(request.params.tag_sha ?? '');
  if (!tag) {
    throw notFound();
  }
  return ok({
    node_id: nodeId('Tag', tag.sha),
    tag: tag.tag,
    sha: tag.sha,
    url: `${repoApiUrl(context)}/git/tags/${tag.sha}`,
    message: tag.message,
    tagger: tag.tagger,
    object: renderObject(context, tag.object, tag.type),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  });
}

async function getBranch(request: ApiRequest, context: ServerContext) {
  const branch = request.params.branch ?? '';
  const sha = context.git.branchSha(branch);
  if (!sha) {
    throw notFound('Branch not found');
  }
  const api = repoApiUrl(context);
  return ok({
    name: branch,
    commit: renderCommit(context, await context.git.commit(sha)),
    _links: { self: `${api}/branches/${branch}`, html: `${repoWebUrl(context)}/tree/${branch}` },
    ...renderBranchProtectionSummary(context, branch),
    protection_url: `${api}/branches/${branch}/protection`,
  });
}

export const refRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/git/ref/{ref+}', handler: getRef },
  { method: 'GET', template: '/repos/{owner}/{repo}/git/matching-refs/{ref+}', handler: matchingRefs },
  { method: 'POST', template: '/repos/{owner}/{repo}/git/refs', handler: createRef },
  { method: 'GET', template: '/repos/{owner}/{repo}/git/tags/{tag_sha}', handler: getTag },
  { method: 'GET', template: '/repos/{owner}/{repo}/branches/{branch+}', handler: getBranch },
];
