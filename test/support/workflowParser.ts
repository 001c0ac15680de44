/**
 * GitHub's workflow parser (@actions/workflow-parser) in plain Node. The package is ESM
 * for bundlers: it imports its JSON schema without the `type: 'json'` attribute Node
 * demands, so a loader hook adds the attribute to JSON imports, once.
 */
import { register } from 'node:module';

type WorkflowParser = typeof import('@actions/workflow-parser');

const jsonWithAttribute = `export async function load(url, context, next) {
  return next(url, url.endsWith('.json') ? { ...context, importAttributes: { ...context.importAttributes, type: 'json' } } : context);
}`;

let parser: Promise<WorkflowParser> | undefined;

export function loadWorkflowParser(): Promise<WorkflowParser> {
  if (!parser) {
    register(`data:text/javascript,${encodeURIComponent(jsonWithAttribute)}`);
    parser = import('@actions/workflow-parser');
  }
  return parser;
}
