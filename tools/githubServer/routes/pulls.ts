/**
 * Pull requests: list (filters, pagination), create (GitHub's 422s for unknown branches,
 * duplicates and empty ranges), read, reviews, and a merge that makes a real merge commit.
 */
import { nodeId, repoApiUrl, repoWebUrl, repository, simpleUser, viewer, type ServerContext } from '../context';
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
import { timestamp, type PullRecord, type PullReviewRecord } from '../state';
import type { PullRequestInput } from '../types';

/** `owner:branch` or `branch` → the branch, when it names this repository's owner. */
function branchOfHead(context: ServerContext, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon < 0) {
    return head;
  }
  return head.slice(0, colon).toLowerCase() === context.owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

/** Creates a pull request with GitHub's validation; shared by the API route and the test helper. */
export function createPull(context: ServerContext, input: PullRequestInput): PullRecord {
  const { git, state } = context;
  const head = branchOfHead(context, input.head);
  const headSha = head === undefined ? undefined : git.branchSha(head);
  const baseSha = git.branchSha(input.base);
  const invalid = [
    ...(baseSha ? [] : [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]),
    ...(headSha ? [] : [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]),
  ];
  if (invalid.length > 0 || !head || !headSha || !baseSha) {
    throw validationFailed(invalid);
  }
  if (state.pulls.some((pull) => pull.state === 'open' && pull.head === head && pull.base === input.base)) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${context.owner}:${head}.`,
      },
    ]);
  }
  if (git.countAhead(baseSha, headSha) === 0) {
    throw validationFailed([
      { resource: 'PullRequest', code: 'custom', message: `No commits between ${input.base} and ${head}` },
    ]);
  }
  const now = timestamp();
  const pull: PullRecord = {
    id: state.nextId(),
    number: state.nextIssueNumber(),
    title: input.title,
    body: input.body ?? null,
    head,
    base: input.base,
    headSha,
    baseSha,
    draft: input.draft ?? false,
    state: 'open',
    mergedAt: null,
    mergeCommitSha: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    reviews: [],
  };
  state.pulls.push(pull);
  return pull;
}

/** Merges an open pull request with a real merge commit in the bare repository; returns its SHA. */
export async function mergePull(context: ServerContext, number: number): Promise<string> {
  const pull = context.state.pulls.find((candidate) => candidate.number === number);
  if (!pull) {
    throw notFound();
  }
  if (pull.state !== 'open') {
    throw new ApiError(405, 'Pull Request is not mergeable');
  }
  const { headSha, baseSha } = liveShas(context, pull);
  const message = `Merge pull request #${pull.number} from ${context.owner}/${pull.head}\n\n${pull.title}`;
  const mergeSha = await context.git.mergeIntoBranch(pull.base, headSha, message);
  const now = timestamp();
  Object.assign(pull, {
    headSha,
    baseSha,
    state: 'closed',
    mergedAt: now,
    closedAt: now,
    updatedAt: now,
    mergeCommitSha: mergeSha,
  });
  context.refUpdated({ ref: `refs/heads/${pull.base}`, before: baseSha, after: mergeSha });
  return mergeSha;
}

/** Branch name → SHA, read once for a whole page of pulls instead of two git processes per pull. */
type BranchHeads = (branch: string) => string | undefined;

async function readBranchHeads(context: ServerContext): Promise<BranchHeads> {
  const heads = new Map(
    (await context.git.refs('refs/heads/')).map((entry) => [entry.ref.slice('refs/heads/'.length), entry.sha]),
  );
  return (branch) => heads.get(branch);
}

/** An open pull request follows its branches; a closed one keeps the SHAs it had. */
function liveShas(
  context: ServerContext,
  pull: PullRecord,
  heads: BranchHeads = (branch) => context.git.branchSha(branch),
): { headSha: string; baseSha: string } {
  if (pull.state !== 'open') {
    return { headSha: pull.headSha, baseSha: pull.baseSha };
  }
  return { headSha: heads(pull.head) ?? pull.headSha, baseSha: heads(pull.base) ?? pull.baseSha };
}

function branchEnd(
  context: ServerContext,
  branch: string,
  sha: string,
  defaultBranch: string,
): Record<string, unknown> {
  return {
    label: `${context.owner}:${branch}`,
    ref: branch,
    sha,
    user: simpleUser(context, context.owner),
    repo: repository(context, defaultBranch),
  };
}

