/**
 * Paces polling to an hourly budget of requests that cost rate limit: one window stays
 * under 250 requests an hour even when GitHub never answers 304, so several windows and
 * the user's other tools share the 5,000 an hour a token gets.
 *
 * A token bucket: it holds up to `burst` requests and refills at `perHour`. A poll may
 * overdraw it, and the next poll then waits until the debt is paid back. A poll whose
 * answers were all 304 spends nothing, so a GitHub that honours conditional requests is
 * polled at the configured interval; one that does not is polled only as often as the
 * budget allows. Paying back after the fact (instead of predicting the next poll's cost)
 * never holds back the poll after an expensive first refresh.
 */

/** Requests an hour the background poll may spend, leaving room for the user's own commands. */
export const REQUESTS_PER_HOUR = 180;
/** Requests a poll may spend at once before pacing starts (a first refresh costs 15–25). */
export const REQUEST_BURST = 40;

export class RequestBudget {
  private tokens: number;
  private updatedAt: number | undefined;

  constructor(
    private readonly perHour = REQUESTS_PER_HOUR,
    private readonly burst = REQUEST_BURST,
  ) {
    this.tokens = burst;
  }

  /** Records what a poll cost; the balance may go below zero. */
  spend(requests: number, now: number): void {
    this.refill(now);
    this.tokens -= Math.max(0, requests);
  }

  /** How long until the balance is back to zero: 0 while there is budget left. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens < 0 ? Math.ceil((-this.tokens * 3_600_000) / this.perHour) : 0;
  }

  private refill(now: number): void {
    if (this.updatedAt !== undefined && now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.perHour) / 3_600_000);
    }
    this.updatedAt = Math.max(now, this.updatedAt ?? now);
  }
}
