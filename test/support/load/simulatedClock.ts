/**
 * A Clock for simulated hours against real servers: time jumps to the next timer, the
 * timer fires, and the clock waits until the work it started (real HTTP, real git) is
 * done before jumping again. Unlike the unit tests' FakeClock, which only lets
 * microtasks settle, this one waits for real I/O.
 */
import type { Clock, TimerHandle } from '../../../src/core/monitor/scheduler';

interface Timer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

export class SimulatedClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = Date.now()) {
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

  /**
   * Runs simulated time forward by `ms`. After each timer fires, `idle` must resolve
   * once everything the timer started has finished (the caller knows what that is).
   */
  async run(ms: number, idle: () => Promise<void>): Promise<void> {
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
