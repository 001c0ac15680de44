/**
 * How much the poll interval stretches while the window is unfocused, read from the
 * real PollScheduler's ticks on a virtual clock (an hour of polling takes milliseconds).
 */
import { PollScheduler, type Clock } from '../../src/core/monitor/scheduler';
import { summarize, type BenchFigure } from '../support/bench/figure';

/** Timers that fire in order when `advance` is called; `now` moves to each one. */
class VirtualClock implements Clock {
  private time = Date.UTC(2026, 0, 1);
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, callback, id: this.nextId++ };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Runs the earliest timer, then lets the tick it started settle. */
  async advance(): Promise<void> {
    const next = this.timers.sort((a, b) => a.at - b.at).shift();
    if (!next) {
      throw new Error('nothing is scheduled');
    }
    this.time = next.at;
    next.callback();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The gap between two consecutive poll ticks at `intervalSeconds`, focused or not. */
async function tickGap(intervalSeconds: number, focused: boolean): Promise<number> {
  const clock = new VirtualClock();
  const ticks: number[] = [];
  const scheduler = new PollScheduler({
    clock,
    tick: async () => {
      ticks.push(clock.now());
      return { failed: false };
    },
    getInterval: () => intervalSeconds,
    isFocused: () => true,
  });
  scheduler.start();
  await new Promise((resolve) => setImmediate(resolve));
  scheduler.setFocused(focused);
  await clock.advance();
  await clock.advance();
  scheduler.dispose();
  return ticks[2] - ticks[1];
}

/** Stretch factor at 10 s, the default 30 s and 60 s. */
export async function measureUnfocusedFactor(log: (line: string) => void): Promise<BenchFigure> {
  const factors: number[] = [];
  for (const seconds of [10, 30, 60]) {
    const focused = await tickGap(seconds, true);
    const unfocused = await tickGap(seconds, false);
    factors.push(unfocused / focused);
    log(`  poll every ${seconds} s: ${focused / 1000} s focused, ${unfocused / 1000} s unfocused`);
  }
  return summarize('unfocused_interval_factor', '×', factors, 4, 'min');
}
