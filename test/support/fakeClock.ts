/**
 * A Clock whose time only moves when a test says so: `advance` fires due timers in
 * time order and lets each fired tick's work settle before looking again. Unit tests
 * settle microtasks; load tests against real servers pass an `idle` that waits for
 * the real I/O a tick started.
 */
import type { Clock, TimerHandle } from '../../src/core/monitor/scheduler';

interface Timer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** Enough microtask turns for an async tick that resolves at once to finish. */
const SETTLE_TURNS = 20;

export async function settle(): Promise<void> {
  for (let i = 0; i < SETTLE_TURNS; i++) {
    await Promise.resolve();
  }
}

export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = Date.parse('2026-11-28T12:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, dueAt: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way; `idle` resolves once a fired timer's work is done. */
  async advance(ms: number, idle: () => Promise<void> = settle): Promise<void> {
    const end = this.time + ms;
    await idle();
    for (;;) {
      const due = this.timers.filter((t) => t.dueAt <= end).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
      if (!due) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.dueAt);
      due.callback();
      await idle();
    }
    this.time = end;
  }
}
