/**
 * `workflow_dispatch`: GitHub checks the ref and that the workflow file exists there with
 * a `workflow_dispatch` trigger, answers 204 and starts the run by itself. The server
 * records the dispatch and hands it to whoever plays Actions (the pipeline runner in
 * tests); nothing else happens, as nothing else would on GitHub.
 */
import type { ServerContext } from '../context';
import { ApiError, jsonBody, notFound, ok, requireString, type ApiRequest } from '../http';
import type { DispatchRecord } from '../policyState';
import type { Route } from '../router';
import { timestamp } from '../state';

async function dispatchWorkflow(request: ApiRequest, context: ServerContext) {
  const workflow = request.params.workflow_id ?? '';
  const body = jsonBody(request);
  const ref = requireString(body, 'ref', 'Workflow');
  const sha = context.git.resolveCommit(ref);
  if (!sha) {
    throw new ApiError(422, `No ref found for: ${ref}`);
  }
  const text = /^[A-Za-z0-9_.-]+\.ya?ml$/.test(workflow) ? await context.git.run(['show', `${sha}:.github/workflows/${workflow}`]).catch(() => undefined) : undefined;
  if (text === undefined) {
    throw notFound();
  }
  if (!/^\s*workflow_dispatch\s*:/m.test(text)) {
    throw new ApiError(422, "Workflow does not have 'workflow_dispatch' trigger");
  }
  const inputs = body.inputs ?? {};
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs) || Object.keys(inputs).length > 25) {
    throw new ApiError(422, 'Invalid request.\n\nFor \'properties/inputs\', the value is not an object of at most 25 properties.');
  }
  const record: DispatchRecord = {
    id: context.state.nextId(),
    workflow,
    ref,
    inputs: Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, String(value)])),
    createdAt: timestamp(),
  };
  context.state.dispatches.push(record);
  context.workflowDispatched?.(record);
  return ok(undefined, 204);
}

export const dispatchRoutes: readonly Route[] = [{ method: 'POST', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', handler: dispatchWorkflow }];
