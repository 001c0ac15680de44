import type { DeploymentState } from './snapshot';

/** A state GitHub gives a deployment status; `none` is EnvFlow's own, for a deployment with no status yet. */
export type GitHubDeploymentState = Exclude<DeploymentState, 'none'>;

const GITHUB_DEPLOYMENT_STATES: ReadonlySet<string> = new Set<GitHubDeploymentState>([
  'queued',
  'pending',
  'in_progress',
  'success',
  'failure',
  'error',
  'inactive',
]);

/** Whether `state` is one EnvFlow knows; a state GitHub adds later is not, so nobody guesses what it means. */
export function isGitHubDeploymentState(state: string): state is GitHubDeploymentState {
  return GITHUB_DEPLOYMENT_STATES.has(state);
}
