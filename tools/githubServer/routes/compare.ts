/** `GET /repos/{owner}/{repo}/compare/{base}...{head}`, computed by git in the bare repository. */
import { renderCommit } from '../commitShape';
import { repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { notFound, ok, paginate, type ApiRequest } from '../http';
import type { Route } from '../router';

/** GitHub lists at most 250 commits in a comparison. */
const maxCommits = 250;

/** `base...head`, each side optionally `owner:branch`. */
function parseBasehead(context: ServerContext, basehead: string): { base: string; head: string } | undefined {
  const separator = basehead.indexOf('...');
  if (separator < 0) {
    return undefined;
  }
  const side = (text: string) => {
    const colon = text.indexOf(':');
    return colon >= 0 && text.slice(0, colon).toLowerCase() === context.owner.toLowerCase()
      ? text.slice(colon + 1)
      : text;
  };
  return { base: side(basehead.slice(0, separator)), head: side(basehead.slice(separator + 3)) };
}

function statusOf(aheadBy: number, behindBy: number): 'identical' | 'ahead' | 'behind' | 'diverged' {
  if (aheadBy > 0 && behindBy > 0) {
    return 'diverged';
  }
  return aheadBy > 0 ? 'ahead' : behindBy > 0 ? 'behind' : 'identical';
}

async function compare(request: ApiRequest, context: ServerContext) {
  const basehead = request.params.basehead ?? '';
  const sides = parseBasehead(context, basehead);
  const baseSha = sides && context.git.resolveCommit(sides.base);
  const headSha = sides && context.git.resolveCommit(sides.head);
  if (!sides || !baseSha || !headSha) {
    throw notFound();
  }
  const { git } = context;
  const comparison = await git.compare(baseSha, headSha);
  const page =
    request.query.has('page') || request.query.has('per_page')
      ? paginate(comparison.commits, request)
      : { items: comparison.commits.slice(0, maxCommits), headers: {} };
  const api = repoApiUrl(context);
  const web = repoWebUrl(context);
  const render = async (sha: string) => renderCommit(context, await git.commit(sha));
  return ok(
    {
      url: `${api}/compare/${basehead}`,
      html_url: `${web}/compare/${basehead}`,
      permalink_url: `${web}/compare/${context.owner}:${baseSha}...${context.owner}:${headSha}`,
      diff_url: `${web}/compare/${basehead}.diff`,
      patch_url: `${web}/compare/${basehead}.patch`,
      base_commit: await render(baseSha),
      merge_base_commit: await render(comparison.mergeBase || baseSha),
      status: statusOf(comparison.aheadBy, comparison.behindBy),
      ahead_by: comparison.aheadBy,
      behind_by: comparison.behindBy,
      total_commits: comparison.aheadBy,
      commits: await Promise.all(page.items.map(render)),
    },
    200,
    page.headers,
  );
}

export const compareRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/compare/{basehead+}', handler: compare },
];
