/**
 * A git commit as GitHub's REST API renders it (`commit` schema): compare, branches and
 * merge results all show commits this way.
 */
import type { GitCommit, GitIdentity } from './bareRepository';
import { nodeId, repoApiUrl, repoWebUrl, simpleUser, type ServerContext } from './context';

/**
 * GitHub links a commit to the account of its email; here the name stands in for the
 * account (`Ada Developer` → `ada-developer`), and GitHub's own commits show `web-flow`.
 */
function accountOf(context: ServerContext, identity: GitIdentity): Record<string, unknown> | null {
  if (identity.email === 'noreply@github.com') {
    return simpleUser(context, 'web-flow', { id: 19864447 });
  }
  const login = identity.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return login === '' ? null : simpleUser(context, login);
}

export function renderCommit(context: ServerContext, commit: GitCommit): Record<string, unknown> {
  const api = repoApiUrl(context);
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    commit: {
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${repoWebUrl(context)}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: accountOf(context, commit.author),
    committer: accountOf(context, commit.committer),
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${repoWebUrl(context)}/commit/${sha}`,
    })),
  };
}
