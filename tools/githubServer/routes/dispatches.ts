/**
 * `POST …/actions/workflows/{workflow_id}/dispatches`, as GitHub answers it: 204 and no
 * body; 404 for a workflow file the ref does not have, 422 for a ref that does not
 * exist or an input that is not a string. An accepted dispatch queues a run (titled by
 * the workflow's `run-name`) and waits in the state for whoever plays the workflow.
 */
import { repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, requireString, validationFailed, type ApiRequest } from '../http';
import type { Route } from '../router';
import { runTitle } from '../runName';
import { addWorkflowRun } from './actions';

async function dispatch(request: ApiRequest, context: ServerContext) {
  const workflow = request.params.workflow_id;
  const body = jsonBody(request);
  const ref = requireString(body, 'ref', 'WorkflowDispatch');
  const sha = context.git.resolveCommit(ref);
  if (!sha) {
    throw new ApiError(422, `No ref found for: ${ref}`);
  }
  if (!/^[\w.-]+\.ya?ml$/.test(workflow) || !context.git.hasFile(sha, `.github/workflows/${workflow}`)) {
    throw notFound();
  }
  const raw = body.inputs ?? {};
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    Object.values(raw).some((value) => typeof value !== 'string')
  ) {
    throw validationFailed([{ resource: 'WorkflowDispatch', field: 'inputs', code: 'invalid' }]);
  }
  const record = {
    workflow,
    ref: ref.startsWith('refs/') ? ref : `refs/heads/${ref}`,
    inputs: raw as Record<string, string>,
  };
  // As on GitHub, the dispatch queues a run at once, titled by the workflow's `run-name`.
  const title = await runTitle(context.git.fileText(sha, `.github/workflows/${workflow}`) ?? '', workflow, {
    ...record,
    sha,
    repository: `${context.owner}/${context.repo}`,
  });
  const run = addWorkflowRun(context, {
    name: title.name,
    displayTitle: title.displayTitle,
    path: `.github/workflows/${workflow}`,
    branch: record.ref.replace(/^refs\/(heads|tags)\//, ''),
    sha,
    event: 'workflow_dispatch',
    status: 'queued',
  });
  const dispatched = { ...record, runId: run.id };
  context.state.workflowDispatches.push(dispatched);
  context.workflowDispatched(dispatched);
  if (body.return_run_details !== true) {
    return { status: 204 };
  }
  // GitHub names the run it started when asked to (`return_run_details`).
  return ok({
    workflow_run_id: run.id,
    run_url: `${repoApiUrl(context)}/actions/runs/${run.id}`,
    html_url: `${repoWebUrl(context)}/actions/runs/${run.id}`,
  });
}

export const dispatchRoutes: readonly Route[] = [
  { method: 'POST', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', handler: dispatch },
];
