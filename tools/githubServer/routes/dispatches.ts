/**
 * `POST …/actions/workflows/{workflow_id}/dispatches`, as GitHub answers it: 204 and no
 * body; 404 for a workflow file the ref does not have, 422 for a ref that does not
 * exist or an input that is not a string. Accepted dispatches wait in the state for
 * whoever plays the workflow (the pipeline runner).
 */
import { repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, requireString, validationFailed, type ApiRequest } from '../http';
import type { Route } from '../router';

function dispatch(request: ApiRequest, context: ServerContext) {
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
  context.state.workflowDispatches.push(record);
  context.workflowDispatched(record);
  if (body.return_run_details !== true) {
    return { status: 204 };
  }
  // GitHub names the run it will start when asked to (`return_run_details`).
  const id = context.state.nextId();
  return ok({
    workflow_run_id: id,
    run_url: `${repoApiUrl(context)}/actions/runs/${id}`,
    html_url: `${repoWebUrl(context)}/actions/runs/${id}`,
  });
}

export const dispatchRoutes: readonly Route[] = [
  { method: 'POST', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', handler: dispatch },
];
