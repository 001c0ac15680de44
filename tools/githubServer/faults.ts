/**
 * Failures injected into the next matching requests, so tests can drive a client through
 * every way GitHub (or the network in between) lets it down.
 */
import type { Fault } from './types';

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  /** Arms `fault` for its next `times` matching requests (default 1; `Infinity` until cleared). */
  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) {
      throw new RangeError(`A fault needs times > 0, got ${times}`);
    }
    this.active.push({ fault, remaining: times });
  }

  clear(): void {
    this.active = [];
  }

  /** Faults still armed, oldest first. */
  get pending(): readonly Fault[] {
    return this.active.map((entry) => entry.fault);
  }

  /**
   * Takes (counts down) the oldest fault matching this request. `exceptLatency` lets a
   * delayed request still meet one non-latency fault after its delay.
   */
  take(method: string, path: string, exceptLatency = false): Fault | undefined {
    const entry = this.active.find(
      ({ fault }) => matches(fault, method, path) && !(exceptLatency && fault.kind === 'latency'),
    );
    if (!entry) {
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.active = this.active.filter((candidate) => candidate !== entry);
    }
    return entry.fault;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  const match = fault.match;
  if (!match) {
    return true;
  }
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  // A global or sticky RegExp would remember lastIndex between requests.
  return !match.path || new RegExp(match.path.source, match.path.flags.replace(/[gy]/g, '')).test(path);
}
