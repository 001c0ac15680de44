/** GitHub Actions workflow runs and workflows; a workflow appears with its first run. */
import { nodeId, repoApiUrl, repoWebUrl, repository, viewer, type ServerContext } from '../context';
import { ApiError, ok, paginate, type ApiRequest } from '../http';
import type { Route } from '../router';
import { timestamp, type WorkflowRecord, type WorkflowRunRecord } from '../state';
import type { WorkflowRunInput } from '../types';

function workflowNamed(context: ServerContext, name: string, path?: string): WorkflowRecord {
  const existing = context.state.workflows.find((workflow) =>
    path === undefined ? workflow.name === name : workflow.path === path,
  );
  if (existing) {
    return existing;
  }
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'workflow';
  const workflow: WorkflowRecord = {
    id: context.state.nextId(),
    name,
    path: path ?? `.github/workflows/${slug}.yml`,
    createdAt: context.state.createdAt,
  };
  context.state.workflows.push(workflow);
  return workflow;
}

export function addWorkflowRun(context: ServerContext, input: WorkflowRunInput): WorkflowRunRecord {
  const sha = input.sha ?? context.git.branchSha(input.branch);
  if (!sha) {
    throw new ApiError(422, `No commit found for branch: ${input.branch}`);
  }
  const workflow = workflowNamed(context, input.name, input.path);
  const run: WorkflowRunRecord = {
    id: context.state.nextId(),
    workflowId: workflow.id,
    runNumber: context.state.workflowRuns.filter((candidate) => candidate.workflowId === workflow.id).length + 1,
    name: input.name,
    branch: input.branch,
    sha,
    event: input.event ?? 'push',
    ...(input.displayTitle !== undefined ? { displayTitle: input.displayTitle } : {}),
    status: input.status,
    conclusion: input.status === 'completed' ? (input.conclusion ?? 'success') : null,
    runAttempt: 1,
    createdAt: timestamp(),
  };
  context.state.workflowRuns.push(run);
  return run;
}

function renderWorkflow(context: ServerContext, workflow: WorkflowRecord): Record<string, unknown> {
  const web = repoWebUrl(context);
  return {
    id: workflow.id,
    node_id: nodeId('Workflow', workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: 'active',
    created_at: workflow.createdAt,
    updated_at: workflow.createdAt,
    url: `${repoApiUrl(context)}/actions/workflows/${workflow.id}`,
    html_url: `${web}/blob/main/${workflow.path}`,
    badge_url: `${web}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

async function renderRun(
  context: ServerContext,
  run: WorkflowRunRecord,
  defaultBranch: string,
): Promise<Record<string, unknown>> {
  const api = repoApiUrl(context);
  const url = `${api}/actions/runs/${run.id}`;
  const workflow = context.state.workflows.find((candidate) => candidate.id === run.workflowId);
  const commit = await context.git.commit(run.sha);
  const repo = repository(context, defaultBranch);
  const checkSuiteId = run.id + 1;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    head_branch: run.branch,
    head_sha: run.sha,
    path: workflow?.path ?? '',
    display_title: run.displayTitle ?? commit.message.split('\n')[0] ?? run.name,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    check_suite_id: checkSuiteId,
    check_suite_node_id: nodeId('CheckSuite', checkSuiteId),
    url,
    html_url: `${repoWebUrl(context)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.createdAt,
    run_started_at: run.createdAt,
    actor: viewer(context),
    triggering_actor: viewer(context),
    referenced_workflows: [],
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${api}/check-suites/${checkSuiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${api}/actions/workflows/${run.workflowId}`,
    head_commit: {
      id: commit.sha,
      tree_id: commit.tree,
      message: commit.message,
      timestamp: commit.committer.date,
      author: { name: commit.author.name, email: commit.author.email },
      committer: { name: commit.committer.name, email: commit.committer.email },
    },
    repository: repo,
    head_repository: repo,
  };
}

async function listRuns(request: ApiRequest, context: ServerContext) {
  const { query } = request;
  const status = query.get('status');
  const matching = context.state.workflowRuns
    .filter((run) => query.get('branch') === null || run.branch === query.get('branch'))
    .filter((run) => query.get('event') === null || run.event === query.get('event'))
    .filter((run) => query.get('head_sha') === null || run.sha === query.get('head_sha'))
    // GitHub's `status` filter takes a status or a conclusion.
    .filter((run) => status === null || run.status === status || run.conclusion === status)
    .sort((a, b) => b.id - a.id);
  const page = paginate(matching, request);
  const defaultBranch = await context.git.defaultBranch();
  const runs = await Promise.all(page.items.map((run) => renderRun(context, run, defaultBranch)));
  return ok({ total_count: matching.length, workflow_runs: runs }, 200, page.headers);
}

function listWorkflows(request: ApiRequest, context: ServerContext) {
  const page = paginate(context.state.workflows, request);
  return ok(
    {
      total_count: context.state.workflows.length,
      workflows: page.items.map((workflow) => renderWorkflow(context, workflow)),
    },
    200,
    page.headers,
  );
}

export const actionRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/runs', handler: listRuns },
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/workflows', handler: listWorkflows },
];