/** `pull-request-simple` (lists) or, with `full`, `pull-request` (read, create). */
async function renderPull(
  context: ServerContext,
  pull: PullRecord,
  full: boolean,
  shared?: { heads: BranchHeads; defaultBranch: string },
): Promise<Record<string, unknown>> {
  const api = repoApiUrl(context);
  const url = `${api}/pulls/${pull.number}`;
  const html = `${repoWebUrl(context)}/pull/${pull.number}`;
  const { headSha, baseSha } = liveShas(context, pull, shared?.heads);
  const defaultBranch = shared?.defaultBranch ?? (await context.git.defaultBranch());
  const simple: Record<string, unknown> = {
    url,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: viewer(context),
    body: pull.body,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: [],
    milestone: null,
    draft: pull.draft,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    head: branchEnd(context, pull.head, headSha, defaultBranch),
    base: branchEnd(context, pull.base, baseSha, defaultBranch),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${api}/statuses/${headSha}` },
    },
    author_association: 'MEMBER',
    auto_merge: null,
    active_lock_reason: null,
  };
  if (!full) {
    return simple;
  }
  const commits =
    pull.state === 'open'
      ? context.git.countAhead(baseSha, headSha)
      : context.git.countAhead(pull.baseSha, pull.headSha);
  const diff = await diffStat(context, baseSha, headSha);
  return {
    ...simple,
    merged: pull.mergedAt !== null,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? (pull.draft ? 'draft' : 'clean') : 'unknown',
    merged_by: pull.mergedAt !== null ? viewer(context) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
    ...diff,
  };
}

async function diffStat(
  context: ServerContext,
  base: string,
  head: string,
): Promise<{ additions: number; deletions: number; changed_files: number }> {
  const lines = (await context.git.run(['diff', '--numstat', `${base}...${head}`]))
    .split('\n')
    .filter((line) => line !== '');
  const numbers = lines.map((line) => line.split('\t').map((field) => Number(field) || 0));
  return {
    additions: numbers.reduce((sum, [added = 0]) => sum + added, 0),
    deletions: numbers.reduce((sum, [, deleted = 0]) => sum + deleted, 0),
    changed_files: lines.length,
  };
}

function renderReview(context: ServerContext, pull: PullRecord, review: PullReviewRecord): Record<string, unknown> {
  const pullUrl = `${repoApiUrl(context)}/pulls/${pull.number}`;
  const html = `${repoWebUrl(context)}/pull/${pull.number}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: simpleUser(context, review.login),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: 'MEMBER',
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
  };
}

function findPull(context: ServerContext, request: ApiRequest): PullRecord {
  const pull = context.state.pulls.find((candidate) => String(candidate.number) === request.params.pull_number);
  if (!pull) {
    throw notFound();
  }
  return pull;
}

async function listPulls(request: ApiRequest, context: ServerContext) {
  const wanted = request.query.get('state') ?? 'open';
  const head = request.query.get('head');
  const headBranch = head === null ? undefined : branchOfHead(context, head);
  const base = request.query.get('base');
  const direction = request.query.get('direction') ?? 'desc';
  const matching = context.state.pulls
    .filter((pull) => wanted === 'all' || pull.state === wanted)
    .filter((pull) => head === null || pull.head === headBranch)
    .filter((pull) => base === null || pull.base === base)
    .sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));
  const page = paginate(matching, request);
  const shared = { heads: await readBranchHeads(context), defaultBranch: await context.git.defaultBranch() };
  return ok(await Promise.all(page.items.map((pull) => renderPull(context, pull, false, shared))), 200, page.headers);
}

async function createPullRoute(request: ApiRequest, context: ServerContext) {
  const body = jsonBody(request);
  const input: PullRequestInput = {
    title: requireString(body, 'title', 'PullRequest'),
    head: requireString(body, 'head', 'PullRequest'),
    base: requireString(body, 'base', 'PullRequest'),
    body: optionalString(body, 'body'),
    draft: body.draft === true,
  };
  const pull = createPull(context, input);
  return ok(await renderPull(context, pull, true), 201, { location: `${repoApiUrl(context)}/pulls/${pull.number}` });
}

export const pullRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/pulls', handler: listPulls },
  { method: 'POST', template: '/repos/{owner}/{repo}/pulls', handler: createPullRoute },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}',
    handler: async (request, context) => ok(await renderPull(context, findPull(context, request), true)),
  },
  {
    // GitHub's merge button, for the sandbox's user: a merge commit, and the push it makes starts workflows.
    method: 'PUT',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    handler: async (request, context) => {
      const sha = await mergePull(context, findPull(context, request).number);
      return ok({ sha, merged: true, message: 'Pull Request successfully merged' });
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    handler: (request, context) => {
      const pull = findPull(context, request);
      const page = paginate(pull.reviews, request);
      return ok(
        page.items.map((review) => renderReview(context, pull, review)),
        200,
        page.headers,
      );
    },
  },
];
