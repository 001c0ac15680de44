/**
 * What GitHub names a run: the workflow's `run-name` evaluated with the event's `github`
 * and `inputs` (GitHub's own expression engine), else the workflow's `name`. A client can
 * then find the run a dispatch started by its title, the only key a dispatch whose
 * answer was lost leaves behind.
 */
import { parse } from 'yaml';
import { expressionEngine } from '../pipeline/expressions';

export interface RunEventContext {
  /** Default `workflow_dispatch`. */
  readonly event?: 'workflow_dispatch' | 'push';
  readonly ref: string;
  readonly sha: string;
  readonly repository: string;
  readonly inputs: Readonly<Record<string, string>>;
}

export interface WorkflowTitle {
  readonly name: string;
  readonly displayTitle: string;
}

export async function runTitle(workflowText: string, fileName: string, run: RunEventContext): Promise<WorkflowTitle> {
  const workflow = (parse(workflowText) ?? {}) as { name?: unknown; 'run-name'?: unknown };
  const name = typeof workflow.name === 'string' ? workflow.name : `.github/workflows/${fileName}`;
  const runName = workflow['run-name'];
  if (typeof runName !== 'string') {
    return { name, displayTitle: name };
  }
  const engine = await expressionEngine();
  const contexts = {
    github: {
      event_name: run.event ?? 'workflow_dispatch',
      ref: run.ref,
      ref_name: run.ref.replace(/^refs\/(heads|tags)\//, ''),
      sha: run.sha,
      repository: run.repository,
      event: run.event === 'push' ? {} : { inputs: run.inputs },
    },
    inputs: run.inputs,
    vars: {},
  };
  return { name, displayTitle: engine.render(runName, contexts) || name };
}
