/**
 * A local refresh (git only, as after a file or ref change) of a repository with a
 * long history and many branches: the RepositoryModel's 'local' refresh with the real
 * git binary, timed and with its git processes counted (the runner's process hook).
 */
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { openRepository } from '../../../src/core/git/repository';
import { layerEnv } from '../../support/openRepository';
import type { ScaleRow } from '../../support/bench/figure';
import { bigRepository, type BigRepositoryShape } from './bigRepository';
import { median } from './refreshCost';

export interface LocalRefreshRun {
  readonly first: { ms: number; gitProcesses: number };
  /** Steady-state local refreshes (nothing moved since the last one). */
  readonly samples: readonly { ms: number; gitProcesses: number }[];
}

export async function measureLocalRefresh(
  shape: BigRepositoryShape,
  runs: number,
  log: (line: string) => void,
): Promise<LocalRefreshRun> {
  const root = await bigRepository(shape, log);
  let processes = 0;
  const git = await openRepository(root, { env: layerEnv, onProcess: () => processes++ });
  if (!git) {
    throw new Error(`${root} is not a repository`);
  }
  const model = new RepositoryModel({
    git,
    config: () => defaultFlowConfig,
    connect: async () => undefined,
    testRecord: () => undefined,
  });
  const timed = async () => {
    processes = 0;
    const started = performance.now();
    await model.refresh('local');
    return { ms: performance.now() - started, gitProcesses: processes };
  };
  const first = await timed();
  const samples = [];
  // Each takes milliseconds; many samples keep the median steady on a busy machine.
  for (let i = 0; i < Math.max(runs * 3, 15); i++) {
    samples.push(await timed());
  }
  return { first, samples };
}

export function localRows(scenario: string, run: LocalRefreshRun): ScaleRow[] {
  return [
    {
      scenario: `${scenario}: first local refresh`,
      refreshMs: Math.round(run.first.ms),
      requests: 0,
      gitProcesses: run.first.gitProcesses,
      rateLimitUsed: 0,
    },
    {
      scenario: `${scenario}: local refresh`,
      refreshMs: Math.round(median(run.samples.map((s) => s.ms))),
      requests: 0,
      gitProcesses: median(run.samples.map((s) => s.gitProcesses)),
      rateLimitUsed: 0,
    },
  ];
}
