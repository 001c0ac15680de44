import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  intervalMs,
  MAX_BACKOFF_MS,
  nextPollDelayMs,
  type PollPolicyInput,
} from '../../../src/core/monitor/pollPolicy';

const NOW = new Date('2026-11-28T12:00:00Z');
const HOUR_MS = 3_600_000;

const input = (overrides: Partial<PollPolicyInput> = {}): PollPolicyInput => ({
  intervalSeconds: 30,
  focused: true,
  consecutiveFailures: 0,
  now: NOW,
  ...overrides,
});

describe('nextPollDelayMs', () => {
  it('waits the configured interval while focused', () => {
    assert.deepEqual(nextPollDelayMs(input()), { delayMs: 30_000, reason: 'interval' });
  });

  it('polls 120 times an hour at the default settings, 24 unfocused', () => {
    assert.equal(HOUR_MS / nextPollDelayMs(input()).delayMs, 120);
    assert.equal(HOUR_MS / nextPollDelayMs(input({ focused: false })).delayMs, 24);
  });

  it('slows down five times while unfocused, up to 10 minutes', () => {
    assert.deepEqual(nextPollDelayMs(input({ focused: false })), { delayMs: 150_000, reason: 'unfocused' });
    assert.deepEqual(nextPollDelayMs(input({ focused: false, intervalSeconds: 300 })), {
      delayMs: 600_000,
      reason: 'unfocused',
    });
  });

  it('never shortens an interval longer than the unfocused cap', () => {
    assert.deepEqual(nextPollDelayMs(input({ focused: false, intervalSeconds: 1800 })), {
      delayMs: 1_800_000,
      reason: 'interval',
    });
  });

  it('never polls faster than X-Poll-Interval', () => {
    assert.deepEqual(nextPollDelayMs(input({ serverPollIntervalSeconds: 60 })), {
      delayMs: 60_000,
      reason: 'serverPollInterval',
    });
    assert.deepEqual(nextPollDelayMs(input({ serverPollIntervalSeconds: 10 })), {
      delayMs: 30_000,
      reason: 'interval',
    });
    assert.deepEqual(nextPollDelayMs(input({ serverPollIntervalSeconds: 0 })), { delayMs: 30_000, reason: 'interval' });
  });

  it('pauses until a second after the reset when the rate limit is spent or nearly spent', () => {
    const resetAt = new Date(NOW.getTime() + 20 * 60_000);
    for (const remaining of [0, 9]) {
      assert.deepEqual(nextPollDelayMs(input({ rateLimit: { remaining, resetAt } })), {
        delayMs: 20 * 60_000 + 1000,
        reason: 'rateLimited',
      });
    }
  });

  it('keeps polling while the budget lasts, or when the reset time has passed', () => {
    const future = new Date(NOW.getTime() + 20 * 60_000);
    const past = new Date(NOW.getTime() - 1000);
    assert.equal(nextPollDelayMs(input({ rateLimit: { remaining: 10, resetAt: future } })).reason, 'interval');
    assert.equal(nextPollDelayMs(input({ rateLimit: { remaining: 0, resetAt: past } })).reason, 'interval');
  });

  it('backs off exponentially after failures, capped at 10 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6, 50, 5000].map((n) => nextPollDelayMs(input({ consecutiveFailures: n })));
    assert.deepEqual(
      delays.map((d) => d.delayMs / 1000),
      [60, 120, 240, 480, 600, 600, 600, 600],
    );
    assert.ok(delays.every((d) => d.reason === 'backoff'));
  });

  it('spreads backoff by up to 20% with the jitter input, never past the cap', () => {
    assert.equal(nextPollDelayMs(input({ consecutiveFailures: 1, jitter: 0.5 })).delayMs, 66_000);
    assert.equal(nextPollDelayMs(input({ consecutiveFailures: 1, jitter: 0 })).delayMs, 60_000);
    assert.equal(
      nextPollDelayMs(input({ consecutiveFailures: 1, jitter: 7 })).delayMs,
      60_000,
      'out-of-range jitter is ignored',
    );
    assert.equal(nextPollDelayMs(input({ consecutiveFailures: 9, jitter: 0.99 })).delayMs, MAX_BACKOFF_MS);
    assert.equal(nextPollDelayMs(input({ jitter: 0.99 })).delayMs, 30_000, 'no jitter without failures');
  });

  it('lets the rate-limit pause outlast a backoff', () => {
    const resetAt = new Date(NOW.getTime() + 45 * 60_000);
    const d = nextPollDelayMs(input({ consecutiveFailures: 3, focused: false, rateLimit: { remaining: 0, resetAt } }));
    assert.deepEqual(d, { delayMs: 45 * 60_000 + 1000, reason: 'rateLimited' });
  });

  it('clamps a hand-edited interval to the allowed 10–3600 s', () => {
    assert.equal(intervalMs(1), 10_000);
    assert.equal(intervalMs(-5), 10_000);
    assert.equal(intervalMs(99_999), 3_600_000);
    assert.equal(intervalMs(Number.NaN), 30_000);
  });

  it('always waits at least the interval and at least X-Poll-Interval (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 3600 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        fc.integer({ min: 0, max: 40 }),
        fc.option(fc.double({ min: 0, max: 0.999, noNaN: true }), { nil: undefined }),
        (intervalSeconds, focused, serverPollIntervalSeconds, consecutiveFailures, jitter) => {
          const { delayMs } = nextPollDelayMs(
            input({ intervalSeconds, focused, serverPollIntervalSeconds, consecutiveFailures, jitter }),
          );
          assert.ok(delayMs >= intervalSeconds * 1000);
          assert.ok(delayMs >= (serverPollIntervalSeconds ?? 0) * 1000);
          assert.ok(
            delayMs <= Math.max(intervalSeconds * 1000, MAX_BACKOFF_MS, (serverPollIntervalSeconds ?? 0) * 1000),
          );
        },
      ),
    );
  });
});
