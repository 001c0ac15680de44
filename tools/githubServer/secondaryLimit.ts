/**
 * GitHub's secondary rate limits as the server enforces them: too many requests at once,
 * or too many points in a minute, and the answer is a 403 with `retry-after`
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 */
import type { SecondaryRateLimitOptions } from './types';

const WINDOW_MS = 60_000;

export class SecondaryLimit {
  private inFlight = 0;
  /** Arrival time and points of the requests of the last minute. */
  private recent: { at: number; points: number }[] = [];

  constructor(
    private readonly options: SecondaryRateLimitOptions | undefined,
    private readonly now: () => number,
  ) {}

  /** Most requests in flight at once so far. */
  maxInFlight = 0;

  /** A request arrived; returns the seconds to retry after when it breaks a limit. */
  arrive(method: string): number | undefined {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const at = this.now();
    this.recent = this.recent.filter((entry) => entry.at > at - WINDOW_MS);
    this.recent.push({ at, points: method === 'GET' || method === 'HEAD' ? 1 : 5 });
    const limits = this.options;
    if (!limits) {
      return undefined;
    }
    const points = this.recent.reduce((sum, entry) => sum + entry.points, 0);
    return this.inFlight > limits.maxConcurrent || points > limits.maxPointsPerMinute
      ? (limits.retryAfterSeconds ?? 60)
      : undefined;
  }

  /** The request's answer was sent (or its socket closed). */
  leave(): void {
    this.inFlight -= 1;
  }
}
