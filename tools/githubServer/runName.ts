/**
 * What GitHub names a dispatched run: the workflow's `run-name` evaluated with the
 * dispatch's `github` and `inputs` (GitHub's own expression engine), else the workflow's
 * `name`. A client can then find the run a dispatch started by its title, the only key
 * a dispatch whose answer was lost leaves behind.
 */
import { parse } from 'yaml';
import { expressionEngine } from '../pipeline/expressions';

export interface DispatchContext {
  readonly ref: string;
  readonly sha: string;
  readonly repository: string;
  readonly inputs: Readonly<Record<string, string>>;
}

export interface WorkflowTitle {
  readonly name: string;
  readonly displayTitle: string;
}

export async function dispatchedRunTitle(
  workflowText: string,
  fileName: string,
  dispatch: DispatchContext,
): Promise<WorkflowTitle> {
  const workflow = (parse(workflowText) ?? {}) as { name?: unknown; 'run-name'?: unknown };
  const name = typeof workflow.name === 'string' ? workflow.name : `.github/workflows/${fileName}`;
  const runName = workflow['run-name'];
  if (typeof runName !== 'string') {
    return { name, displayTitle: name };
  }
  const engine = await expressionEngine();
  const contexts = {
    github: {
      event_name: 'workflow_dispatch',
      ref: dispatch.ref,
      ref_name: dispatch.ref.replace(/^refs\/(heads|tags)\//, ''),
      sha: dispatch.sha,
      repository: dispatch.repository,
      event: { inputs: dispatch.inputs },
    },
    inputs: dispatch.inputs,
    vars: {},
  };
  return { name, displayTitle: engine.render(runName, contexts) || name };
}
