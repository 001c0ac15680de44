import { REQUEST_BURST, REQUESTS_PER_HOUR } from '../../../src/core/monitor/requestBudget';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Logger } from '../../../src/core/log';
import { PollScheduler, systemClock, type TickResult } from '../../../src/core/monitor/scheduler';
import { FakeClock, settle } from '../../support/fakeClock';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A scheduler over a fake clock that records when each tick started (ms since start). */
function harness(
  options: {
    interval?: number;
    focused?: boolean;
    results?: (n: number) => TickResult | Promise<TickResult>;
    tickDurationMs?: number;
  } = {},
) {
  const clock = new FakeClock();
  const t0 = clock.now();
  const ticks: number[] = [];
  let running = 0;
  let maxRunning = 0;
  let interval = options.interval ?? 30;
  const warnings: string[] = [];
  const logger: Logger = { trace() {}, debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  const scheduler = new PollScheduler({
    clock,
    logger,
    getInterval: () => interval,
    isFocused: () => options.focused ?? true,
    tick: async () => {
      ticks.push(clock.now() - t0);
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        if (options.tickDurationMs) {
          await new Promise<void>((resolve) => clock.setTimeout(resolve, options.tickDurationMs!));
        }
        return await (options.results?.(ticks.length) ?? { failed: false });
      } finally {
        running--;
      }
    },
  });
  return {
    clock,
    scheduler,
    ticks,
    warnings,
    get maxRunning() {
      return maxRunning;
    },
    setInterval: (seconds: number) => (interval = seconds),
    /** Time since start, in ms. */
    elapsed: () => clock.now() - t0,
  };
}

/** The gaps between consecutive ticks, in seconds. */
const gaps = (ticks: readonly number[]): number[] => ticks.slice(1).map((t, i) => (t - ticks[i]!) / SECOND);

