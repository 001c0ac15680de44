/**
 * What one poll tick of every repository tells the scheduler: whether any refresh
 * failed, GitHub's slowest `X-Poll-Interval`, the tightest rate limit, and what the
 * tick cost. Shared by the extension's monitor and the load tests that drive it.
 */
import type { GitHubLimits } from '../flow/repositoryModel';
import type { TickResult } from './scheduler';

export interface RefreshedRepository {
  /** Undefined when the refresh itself threw. */
  readonly connectionState: string | undefined;
  readonly limits: GitHubLimits | undefined;
}

export function tickResultOf(refreshed: readonly RefreshedRepository[]): TickResult {
  let failed = false;
  let serverPollIntervalSeconds: number | undefined;
  let rateLimit: TickResult['rateLimit'];
  let chargedRequests = 0;
  for (const { connectionState, limits } of refreshed) {
    failed ||= connectionState === undefined || connectionState === 'error';
    if (limits?.pollIntervalSeconds) {
      serverPollIntervalSeconds = Math.max(serverPollIntervalSeconds ?? 0, limits.pollIntervalSeconds);
    }
    if (limits?.rateLimit && (!rateLimit || limits.rateLimit.remaining < rateLimit.remaining)) {
      rateLimit = limits.rateLimit;
    }
    chargedRequests += limits?.lastRefreshChargedRequests ?? 0;
  }
  return { failed, serverPollIntervalSeconds, rateLimit, chargedRequests };
}
