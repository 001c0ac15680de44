/**
 * One window on the sandbox (GitHub without added latency, 10 s poll): the event loop
 * delay during polling, refreshes and opening a pull request; heap growth over many
 * refresh cycles after GC; and the times of idle poll ticks, which the launcher
 * matches against the server's request log and the git wrapper's log.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { Commands } from '../../../../src/constants';
import type { EnvFlowApi, RepositorySnapshot } from '../../../../src/envflow';
import { git } from '../../../support/gitFixtures';
import { activateEnvFlow, nextSnapshot, waitForSnapshot } from '../../../host/hostSupport';
import { recordMeasurements, showsFullState } from '../benchSupport';

const cycles = Number(process.env.ENVFLOW_BENCH_CYCLES ?? 1000);
const idleTicks = Number(process.env.ENVFLOW_BENCH_IDLE_TICKS ?? 3);
/**
 * Cycles before the first heap reading: until then the heap grows for reasons that stop
 * (compiled code, V8's inline caches, the first pages of GitHub's answers in the ETag
 * cache, git processes whose exit timers are still pending), so growth is measured
 * between two readings taken in the same steady state. After 300 the extension host
 * still compiled code the first time a path ran (+1.7 to +2.3 MB over the next 1,000
 * cycles, no EnvFlow object among it in a heap snapshot diff); after 1,000 it no longer does.
 */
const warmUpCycles = Number(process.env.ENVFLOW_BENCH_WARM_UP ?? 1000);

/** V8's collector, reachable once the flag is set (the extension host does not start with --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  // Without this V8 drops the bytecode of functions idle for a few collections and
  // compiles it again on the next call, which moves heapUsed by megabytes either way
  // between two readings; what a refresh leaves behind is a fraction of that.
  v8.setFlagsFromString('--no-flush-bytecode');
  return vm.runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  // Twice: the first pass can leave garbage that only the second frees (weak references, finalizers).
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** One user-visible refresh: the command, then the snapshot it publishes. */
async function refreshCycle(api: EnvFlowApi): Promise<RepositorySnapshot> {
  const next = nextSnapshot(api);
  await vscode.commands.executeCommand(Commands.refresh);
  return next;
}

describe('bench: polling, refresh cycles and opening a pull request', function () {
  this.timeout(900_000);
  let api: EnvFlowApi;
  let loop: IntervalHistogram;

  before(async () => {
    api = await activateEnvFlow();
    await waitForSnapshot(api, showsFullState, 60_000);
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
  });

  it('records idle poll ticks', async () => {
    const ticks: number[] = [];
    for (let i = 0; i <= idleTicks; i++) {
      await nextSnapshot(api, 60_000);
      ticks.push(Date.now());
    }
    await recordMeasurements({ idleTickTimes: ticks });
  });

  it('measures heap growth over refresh cycles', async () => {
    const gc = collector();
    const refreshMs: number[] = [];
    for (let i = 0; i < warmUpCycles; i++) {
      await refreshCycle(api);
    }
    let before = heapAfterGc(gc);
    if (process.env.ENVFLOW_BENCH_HEAP_SNAPSHOTS) {
      v8.writeHeapSnapshot(`${process.env.ENVFLOW_BENCH_HEAP_SNAPSHOTS}-before.heapsnapshot`);
      // Writing the snapshot allocates; the reading starts after it.
      before = heapAfterGc(gc);
    }
    // ENVFLOW_BENCH_PROFILE=<file>: a CPU profile of the cycles, to find what blocks the loop.
    const profile = process.env.ENVFLOW_BENCH_PROFILE ? new Session() : undefined;
    profile?.connect();
    await profile?.post('Profiler.enable');
    await profile?.post('Profiler.start');
    for (let i = 0; i < cycles; i++) {
      const started = performance.now();
      await refreshCycle(api);
      refreshMs.push(performance.now() - started);
    }
    if (profile) {
      const { profile: recorded } = await profile.post('Profiler.stop');
      await writeFile(process.env.ENVFLOW_BENCH_PROFILE!, JSON.stringify(recorded));
      profile.disconnect();
    }
    const after = heapAfterGc(gc);
    // ENVFLOW_BENCH_HEAP_SNAPSHOTS=<prefix>: heap snapshots at both readings, to diff what stayed.
    if (process.env.ENVFLOW_BENCH_HEAP_SNAPSHOTS) {
      v8.writeHeapSnapshot(`${process.env.ENVFLOW_BENCH_HEAP_SNAPSHOTS}-after.heapsnapshot`);
    }
    await recordMeasurements({ heapBefore: before, heapAfter: after, cycles, refreshCycleMs: refreshMs });
  });

  it('opens a pull request', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const run = (...args: string[]) => git(root, args);
    await run('switch', '--quiet', '--create', 'feature/bench', 'origin/develop');
    await writeFile(join(root, 'bench.txt'), 'bench\n');
    await run('add', 'bench.txt');
    await run('commit', '--quiet', '-m', 'Add bench.txt');
    const head = await run('rev-parse', 'HEAD');
    await waitForSnapshot(api, (s) => s.local.headSha === head);
    await vscode.commands.executeCommand(Commands.runTests);
    await waitForSnapshot(api, (s) => s.local.headSha === head && s.local.tests.state === 'passed');
    const started = performance.now();
    const pr = await vscode.commands.executeCommand<{ number: number } | undefined>(Commands.openPullRequest, { draft: false });
    if (!pr) {
      throw new Error('no pull request was opened');
    }
    await recordMeasurements({ pullRequestMs: performance.now() - started });
  });

  after(async () => {
    loop?.disable();
    if (loop) {
      await recordMeasurements({ eventLoopP99Ms: loop.percentile(99) / 1e6, eventLoopMaxMs: loop.max / 1e6 });
    }
  });
});
