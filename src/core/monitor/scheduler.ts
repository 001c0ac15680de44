/**
 * The background refresh loop: a setTimeout chain (each poll is scheduled when the
 * previous one finished, so polls never overlap or pile up) whose delays come from
 * `nextPollDelayMs`. The clock is injected so tests drive an hour in milliseconds.
 */
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { nextPollDelayMs, type PollDelayReason } from './pollPolicy';
import { RequestBudget } from './requestBudget';

/** Whatever the clock's setTimeout returns; only handed back to its clearTimeout. */
export type TimerHandle = unknown;

/** Time and timers, as a seam: `systemClock` in the extension, a fake in tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What one refresh learned that changes when the next one should run. */
export interface TickResult {
  /** GitHub's latest `X-Poll-Interval`, when a response carried one. */
  readonly serverPollIntervalSeconds?: number;
  readonly rateLimit?: { readonly remaining: number; readonly resetAt: Date };
  /** The refresh could not reach GitHub (or threw); drives the backoff. */
  readonly failed: boolean;
  /** Requests of this tick that cost rate limit: the poll is paced to an hourly budget of them. */
  readonly chargedRequests?: number;
}

export interface PollSchedulerOptions {
  readonly clock: Clock;
  /** One refresh. A rejection counts as a failed tick; it never stops the loop. */
  readonly tick: () => Promise<TickResult>;
  /** `envflow.pollInterval` in seconds, read at every scheduling so changes apply. */
  readonly getInterval: () => number;
  /** Window focus until the first `setFocused` call. */
  readonly isFocused: () => boolean;
  readonly logger?: Logger;
  /** Returns a number in [0, 1) to spread backoff delays; without it there is no jitter. */
  readonly random?: () => number;
  /** How long a trigger waits for more triggers to join it; 250 ms by default. */
  readonly triggerDebounceMs?: number;
  /** The longest a burst of triggers can postpone its tick; 1 s by default. */
  readonly triggerMaxWaitMs?: number;
  /** Paces polls by the requests they cost rate limit; `new RequestBudget()` by default. */
  readonly requestBudget?: RequestBudget;
}

/** Why a timer is pending: a regular poll, or triggers waiting out their debounce. */
type Pending =
  | { readonly kind: 'poll'; readonly handle: TimerHandle; readonly dueAt: number }
  | { readonly kind: 'trigger'; readonly handle: TimerHandle; readonly dueAt: number; readonly firstAt: number };

/**
 * Runs `tick` in the background: at the poll interval while focused, slower while not,
 * paused while rate limited, backing off after failures. `trigger` asks for a refresh
 * soon (bursts coalesce into one tick); `dispose` stops everything.
 */
export class PollScheduler {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private pending: Pending | undefined;
  private running = false;
  private followUp = false;
  private started = false;
  private disposed = false;
  private focused: boolean | undefined;
  private lastFinishedAt: number | undefined;
  private last: TickResult = { failed: false };
  private consecutiveFailures = 0;
  private readonly requestBudget: RequestBudget;

  /** When the next tick is planned (epoch ms), or undefined while none is. */
  get nextTickAt(): number | undefined {
    return this.pending?.dueAt;
  }

  constructor(private readonly options: PollSchedulerOptions) {
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
    this.debounceMs = options.triggerDebounceMs ?? 250;
    this.maxWaitMs = Math.max(options.triggerMaxWaitMs ?? 1000, this.debounceMs);
    this.requestBudget = options.requestBudget ?? new RequestBudget();
  }

  /** Runs the first tick now and keeps polling until `dispose`. Later calls do nothing. */
  start(): void {
    if (this.started || this.disposed) {
      return;
    }
    this.started = true;
    void this.runTick('start');
  }