describe('PollScheduler', () => {
  describe('regular polling', () => {
    it('ticks 120 times in an hour at the default 30 s while focused', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(HOUR - 1);
      assert.equal(h.ticks.length, 120);
      assert.deepEqual(new Set(gaps(h.ticks)), new Set([30]));
      h.scheduler.dispose();
    });

    it('ticks 24 times in an hour while unfocused (every 150 s)', async () => {
      const h = harness({ focused: false });
      h.scheduler.start();
      await h.clock.advance(HOUR - 1);
      assert.equal(h.ticks.length, 24);
      assert.deepEqual(new Set(gaps(h.ticks)), new Set([150]));
      h.scheduler.dispose();
    });

    it('measures the interval from the end of a slow tick, so ticks never pile up', async () => {
      const h = harness({ tickDurationMs: 50 * SECOND });
      h.scheduler.start();
      await h.clock.advance(HOUR - 1);
      assert.deepEqual(new Set(gaps(h.ticks)), new Set([80]));
      assert.equal(h.maxRunning, 1);
      h.scheduler.dispose();
    });

    it('applies a changed interval setting from the next tick on', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(1);
      h.setInterval(120);
      await h.clock.advance(30 * SECOND + 120 * SECOND);
      assert.deepEqual(h.ticks, [0, 30 * SECOND, 150 * SECOND]);
      h.scheduler.dispose();
    });

    it('starts only once', async () => {
      const h = harness();
      h.scheduler.start();
      h.scheduler.start();
      await h.clock.advance(29 * SECOND);
      assert.deepEqual(h.ticks, [0]);
      h.scheduler.dispose();
    });

    it('spends at most the hourly request budget when every poll costs rate limit', async () => {
      // A GitHub that never answers 304: each poll costs its five requests.
      const h = harness({ results: () => ({ failed: false, chargedRequests: 5 }) });
      h.scheduler.start();
      await h.clock.advance(HOUR - 1);
      const spent = h.ticks.length * 5;
      assert.ok(spent <= REQUESTS_PER_HOUR + REQUEST_BURST, `${spent} requests in ${h.ticks.length} polls`);
      assert.ok(h.ticks.length >= 30, `${h.ticks.length} polls: still polling, just slower`);
      h.scheduler.dispose();
    });

    it('keeps the interval when polls cost no rate limit (all 304)', async () => {
      const h = harness({ results: () => ({ failed: false, chargedRequests: 0 }) });
      h.scheduler.start();
      await h.clock.advance(HOUR - 1);
      assert.equal(h.ticks.length, 120);
      h.scheduler.dispose();
    });

    it('waits at least the X-Poll-Interval GitHub asks for', async () => {
      const h = harness({ results: () => ({ failed: false, serverPollIntervalSeconds: 60 }) });
      h.scheduler.start();
      await h.clock.advance(5 * MINUTE - 1);
      assert.deepEqual(new Set(gaps(h.ticks)), new Set([60]));
      h.scheduler.dispose();
    });
  });

  describe('focus', () => {
    it('ticks at once on regaining focus when the last tick is older than the interval', async () => {
      const h = harness({ focused: false });
      h.scheduler.start();
      await h.clock.advance(100 * SECOND);
      assert.deepEqual(h.ticks, [0]);
      h.scheduler.setFocused(true);
      await h.clock.advance(0);
      assert.deepEqual(h.ticks, [0, 100 * SECOND]);
      await h.clock.advance(30 * SECOND);
      assert.deepEqual(h.ticks, [0, 100 * SECOND, 130 * SECOND]);
      h.scheduler.dispose();
    });

    it('keeps the regular rhythm when focus returns soon after a tick', async () => {
      const h = harness({ focused: false });
      h.scheduler.start();
      await h.clock.advance(10 * SECOND);
      h.scheduler.setFocused(true);
      await h.clock.advance(25 * SECOND);
      assert.deepEqual(h.ticks, [0, 30 * SECOND]);
      h.scheduler.dispose();
    });

    it('stretches the wait when focus is lost', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(10 * SECOND);
      h.scheduler.setFocused(false);
      h.scheduler.setFocused(false);
      await h.clock.advance(140 * SECOND - 1);
      assert.deepEqual(h.ticks, [0]);
      await h.clock.advance(1);
      assert.deepEqual(h.ticks, [0, 150 * SECOND]);
      h.scheduler.dispose();
    });

    it('does not break a rate-limit pause when focus returns', async () => {
      const h = harness({
        focused: false,
        results: (n) => ({
          failed: false,
          rateLimit: { remaining: n === 1 ? 0 : 4000, resetAt: new Date(h.clock.now() + 20 * MINUTE) },
        }),
      });
      h.scheduler.start();
      await h.clock.advance(5 * MINUTE);
      h.scheduler.setFocused(true);
      await h.clock.advance(10 * MINUTE);
      assert.deepEqual(h.ticks, [0]);
      h.scheduler.dispose();
    });
  });

  describe('rate limits and failures', () => {
    it('pauses until a second after the rate-limit reset, then resumes the interval', async () => {
      let first = true;
      const h = harness({
        results: () => {
          const resetAt = new Date(h.clock.now() + 20 * MINUTE);
          const remaining = first ? 3 : 4990;
          first = false;
          return { failed: false, rateLimit: { remaining, resetAt } };
        },
      });
      h.scheduler.start();
      await h.clock.advance(20 * MINUTE);
      assert.deepEqual(h.ticks, [0], 'no poll while the budget is spent');
      await h.clock.advance(1 * SECOND);
      assert.deepEqual(h.ticks, [0, 20 * MINUTE + SECOND]);
      await h.clock.advance(30 * SECOND);
      assert.equal(h.ticks.length, 3);
      h.scheduler.dispose();
    });

    it('backs off exponentially after failures, capped at 10 minutes, and recovers on success', async () => {
      const h = harness({ results: (n) => ({ failed: n <= 7 }) });
      h.scheduler.start();
      await h.clock.advance(2 * HOUR);
      assert.deepEqual(gaps(h.ticks).slice(0, 9), [60, 120, 240, 480, 600, 600, 600, 30, 30]);
      h.scheduler.dispose();
    });

    it('treats a rejected tick as a failure, logs it, and keeps polling', async () => {
      const h = harness({
        results: (n) => (n === 1 ? Promise.reject(new Error('socket hang up')) : { failed: false }),
      });
      h.scheduler.start();
      await h.clock.advance(90 * SECOND);
      assert.deepEqual(h.ticks, [0, 60 * SECOND, 90 * SECOND]);
      assert.match(h.warnings.join('\n'), /socket hang up/);
      h.scheduler.dispose();
    });

    it('spreads backoff with the injected random source', async () => {
      const clock = new FakeClock();
      const ticks: number[] = [];
      const scheduler = new PollScheduler({
        clock,
        getInterval: () => 30,
        isFocused: () => true,
        random: () => 0.5,
        tick: async () => {
          ticks.push(clock.now());
          return { failed: true };
        },
      });
      scheduler.start();
      await clock.advance(HOUR);
      assert.deepEqual(gaps(ticks).slice(0, 2), [66, 132]);
      scheduler.dispose();
    });
  });

  describe('trigger', () => {
    it('coalesces a burst of triggers into one tick 250 ms after the last', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(10 * SECOND);
      for (let i = 0; i < 20; i++) {
        h.scheduler.trigger('file changed');
        await h.clock.advance(10);
      }
      await h.clock.advance(SECOND);
      assert.equal(h.ticks.length, 2);
      assert.equal(h.ticks[1], 10 * SECOND + 190 + 250);
      h.scheduler.dispose();
    });

    it('still ticks at least once a second under a continuous stream of triggers', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(5 * SECOND);
      for (let i = 0; i < 30; i++) {
        h.scheduler.trigger('file changed');
        await h.clock.advance(100);
      }
      const during = h.ticks.filter((t) => t > 5 * SECOND);
      assert.equal(during.length, 3);
      assert.ok(gaps(during).every((g) => g <= 1.1));
      h.scheduler.dispose();
    });

    it('restarts the regular interval after a triggered tick', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(10 * SECOND);
      h.scheduler.trigger('refresh command');
      await h.clock.advance(40 * SECOND);
      assert.deepEqual(h.ticks, [0, 10_250, 40_250]);
      h.scheduler.dispose();
    });

    it('joins a regular poll that is due within the debounce window', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(29_900);
      h.scheduler.trigger('file changed');
      await h.clock.advance(SECOND);
      assert.deepEqual(h.ticks, [0, 30 * SECOND]);
      h.scheduler.dispose();
    });

    it('runs exactly one follow-up for triggers during a running tick, never overlapping', async () => {
      const h = harness({ tickDurationMs: 5 * SECOND });
      h.scheduler.start();
      await h.clock.advance(SECOND);
      for (let i = 0; i < 5; i++) {
        h.scheduler.trigger('file changed');
      }
      await h.clock.advance(10 * SECOND);
      assert.deepEqual(h.ticks, [0, 5_250]);
      assert.equal(h.maxRunning, 1);
      h.scheduler.dispose();
    });

    it('is ignored before start', async () => {
      const h = harness();
      h.scheduler.trigger('file changed');
      await h.clock.advance(MINUTE);
      assert.deepEqual(h.ticks, []);
    });
  });

  describe('dispose', () => {
    it('stops all ticks and leaves no timer behind', async () => {
      const h = harness();
      h.scheduler.start();
      await h.clock.advance(10 * SECOND);
      h.scheduler.trigger('file changed');
      h.scheduler.dispose();
      assert.equal(h.clock.pendingTimers, 0);
      h.scheduler.trigger('file changed');
      h.scheduler.setFocused(false);
      h.scheduler.start();
      await h.clock.advance(HOUR);
      assert.deepEqual(h.ticks, [0]);
      assert.equal(h.scheduler.nextTickAt, undefined);
    });

    it('lets a running tick finish but schedules nothing after it', async () => {
      const h = harness({ tickDurationMs: 5 * SECOND });
      h.scheduler.start();
      await h.clock.advance(SECOND);
      h.scheduler.trigger('file changed');
      h.scheduler.dispose();
      await h.clock.advance(HOUR);
      assert.deepEqual(h.ticks, [0]);
      assert.equal(h.clock.pendingTimers, 0);
    });
  });

  it('never overlaps ticks under any mix of triggers, focus changes and slow ticks', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('trigger' as const) }),
      fc.record({ kind: fc.constant('focus' as const), focused: fc.boolean() }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 200 * SECOND }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 40 }),
        fc.integer({ min: 0, max: 60 * SECOND }),
        async (steps, duration) => {
          const h = harness({ tickDurationMs: duration, results: (n) => ({ failed: n % 3 === 0 }) });
          h.scheduler.start();
          for (const s of steps) {
            if (s.kind === 'trigger') {
              h.scheduler.trigger('property');
            } else if (s.kind === 'focus') {
              h.scheduler.setFocused(s.focused);
            } else {
              await h.clock.advance(s.ms);
            }
          }
          await h.clock.advance(HOUR);
          h.scheduler.dispose();
          await h.clock.advance(HOUR);
          assert.equal(h.maxRunning, 1);
          assert.equal(h.clock.pendingTimers, 0);
          // An hour without triggers always yields a tick (backoff caps at 10 minutes).
          assert.ok(h.ticks.length >= 2);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('systemClock', () => {
  it('reads the real time and cancels its timers', async () => {
    const before = Date.now();
    assert.ok(systemClock.now() >= before);
    let fired = false;
    const handle = systemClock.setTimeout(() => (fired = true), 0);
    systemClock.clearTimeout(handle);
    await settle();
    assert.equal(fired, false);
  });
});
