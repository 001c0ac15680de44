/**
 * The worst case for GitHub's rate limit: one focused window at default settings, for an hour of
 * simulated time, against a GitHub that never answers 304 (so every request costs rate
 * limit). Counts what the server saw: requests and the most in flight at once.
 */
import { DEFAULT_INTERVAL_SECONDS } from '../../../src/core/monitor/pollPolicy';
import { createScaleFixture } from '../../support/load/scaleFixture';
import { FakeClock } from '../../support/fakeClock';
import { simulateMonitor } from '../../support/load/simulateMonitor';

export const HOUR_MS = 3_600_000;

export interface HourOfPolling {
  readonly requests: number;
  readonly maxInFlight: number;
  readonly ticks: number;
  readonly failedTicks: number;
  readonly secondaryLimited: number;
  readonly wallMs: number;
}

export async function pollForAnHour(options: {
  pulls: number;
  deployments: number;
  conditionalRequests: boolean;
}): Promise<HourOfPolling> {
  const clock = new FakeClock(Date.now());
  const scale = await createScaleFixture({
    ...options,
    now: () => clock.now(),
    // GitHub's documented secondary limits: 100 concurrent, 900 points a minute.
    secondaryRateLimit: { maxConcurrent: 100, maxPointsPerMinute: 900 },
  });
  try {
    const started = performance.now();
    const run = await simulateMonitor({
      model: scale.model,
      clock,
      durationMs: HOUR_MS,
      pollIntervalSeconds: DEFAULT_INTERVAL_SECONDS,
    });
    const stats = scale.fx.server.stats;
    return {
      requests: stats.total,
      maxInFlight: stats.maxInFlight,
      secondaryLimited: stats.secondaryLimited,
      ...run,
      wallMs: performance.now() - started,
    };
  } finally {
    await scale.dispose();
  }
}