  /**
   * Refresh soon, because something changed (a command, a file-system event). Triggers
   * within the debounce window share one tick; a continuous stream of triggers still
   * gets a tick at least every `triggerMaxWaitMs`. A trigger while a tick runs asks
   * for exactly one more tick after it, since the running one may have missed the change.
   * Triggers are not held back by a rate-limit pause or backoff: they come from the
   * user or from local changes, and `tick` decides what a refresh asks GitHub for.
   */
  trigger(reason: string): void {
    if (!this.started || this.disposed) {
      return;
    }
    if (this.running) {
      this.followUp = true;
      this.logger.trace(`[poll] ${reason}: refresh after the running one`);
      return;
    }
    const now = this.clock.now();
    const pending = this.pending;
    if (pending?.kind === 'poll' && pending.dueAt <= now + this.debounceMs) {
      // The regular poll is about to run anyway and will see the change.
      return;
    }
    const firstAt = pending?.kind === 'trigger' ? pending.firstAt : now;
    const dueAt = Math.min(now + this.debounceMs, firstAt + this.maxWaitMs);
    this.logger.trace(`[poll] ${reason}: refresh in ${dueAt - now} ms`);
    this.setPending(dueAt, (handle) => ({ kind: 'trigger', handle, dueAt, firstAt }), 'trigger');
  }

  /**
   * Window focus changed. The next poll is re-planned from the last tick's end: losing
   * focus stretches the wait; regaining it ticks at once when the last tick is older
   * than the interval (unless a rate-limit pause or backoff still says wait).
   */
  setFocused(focused: boolean): void {
    const was = this.isFocused();
    this.focused = focused;
    if (was === focused || !this.started || this.disposed || this.running || this.pending?.kind === 'trigger') {
      return;
    }
    this.schedulePoll();
  }

  /** Stops polling. A tick already running finishes, but nothing runs after it. */
  dispose(): void {
    this.disposed = true;
    this.clearPending();
  }

  private isFocused(): boolean {
    return this.focused ?? this.options.isFocused();
  }

  private async runTick(reason: string): Promise<void> {
    // Timers are cleared on dispose and never armed during a tick; this guard keeps
    // the no-overlap promise even if a clock fires a cleared timer.
    if (this.disposed || this.running) {
      return;
    }
    this.clearPending();
    this.running = true;
    this.logger.trace(`[poll] tick (${reason})`);
    let outcome: TickResult;
    try {
      outcome = await this.options.tick();
    } catch (error) {
      this.logger.warn(`[poll] refresh failed: ${error instanceof Error ? error.message : String(error)}`);
      outcome = { failed: true };
    }
    this.running = false;
    this.lastFinishedAt = this.clock.now();
    this.last = outcome;
    this.consecutiveFailures = outcome.failed ? this.consecutiveFailures + 1 : 0;
    this.requestBudget.spend(outcome.chargedRequests ?? 0, this.lastFinishedAt);
    if (this.disposed) {
      return;
    }
    if (this.followUp) {
      this.followUp = false;
      this.trigger('changes during the last refresh');
      return;
    }
    this.schedulePoll();
  }

  /** Plans the next regular poll, measured from the end of the last tick. */
  private schedulePoll(): void {
    const since = this.lastFinishedAt ?? this.clock.now();
    const { delayMs, reason } = this.nextDelay(since);
    const dueAt = since + delayMs;
    this.logger.debug(`[poll] next refresh in ${Math.round((dueAt - this.clock.now()) / 1000)} s (${reason})`);
    this.setPending(dueAt, (handle) => ({ kind: 'poll', handle, dueAt }), 'poll');
  }

  /** `since` is the moment the delay counts from, so a rate-limit reset lands where it should. */
  private nextDelay(since: number): { delayMs: number; reason: PollDelayReason } {
    return nextPollDelayMs({
      intervalSeconds: this.options.getInterval(),
      focused: this.isFocused(),
      serverPollIntervalSeconds: this.last.serverPollIntervalSeconds,
      rateLimit: this.last.rateLimit,
      consecutiveFailures: this.consecutiveFailures,
      now: new Date(since),
      jitter: this.options.random?.(),
      requestBudgetWaitMs: this.requestBudget.waitMs(since),
    });
  }

  private setPending(dueAt: number, make: (handle: TimerHandle) => Pending, reason: string): void {
    this.clearPending();
    const delay = Math.max(0, dueAt - this.clock.now());
    const handle = this.clock.setTimeout(() => {
      this.pending = undefined;
      void this.runTick(reason);
    }, delay);
    this.pending = make(handle);
  }

  private clearPending(): void {
    if (this.pending) {
      this.clock.clearTimeout(this.pending.handle);
      this.pending = undefined;
    }
  }
}
