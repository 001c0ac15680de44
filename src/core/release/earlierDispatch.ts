/**
 * A Roll Back whose dispatch answer was lost (a timeout, a dropped connection) may have
 * started the production workflow anyway. GitHub gives a dispatch no key, but the
 * workflow titles its run with the target and reason (`run-name`), so a retry finds that
 * run by its title instead of starting a second one.
 */
import type { GitHubClient } from '../github/client';
import type { WorkflowRunInfo } from '../github/types';
import { dispatchRunName } from '../model/dispatchRunName';

/** Enough for every dispatch of the last minutes on a busy repository. */
const RUNS_READ = 20;

/** A run that ended this way did not deploy, so a retry must start a new one. */
const UNSUCCESSFUL = new Set(['failure', 'cancelled', 'timed_out', 'startup_failure', 'action_required', 'stale']);

export async function findEarlierDispatch(
  client: GitHubClient,
  input: {
    readonly workflowFile: string;
    readonly branch: string;
    readonly inputs: { readonly target: string; readonly reason: string };
    readonly now: Date;
    /** How old an earlier run may be and still be this attempt's. */
    readonly windowMs: number;
  },
): Promise<WorkflowRunInfo | undefined> {
  const title = dispatchRunName(input.inputs);
  const path = `.github/workflows/${input.workflowFile}`;
  const runs = (await client.listDispatchedRuns(input.branch, RUNS_READ)).data;
  return runs.find(
    (run) =>
      run.displayTitle === title &&
      (run.path === undefined || run.path === path) &&
      input.now.getTime() - Date.parse(run.createdAt) <= input.windowMs &&
      !(run.status === 'completed' && UNSUCCESSFUL.has(run.conclusion ?? '')),
  );
}
