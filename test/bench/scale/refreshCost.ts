/**
 * What a full refresh costs as the repository's GitHub side grows: wall time, HTTP
 * requests (the server's log), rate limit (the server's accounting) and git processes
 * (git's own log through the wrapper), for the first refresh and for refreshes when
 * nothing changed.
 */
import type { ScaleRow } from '../../support/bench/figure';
import { createScaleFixture, type ScaleFixture } from '../../support/load/scaleFixture';

/** One full refresh's cost. */
export interface RefreshCost {
  readonly ms: number;
  readonly requests: number;
  readonly rateLimitUsed: number;
  readonly gitProcesses: number;
}

export interface RefreshCostRun {
  readonly first: RefreshCost;
  /** Refreshes when nothing changed, after the warm-up. */
  readonly unchanged: readonly RefreshCost[];
}

/**
 * Enough refreshes for the production history to fill in (the reader learns at most one
 * older deployment's final state per refresh) and to pass one re-check round.
 */
const WARM_UP_REFRESHES = 12;

export async function measureRefreshCost(
  pulls: number,
  deployments: number,
  runs: number,
  waitingAndScanning = false,
): Promise<RefreshCostRun> {
  const scale = await createScaleFixture({ pulls, deployments, waitingAndScanning });
  try {
    const first = await costOf(scale);
    for (let i = 0; i < WARM_UP_REFRESHES; i++) {
      await scale.model.refresh('full');
    }
    const unchanged: RefreshCost[] = [];
    for (let i = 0; i < runs; i++) {
      unchanged.push(await costOf(scale));
    }
    return { first, unchanged };
  } finally {
    await scale.dispose();
  }
}

async function costOf(scale: ScaleFixture): Promise<RefreshCost> {
  const server = scale.fx.server;
  const requestsBefore = server.stats.total;
  const rateBefore = server.stats.rateLimitUsed;
  const gitBefore = await scale.gitProcesses();
  const started = performance.now();
  const { snapshot } = await scale.model.refresh('full');
  const ms = performance.now() - started;
  if (snapshot.connection.state !== 'ok') {
    throw new Error(`refresh failed: ${JSON.stringify(snapshot.connection)}`);
  }
  return {
    ms,
    requests: server.stats.total - requestsBefore,
    rateLimitUsed: server.stats.rateLimitUsed - rateBefore,
    gitProcesses: (await scale.gitProcesses()) - gitBefore,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Curve rows: the first refresh, and the median unchanged one. */
export function rowsOf(scenario: string, run: RefreshCostRun): ScaleRow[] {
  const { first, unchanged } = run;
  return [
    {
      scenario: `${scenario}: first refresh`,
      refreshMs: Math.round(first.ms),
      requests: first.requests,
      gitProcesses: first.gitProcesses,
      rateLimitUsed: first.rateLimitUsed,
    },
    {
      scenario: `${scenario}: unchanged refresh`,
      refreshMs: Math.round(median(unchanged.map((c) => c.ms))),
      requests: median(unchanged.map((c) => c.requests)),
      gitProcesses: median(unchanged.map((c) => c.gitProcesses)),
      rateLimitUsed: median(unchanged.map((c) => c.rateLimitUsed)),
    },
  ];
}
