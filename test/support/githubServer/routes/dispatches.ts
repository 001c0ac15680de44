/**
 * `POST …/actions/workflows/{workflow_id}/dispatches`, as GitHub answers it: 204 and no
 * body; 404 for a workflow file the ref does not have, 422 for a ref that does not
 * exist or an input that is not a string. Accepted dispatches wait in the state for
 * whoever plays the workflow (the pipeline runner).
 */
import type { ServerContext } from '../context';
import { ApiError, jsonBody, notFound, requireString, validationFailed, type ApiRequest } from '../http';
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
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.values(raw).some((value) => typeof value !== 'string')) {
    throw validationFailed([{ resource: 'WorkflowDispatch', field: 'inputs', code: 'invalid' }]);
  }
  context.state.workflowDispatches.push({ workflow, ref: ref.startsWith('refs/') ? ref : `refs/heads/${ref}`, inputs: raw as Record<string, string> });
  return { status: 204 };
}

export const dispatchRoutes: readonly Route[] = [{ method: 'POST', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', handler: dispatch }];
