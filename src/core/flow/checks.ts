/**
 * Combining what GitHub reports about a commit into one state a user can read at a
 * glance: check runs and commit statuses into a CheckSummary, and a
 * deployment's status history into its current DeploymentState.
 */
import { isGitHubDeploymentState } from '../model/deploymentStates';
import type { CheckItem, CheckSummary, DeploymentState } from '../model/snapshot';

/**
 * Combines check runs and commit statuses of one commit.
 *
 * `items` must be ordered oldest first: when a name appears more than once (a re-run,
 * or a commit status and a check run sharing a name) the last one wins, because the
 * newest result is what branch protection looks at too.
 *
 * State: `failing` if any check failed, else `pending` if any is still running, else
 * `passing`; `none` when nothing reported. `neutral` and `skipped` count as passed:
 * GitHub lets a pull request merge with them.
 */
export function summarizeChecks(items: readonly CheckItem[]): CheckSummary {
  // A Map keeps the position of a name's first appearance while taking its last value,
  // so a re-run does not reorder the list the user sees.
  const byName = new Map<string, CheckItem>();
  for (const item of items) {
    byName.set(item.name, item);
  }
  const latest = [...byName.values()];
  const failing = latest.filter((i) => i.state === 'failure').map((i) => i.name);
  const pending = latest.filter((i) => i.state === 'pending').length;
  const passed = latest.length - failing.length - pending;
  return {
    state: checkStateOf(latest.length, failing.length, pending),
    total: latest.length,
    passed,
    failed: failing.length,
    pending,
    failing,
    items: latest,
  };
}

function checkStateOf(total: number, failed: number, pending: number): CheckSummary['state'] {
  if (total === 0) {
    return 'none';
  }
  if (failed > 0) {
    return 'failing';
  }
  return pending > 0 ? 'pending' : 'passing';
}

/** A deployment status as GitHub lists it, or just its state string. */
export type DeploymentStatusLike = string | { readonly state: string };

/**
 * The current state of a deployment from its statuses, newest first (the order
 * GitHub's "list deployment statuses" returns). The newest status GitHub calls by a
 * state EnvFlow knows wins; states GitHub may add later are skipped rather than
 * guessed at. `none` when the deployment has no status yet.
 */
export function combineDeploymentState(statusesNewestFirst: readonly DeploymentStatusLike[]): DeploymentState {
  for (const status of statusesNewestFirst) {
    const state = typeof status === 'string' ? status : status.state;
    if (isGitHubDeploymentState(state)) {
      return state;
    }
  }
  return 'none';
}

/**
 * True when a deployment will not change state on its own any more: it succeeded,
 * failed, errored, or was made inactive by a newer deployment.
 */
export function isFinalDeploymentState(state: DeploymentState): boolean {
  return state === 'success' || state === 'failure' || state === 'error' || state === 'inactive';
}

/** True for the two states that mean a deployment went wrong. */
export function isFailedDeploymentState(state: DeploymentState): boolean {
  return state === 'failure' || state === 'error';
}
