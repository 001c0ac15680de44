/**
 * Check runs of a commit, as the GitHub Actions app reports them: `filter=latest`
 * (GitHub's default) shows only the newest run of each name.
 */
import { actionsApp, commitOfRef, nodeId, repoApiUrl, repoWebUrl, repositoryId, type ServerContext } from '../context';
import { notFound, ok, paginate, type ApiRequest } from '../http';
import type { Route } from '../router';
import { timestamp, type CheckRunRecord } from '../state';
import type { CheckRunInput, CheckRunPatch } from '../types';

export function addCheckRun(context: ServerContext, headSha: string, input: CheckRunInput): CheckRunRecord {
  const now = timestamp();
  const run: CheckRunRecord = {
    id: context.state.nextId(),
    headSha,
    name: input.name,
    status: input.status,
    conclusion: input.status === 'completed' ? (input.conclusion ?? 'success') : null,
    detailsUrl: input.details_url ?? null,
    summary: input.summary ?? null,
    startedAt: now,
    completedAt: input.status === 'completed' ? now : null,
  };
  context.state.checkRuns.push(run);
  return run;
}

export function updateCheckRun(context: ServerContext, id: number, patch: CheckRunPatch): void {
  const run = context.state.checkRuns.find((candidate) => candidate.id === id);
  if (!run) {
    throw notFound();
  }
  const status = patch.status ?? run.status;
  Object.assign(run, {
    name: patch.name ?? run.name,
    status,
    conclusion: status === 'completed' ? (patch.conclusion ?? run.conclusion ?? 'success') : null,
    detailsUrl: patch.details_url ?? run.detailsUrl,
    summary: patch.summary ?? run.summary,
    completedAt: status === 'completed' ? (run.completedAt ?? timestamp()) : null,
  });
}

function renderCheckRun(context: ServerContext, run: CheckRunRecord): Record<string, unknown> {
  const api = repoApiUrl(context);
  const html = `${repoWebUrl(context)}/runs/${run.id}`;
  const repo = { id: repositoryId, url: api, name: context.repo };
  const pulls = context.state.pulls
    .filter((pull) => pull.state === 'open' && pull.headSha === run.headSha)
    .map((pull) => ({
      url: `${api}/pulls/${pull.number}`,
      id: pull.id,
      number: pull.number,
      head: { ref: pull.head, sha: pull.headSha, repo },
      base: { ref: pull.base, sha: pull.baseSha, repo },
    }));
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: String(run.id),
    url: `${api}/check-runs/${run.id}`,
    html_url: html,
    details_url: run.detailsUrl ?? html,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.conclusion ? `${run.name}: ${run.conclusion}` : null,
      summary: run.summary,
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    check_suite: { id: run.id + 1 },
    app: actionsApp(context),
    pull_requests: pulls,
  };
}

function listCheckRuns(request: ApiRequest, context: ServerContext) {
  const sha = commitOfRef(context, request.params.ref ?? '', 422);
  const name = request.query.get('check_name');
  const status = request.query.get('status');
  const newestFirst = context.state.checkRuns.filter((run) => run.headSha === sha).reverse();
  const seen = new Set<string>();
  const runs = newestFirst
    .filter((run) => request.query.get('filter') === 'all' || (!seen.has(run.name) && seen.add(run.name)))
    .filter((run) => name === null || run.name === name)
    .filter((run) => status === null || run.status === status);
  const page = paginate(runs, request);
  return ok(
    { total_count: runs.length, check_runs: page.items.map((run) => renderCheckRun(context, run)) },
    200,
    page.headers,
  );
}

export const checkRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref+}/check-runs', handler: listCheckRuns },
];
