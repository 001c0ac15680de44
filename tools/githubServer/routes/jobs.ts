/**
 * The jobs of a workflow run, their logs (a redirect to log storage, as on GitHub),
 * re-running a run's failed jobs and cancelling a run. A job's id is also the id of
 * the check run GitHub reports for it, and that check run's `details_url` points at
 * the job: that is how a red check leads to its log.
 */
import { nodeId, repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { ApiError, notFound, ok, paginate, type ApiRequest } from '../http';
import type { Route } from '../router';
import { timestamp, type WorkflowJobRecord, type WorkflowRunRecord } from '../state';
import type { WorkflowJobInput } from '../types';

const FAILED = new Set(['failure', 'timed_out', 'cancelled']);

export function addWorkflowJob(context: ServerContext, runId: number, input: WorkflowJobInput): WorkflowJobRecord {
  const run = runById(context, runId);
  const now = timestamp();
  const job: WorkflowJobRecord = {
    id: context.state.nextId(),
    runId,
    name: input.name,
    status: input.status,
    conclusion: input.status === 'completed' ? (input.conclusion ?? 'success') : null,
    log: input.log ?? '',
    startedAt: now,
    completedAt: input.status === 'completed' ? now : null,
  };
  context.state.workflowJobs.push(job);
  context.state.checkRuns.push({
    id: job.id,
    headSha: run.sha,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    detailsUrl: `${repoWebUrl(context)}/actions/runs/${runId}/job/${job.id}`,
    summary: null,
    startedAt: now,
    completedAt: job.completedAt,
  });
  return job;
}

function runById(context: ServerContext, id: number): WorkflowRunRecord {
  const run = context.state.workflowRuns.find((candidate) => candidate.id === id);
  if (!run) {
    throw notFound();
  }
  return run;
}

/** Keeps the job's check run in step, as GitHub's Actions app does. */
function setJob(
  context: ServerContext,
  job: WorkflowJobRecord,
  status: WorkflowJobRecord['status'],
  conclusion: WorkflowJobRecord['conclusion'],
): void {
  job.status = status;
  job.conclusion = conclusion;
  job.completedAt = status === 'completed' ? timestamp() : null;
  const check = context.state.checkRuns.find((candidate) => candidate.id === job.id);
  if (check) {
    check.status = status;
    check.conclusion = conclusion;
    check.completedAt = job.completedAt;
  }
}

function renderJob(context: ServerContext, job: WorkflowJobRecord, run: WorkflowRunRecord): Record<string, unknown> {
  const api = repoApiUrl(context);
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${api}/actions/runs/${run.id}`,
    run_attempt: run.runAttempt,
    node_id: nodeId('CheckRun', job.id),
    head_sha: run.sha,
    head_branch: run.branch,
    url: `${api}/actions/jobs/${job.id}`,
    html_url: `${repoWebUrl(context)}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.startedAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: [],
    check_run_url: `${api}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions',
    workflow_name: run.name,
  };
}

function listJobs(request: ApiRequest, context: ServerContext) {
  const run = runById(context, Number(request.params.run_id));
  const jobs = context.state.workflowJobs.filter((job) => job.runId === run.id);
  const page = paginate(jobs, request);
  return ok(
    { total_count: jobs.length, jobs: page.items.map((job) => renderJob(context, job, run)) },
    200,
    page.headers,
  );
}

function jobLogs(request: ApiRequest, context: ServerContext) {
  const job = context.state.workflowJobs.find((candidate) => candidate.id === Number(request.params.job_id));
  if (!job) {
    throw notFound();
  }
  return { status: 302, headers: { location: context.jobLogUrl(job.id) } };
}

function rerunFailedJobs(request: ApiRequest, context: ServerContext) {
  const run = runById(context, Number(request.params.run_id));
  if (run.status !== 'completed') {
    throw new ApiError(403, 'This workflow run is not completed, so its failed jobs cannot be re-run.');
  }
  const failed = context.state.workflowJobs.filter((job) => job.runId === run.id && FAILED.has(job.conclusion ?? ''));
  if (failed.length === 0) {
    throw new ApiError(403, 'This workflow run has no failed jobs to re-run.');
  }
  failed.forEach((job) => setJob(context, job, 'queued', null));
  run.status = 'queued';
  run.conclusion = null;
  run.runAttempt += 1;
  return ok({}, 201);
}

function cancelRun(request: ApiRequest, context: ServerContext) {
  const run = runById(context, Number(request.params.run_id));
  if (run.status === 'completed') {
    throw new ApiError(409, 'Cannot cancel a workflow run that is completed.');
  }
  context.state.workflowJobs
    .filter((job) => job.runId === run.id && job.status !== 'completed')
    .forEach((job) => setJob(context, job, 'completed', 'cancelled'));
  run.status = 'completed';
  run.conclusion = 'cancelled';
  return ok({}, 202);
}

export const jobRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', handler: listJobs },
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs', handler: jobLogs },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
    handler: rerunFailedJobs,
  },
  { method: 'POST', template: '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel', handler: cancelRun },
];
