/**
 * A workflow file as GitHub reads it: @actions/workflow-parser (the parser of GitHub's
 * Actions language service; ESM, so imported dynamically) parses and validates it,
 * then converts it to the model with events, jobs, needs and each job's `if:`.
 */
import { register } from 'node:module';
import type { WorkflowTemplate } from '@actions/workflow-parser';

/**
 * The parser imports its schema JSON without `with { type: 'json' }`, which Node 20
 * refuses; this load hook adds the attribute for that one package's JSON files.
 */
const JSON_ATTRIBUTE_HOOK = `export async function load(url, context, next) {
  if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return next(url, context);
}`;

let hooked = false;

export interface ParsedWorkflow {
  /** Every error GitHub's parser and converter report; empty for a valid file. */
  readonly errors: readonly string[];
  readonly template?: WorkflowTemplate;
}

export async function parseWithGitHub(path: string, content: string): Promise<ParsedWorkflow> {
  if (!hooked) {
    register(`data:text/javascript,${encodeURIComponent(JSON_ATTRIBUTE_HOOK)}`);
    hooked = true;
  }
  const parser = await import('@actions/workflow-parser');
  const parsed = parser.parseWorkflow({ name: path, content }, new parser.NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) {
    return { errors: errors.length > 0 ? errors : ['nothing parsed'] };
  }
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  return { errors: (template.errors ?? []).map((error) => error.Message), template };
}
