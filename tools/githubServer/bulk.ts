/**
 * Bulk seeding for scale and load tests: thousands of pull requests and deployments
 * straight into the state, without the per-item git checks the API routes make
 * (a thousand `openPullRequest` calls would each start git processes).
 */
import type { GitHubState } from './state';
import { timestamp } from './state';
import type { DeploymentState } from './types';

export interface PullRequestSeed {
  readonly count: number;
  readonly base: string;
  readonly baseSha: string;
  /** Heads are `<headPrefix>-<n>`; they need not exist as branches (the recorded SHA stands in). */
  readonly headPrefix: string;
  readonly headSha: string;
}

export interface DeploymentSeed {
  readonly count: number;
  readonly environment: string;
  readonly ref: string;
  readonly sha: string;
  /** Each deployment gets one status in this state. */
  readonly state: DeploymentState;
}

/** Older first, one minute apart, ending now: the newest seeded item is the latest. */
function minutesAgo(index: number, count: number): string {
  return timestamp(Date.now() - (count - index) * 60_000);
}

export function seedPullRequests(state: GitHubState, seed: PullRequestSeed): number[] {
  return Array.from({ length: seed.count }, (_, index) => {
    const at = minutesAgo(index, seed.count);
    const number = state.nextIssueNumber();
    state.pulls.push({
      id: state.nextId(),
      number,
      title: `Change ${index + 1} of ${seed.count}`,
      body: null,
      head: `${seed.headPrefix}-${index + 1}`,
      base: seed.base,
      headSha: seed.headSha,
      baseSha: seed.baseSha,
      draft: false,
      state: 'open',
      mergedAt: null,
      mergeCommitSha: null,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      reviews: [],
    });
    return number;
  });
}

export function seedDeployments(state: GitHubState, seed: DeploymentSeed): number[] {
  return Array.from({ length: seed.count }, (_, index) => {
    const at = minutesAgo(index, seed.count);
    const id = state.nextId();
    state.deployments.push({
      id,
      sha: seed.sha,
      ref: seed.ref,
      task: 'deploy',
      environment: seed.environment,
      description: null,
      payload: {},
      transientEnvironment: false,
      productionEnvironment: seed.environment === 'production',
      createdAt: at,
      updatedAt: at,
    });
    state.deploymentStatuses.push({
      id: state.nextId(),
      deploymentId: id,
      state: seed.state,
      description: '',
      environmentUrl: '',
      logUrl: '',
      createdAt: at,
    });
    return id;
  });
}
