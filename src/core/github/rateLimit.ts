/**
 * What GitHub's response headers tell the scheduler: how much rate limit is left
 * and how often it wants to be polled.
 */

/** GitHub's rate-limit headers of the latest response. */
export interface RateLimitInfo {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  readonly resetAt: Date;
  /** `core`, `search`, `graphql`, … */
  readonly resource: string;
}

/** Anything with a case-insensitive `get`, like fetch's `Headers`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Reads the `x-ratelimit-*` headers; undefined when a response carries none (e.g. GHES with limits off). */
export function readRateLimit(headers: HeaderReader): RateLimitInfo | undefined {
  const limit = toNumber(headers.get('x-ratelimit-limit'));
  const remaining = toNumber(headers.get('x-ratelimit-remaining'));
  const reset = toNumber(headers.get('x-ratelimit-reset'));
  if (limit === undefined || remaining === undefined || reset === undefined) {
    return undefined;
  }
  return {
    limit,
    remaining,
    used: toNumber(headers.get('x-ratelimit-used')) ?? limit - remaining,
    resetAt: new Date(reset * 1000),
    resource: headers.get('x-ratelimit-resource') ?? 'core',
  };
}

/** `X-Poll-Interval` in seconds, when present and sane. */
export function readPollInterval(headers: HeaderReader): number | undefined {
  const seconds = toNumber(headers.get('x-poll-interval'));
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
}

function toNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
