/**
 * The extension's background poll, outside VS Code: the real PollScheduler and poll
 * policy ticking a real RepositoryModel (real git, a real HTTP server) through a
 * simulated clock, as src/ui/monitor.ts does in one focused window.
 */
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { PollScheduler } from '../../../src/core/monitor/scheduler';
import { tickResultOf } from '../../../src/core/monitor/tickResult';
import type { FakeClock } from '../fakeClock';

export interface MonitorRun {
  /** Poll ticks that ran (the first one at the start included). */
  readonly ticks: number;
  /** Ticks whose refresh ended with GitHub in error. */
  readonly failedTicks: number;
}

export interface SimulateMonitorOptions {
  readonly model: RepositoryModel;
  readonly clock: FakeClock;
  readonly durationMs: number;
  /** `envflow.pollInterval` (the package.json default unless a test says otherwise). */
  readonly pollIntervalSeconds: number;
  readonly focused?: boolean;
}

export async function simulateMonitor(options: SimulateMonitorOptions): Promise<MonitorRun> {
  const { model, clock } = options;
  let running: Promise<unknown> = Promise.resolve();
  let ticks = 0;
  let failedTicks = 0;
  const scheduler = new PollScheduler({
    clock,
    getInterval: () => options.pollIntervalSeconds,
    isFocused: () => options.focused ?? true,
    tick: () => {
      const tick = (async () => {
        ticks++;
        const result = await model.refresh('full').catch(() => undefined);
        const tickResult = tickResultOf([
          { connectionState: result?.snapshot.connection.state, limits: model.githubLimits() },
        ]);
        failedTicks += tickResult.failed ? 1 : 0;
        return tickResult;
      })();
      running = tick;
      return tick;
    },
  });
  // After a timer fires, wait for the tick it started and for the scheduler to plan the next one.
  const idle = async () => {
    await running;
    await new Promise((resolve) => setImmediate(resolve));
  };
  scheduler.start();
  try {
    await clock.advance(options.durationMs, idle);
  } finally {
    scheduler.dispose();
    await running;
  }
  return { ticks, failedTicks };
}
