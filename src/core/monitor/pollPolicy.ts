/**
 * How long to wait before the next background refresh: polling adapts to focus, to
 * load and to GitHub's rate limits. Pure: the scheduler passes in the time and
 * everything it learned from the last refresh.
 */

/** Settings allow 10–3600 s; a hand-edited settings.json can hold anything. */
export const MIN_INTERVAL_SECONDS = 10;
export const MAX_INTERVAL_SECONDS = 3600;
export const DEFAULT_INTERVAL_SECONDS = 30;
/** An unfocused window polls this many times slower: nobody is looking. */
export const UNFOCUSED_FACTOR = 5;
/** Ceiling for the unfocused slow-down and for failure backoff. */
export const MAX_BACKOFF_MS = 10 * 60_000;
/**
 * Requests kept in reserve: below this the poll pauses until the reset, so a user's
 * own command (open a pull request, roll back) still has budget to run.
 */
export const RATE_LIMIT_RESERVE = 10;
/** Waiting a second past the reset avoids racing GitHub's own clock. */
export const RATE_LIMIT_MARGIN_MS = 1000;
/** Backoff delays grow by up to this fraction, so many windows do not retry in step. */
export const JITTER_FRACTION = 0.2;

export interface PollPolicyInput {
  /** `envflow.pollInterval`, seconds between polls while focused. */
  readonly intervalSeconds: number;
  readonly focused: boolean;
  /** GitHub's `X-Poll-Interval` header: never poll faster than this. */
  readonly serverPollIntervalSeconds?: number;
  readonly rateLimit?: { readonly remaining: number; readonly resetAt: Date };
  /** Refreshes that failed in a row; 0 after a success. */
  readonly consecutiveFailures: number;
  readonly now: Date;
  /** A number in [0, 1) that spreads backoff delays; omit for none. */
  readonly jitter?: number;
  /** How long until the next poll's requests fit the hourly request budget (RequestBudget). */
  readonly requestBudgetWaitMs?: number;
}

export type PollDelayReason =
  'interval' | 'unfocused' | 'serverPollInterval' | 'rateLimited' | 'backoff' | 'requestBudget';

export interface PollDelay {
  readonly delayMs: number;
  /** The rule that decided the delay, for the log and the tree's tooltip. */
  readonly reason: PollDelayReason;
}

/** The configured interval in ms, clamped to what the setting allows. */
export function intervalMs(intervalSeconds: number): number {
  const seconds = Number.isFinite(intervalSeconds) ? intervalSeconds : DEFAULT_INTERVAL_SECONDS;
  return Math.min(Math.max(seconds, MIN_INTERVAL_SECONDS), MAX_INTERVAL_SECONDS) * 1000;
}

/**
 * The delay before the next poll: the longest wait any rule asks for. The rules, in
 * order: the configured interval; slower while unfocused; exponential backoff after
 * failures; never faster than the server's `X-Poll-Interval`; never faster than the
 * hourly request budget allows; and when the rate limit is (nearly) spent, nothing
 * until it resets.
 */
export function nextPollDelayMs(input: PollPolicyInput): PollDelay {
  const interval = intervalMs(input.intervalSeconds);
  // Each candidate is the wait one rule asks for; the first of equals names the reason.
  const candidates: PollDelay[] = [{ delayMs: interval, reason: 'interval' }];
  if (!input.focused) {
    candidates.push({ delayMs: capped(interval * UNFOCUSED_FACTOR, interval), reason: 'unfocused' });
  }
  if (input.consecutiveFailures > 0) {
    candidates.push({ delayMs: backoffMs(interval, input.consecutiveFailures, input.jitter), reason: 'backoff' });
  }
  if (input.serverPollIntervalSeconds !== undefined && input.serverPollIntervalSeconds > 0) {
    candidates.push({ delayMs: input.serverPollIntervalSeconds * 1000, reason: 'serverPollInterval' });
  }
  if (input.requestBudgetWaitMs !== undefined && input.requestBudgetWaitMs > 0) {
    candidates.push({ delayMs: input.requestBudgetWaitMs, reason: 'requestBudget' });
  }
  const pause = rateLimitPauseMs(input.rateLimit, input.now);
  if (pause !== undefined) {
    candidates.push({ delayMs: pause, reason: 'rateLimited' });
  }
  return candidates.reduce((longest, c) => (c.delayMs > longest.delayMs ? c : longest));
}

/** Slow-downs stop at the ceiling, but never shorten an interval the user chose longer. */
function capped(delayMs: number, interval: number): number {
  return Math.max(Math.min(delayMs, MAX_BACKOFF_MS), interval);
}

function backoffMs(interval: number, failures: number, jitter: number | undefined): number {
  // 2^failures overflows to Infinity long before it matters; the cap absorbs it.
  const base = interval * 2 ** failures;
  const spread = jitter !== undefined && jitter >= 0 && jitter < 1 ? 1 + jitter * JITTER_FRACTION : 1;
  return Math.round(capped(base * spread, interval));
}

/** Undefined while there is budget, or when the reset time has already passed. */
function rateLimitPauseMs(rateLimit: PollPolicyInput['rateLimit'], now: Date): number | undefined {
  if (!rateLimit || rateLimit.remaining >= RATE_LIMIT_RESERVE) {
    return undefined;
  }
  const untilReset = rateLimit.resetAt.getTime() - now.getTime();
  return untilReset > 0 ? untilReset + RATE_LIMIT_MARGIN_MS : undefined;
}
