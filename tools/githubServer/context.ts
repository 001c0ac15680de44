/**
 * What every route shares: the repository's git and state, the server's URLs, and the
 * objects GitHub embeds everywhere (users, the repository, the Actions app), built
 * once here so each endpoint shows them identically.
 */
import type { BareRepository } from './bareRepository';
import { ApiError } from './http';
import type { DeploymentRecord, GitHubState, PushRecord, WorkflowDispatchRecord } from './state';

export interface ServerContext {
  readonly owner: string;
  readonly repo: string;
  readonly git: BareRepository;
  readonly state: GitHubState;
  /** `http://127.0.0.1:PORT`: the base of every API `url` field. */
  readonly apiUrl: string;
  /** `https://github.com`: the base of every `html_url`. */
  readonly webUrl: string;
  /** Login of the token's user. */
  readonly login: string;
  /** Called after a deployment is stored, so scripted statuses can start. */
  deploymentCreated(deployment: DeploymentRecord): void;
  /** Called after a workflow dispatch is accepted, so a sandbox can play the run it starts. */
  workflowDispatched(dispatch: WorkflowDispatchRecord): void;
  /** Whether anything listens for pushes: only then does a git push cost the two ref listings that find them. */
  pushesWatched(): boolean;
  /** Called after a ref moved (a push, a ref created through the API, a merge), so a sandbox can start workflows. */
  refUpdated(push: PushRecord): void;
  /** The core rate-limit window as it stands. */
  rateLimit(): RateLimitSnapshot;
  /** A short-lived signed URL of a job's log on the log storage (another origin, as on GitHub). */
  jobLogUrl(jobId: number): string;
}

export interface RateLimitSnapshot {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds. */
  readonly reset: number;
  readonly used: number;
}

/**
 * The commit a `{ref}` path parameter names (branch, tag or SHA), or GitHub's
 * "No commit found" error with the status that endpoint uses (404 or 422).
 */
export function commitOfRef(context: ServerContext, ref: string, failureStatus: 404 | 422): string {
  const sha = context.git.resolveCommit(ref);
  if (!sha) {
    throw new ApiError(failureStatus, `No commit found for SHA: ${ref}`);
  }
  return sha;
}

/** GitHub's global node ids are opaque base64; this keeps them unique and stable. */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

export const repositoryId = 1_296_269;
const ownerId = 583_231;
const viewerId = 9_919_001;

export function repoApiUrl(context: ServerContext): string {
  return `${context.apiUrl}/repos/${context.owner}/${context.repo}`;
}

export function repoWebUrl(context: ServerContext): string {
  return `${context.webUrl}/${context.owner}/${context.repo}`;
}

/** A `simple-user` as GitHub embeds it (creator, owner, user, …). */
export function simpleUser(
  context: ServerContext,
  login: string,
  options: { id?: number; type?: 'User' | 'Organization' | 'Bot' } = {},
): Record<string, unknown> {
  const id = options.id ?? (login === context.owner ? ownerId : login === context.login ? viewerId : hashId(login));
  const url = `${context.apiUrl}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(options.type === 'Bot' ? 'Bot' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${context.webUrl}/${encodeURIComponent(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: options.type ?? 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export function ownerUser(context: ServerContext): Record<string, unknown> {
  return simpleUser(context, context.owner);
}

export function viewer(context: ServerContext): Record<string, unknown> {
  return simpleUser(context, context.login);
}

/** The GitHub Actions app, which owns check runs and workflow runs. */
export function actionsApp(context: ServerContext): Record<string, unknown> {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: simpleUser(context, 'github', { id: 9919, type: 'Organization' }),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${context.webUrl}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      actions: 'write',
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      metadata: 'read',
      statuses: 'write',
    },
    events: ['check_run', 'check_suite', 'deployment', 'pull_request', 'push', 'workflow_dispatch'],
  };
}

/**
 * The repository as GitHub renders it inside other objects (pull heads, workflow runs)
 * and, with `full`, as `GET /repos/{owner}/{repo}` answers it.
 */
export function repository(context: ServerContext, defaultBranch: string, full = false): Record<string, unknown> {
  const api = repoApiUrl(context);
  const web = repoWebUrl(context);
  const created = context.state.createdAt;
  const summary: Record<string, unknown> = {
    id: repositoryId,
    node_id: nodeId('Repository', repositoryId),
    name: context.repo,
    full_name: `${context.owner}/${context.repo}`,
    private: true,
    owner: ownerUser(context),
    html_url: web,
    description: 'Sandbox service deployed through develop and main',
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
  };
  const openPulls = context.state.pulls.filter((pull) => pull.state === 'open').length;
  const details: Record<string, unknown> = {
    created_at: created,
    updated_at: created,
    pushed_at: created,
    git_url: `git://github.com/${context.owner}/${context.repo}.git`,
    ssh_url: `git@github.com:${context.owner}/${context.repo}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    homepage: null,
    size: 108,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'JavaScript',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openPulls,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'private',
    forks: 0,
    open_issues: openPulls,
    watchers: 0,
    default_branch: defaultBranch,
    permissions: {
      admin: context.state.isAdmin,
      maintain: context.state.isAdmin,
      push: true,
      triage: true,
      pull: true,
    },
  };
  if (!full) {
    return { ...summary, ...details };
  }
  return {
    ...summary,
    ...details,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    merge_commit_message: 'PR_TITLE',
    merge_commit_title: 'MERGE_MESSAGE',
    network_count: 0,
    subscribers_count: 1,
    // GitHub shows the security settings to admins only.
    ...(context.state.isAdmin ? { security_and_analysis: securityAndAnalysis(context) } : {}),
  };
}

function securityAndAnalysis(context: ServerContext): Record<string, unknown> {
  const security = context.state.security;
  const status = (on: boolean) => ({ status: on ? 'enabled' : 'disabled' });
  return {
    secret_scanning: status(security.secretScanning === 'enabled'),
    secret_scanning_push_protection: status(security.secretScanning === 'enabled' && security.pushProtection),
  };
}

/** Small stable positive ids for users that only appear by login. */
function hashId(text: string): number {
  let hash = 7;
  for (const char of text) {
    hash = (hash * 31 + char.charCodeAt(0)) % 90_000_000;
  }
  return 10_000_000 + hash;
}
