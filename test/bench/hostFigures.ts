/**
 * The figures measured in the real extension host (code-server): fresh windows for
 * activation and the first tree, then one long window for the event loop, the heap
 * and the idle gaps between poll ticks. The GitHub server and git's log live here in
 * the launcher, so the host's event loop and heap hold EnvFlow's work only.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitWrapper } from '../support/launch/gitWrapper';
import { repositoryRoot, runHostSuite } from '../support/launch/hostRun';
import { createSandbox, type Sandbox } from '../../tools/sandbox/sandbox';
import { summarize, type BenchFigure } from '../support/bench/figure';
import { isEmptyExtension, writeEmptyExtension } from '../support/bench/emptyExtension';
import type { VsCodeActivation } from '../support/bench/vscodeActivation';

/** Bench suites live in out/test/bench/host; the host entry resolves a suite relative to out/test/host. */
const suitePath = (name: string) => `../bench/host/${name}`;
/** VS Code's own git extension would add its processes to the git log. */
const hostSettings = { 'git.enabled': false };

interface Measured {
  activationMs?: number;
  vscodeActivation?: VsCodeActivation;
  vscodeActivationOthers?: VsCodeActivation[];
  activateSyncMs?: number;
  firstTreeMs?: number;
  idleTickTimes?: number[];
  heapBefore?: number;
  heapAfter?: number;
  cycles?: number;
  refreshCycleMs?: number[];
  pullRequestMs?: number;
  eventLoopP99Ms?: number;
  eventLoopMaxMs?: number;
}

async function runBenchSuite(
  suite: string,
  sandbox: Sandbox,
  extra: {
    settings?: Record<string, unknown>;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    extraExtensions?: readonly string[];
  },
): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'envflow-bench-'));
  const out = join(dir, 'measured.json');
  try {
    const results = await runHostSuite({
      suite: suitePath(suite),
      workspace: sandbox.repo.root,
      trusted: true,
      settings: { ...hostSettings, ...sandbox.settings, ...extra.settings },
      env: { ...sandbox.env, ...extra.env, ENVFLOW_BENCH_OUT: out },
      timeoutMs: extra.timeoutMs,
      extraExtensions: extra.extraExtensions,
    });
    if (results.failures > 0 || results.tests === 0) {
      throw new Error(
        `bench suite ${suite} failed: ${results.failureDetails.map((f) => `${f.title}: ${f.message}`).join('; ') || 'no tests ran'}`,
      );
    }
    return JSON.parse(await readFile(out, 'utf8')) as Measured;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `runs` fresh windows, each on a fresh sandbox whose GitHub answers after 50 ms. */
export async function measureLaunches(runs: number, log: (line: string) => void): Promise<BenchFigure[]> {
  const activation: number[] = [];
  const vscodeActivation: number[] = [];
  const emptyActivation: number[] = [];
  const othersActivation: number[] = [];
  const activateSync: number[] = [];
  const firstTree: number[] = [];
  const emptyExtension = await writeEmptyExtension(await ownActivationEvent());
  try {
    for (let run = 1; run <= runs; run++) {
      const sandbox = await createSandbox({ latencyMs: 50 });
      try {
        const measured = await runBenchSuite('launch', sandbox, {
          timeoutMs: 120_000,
          extraExtensions: [emptyExtension],
        });
        const own = measured.vscodeActivation!;
        const sameEvent = measured.vscodeActivationOthers!;
        const empty = sameEvent.find((row) => isEmptyExtension(row.extensionId));
        const others = sameEvent.filter((row) => row !== empty);
        activation.push(measured.activationMs!);
        vscodeActivation.push(own.ms);
        if (empty) {
          emptyActivation.push(empty.ms);
        }
        othersActivation.push(...others.map((row) => row.ms));
        activateSync.push(measured.activateSyncMs!);
        firstTree.push(measured.firstTreeMs!);
        log(
          `  window ${run}/${runs}: activate() ${measured.activationMs!.toFixed(2)} ms, VS Code's own ${own.ms} ms` +
            ` (load ${own.loadCodeMs} + activate ${own.callActivateMs}, ${own.startup ? 'startup, ' : ''}${own.activationEvent};` +
            ` an empty extension ${empty ? `${empty.ms} ms` : 'not listed'};` +
            ` others on that event: ${others.map((row) => `${row.extensionId} ${row.ms} ms`).join(', ') || 'none'}),` +
            ` full tree after ${Math.round(measured.firstTreeMs!)} ms`,
        );
      } finally {
        await sandbox.dispose();
      }
    }
  } finally {
    await rm(dirname(emptyExtension), { recursive: true, force: true });
  }
  return [
    summarize('activate_sync_ms', 'ms', activateSync, 1),
    summarize('activation_ms', 'ms', activation, 15),
    // Reported beside activation_ms, without a budget yet: nearly all of it is V8 compiling
    // dist/extension.js, which only a smaller first bundle lowers (test/bench/README.md).
    summarize('vscode_activation_ms', 'ms', vscodeActivation, null),
    // No budget on these two: what any extension costs in the same windows, so a loaded machine shows as such.
    ...(emptyActivation.length > 0 ? [summarize('vscode_activation_empty_ms', 'ms', emptyActivation, null)] : []),
    ...(othersActivation.length > 0 ? [summarize('vscode_activation_others_ms', 'ms', othersActivation, null)] : []),
    summarize('first_tree_ms', 'ms', firstTree, 1500),
  ];
}

/** The event EnvFlow activates on, so the empty extension is activated in the same batch. */
async function ownActivationEvent(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as {
    activationEvents?: string[];
  };
  return manifest.activationEvents?.[0] ?? '*';
}

/** Activity strictly inside the quiet part of each gap between two poll ticks. */
function idleActivity(
  ticks: readonly number[],
  requestTimes: readonly number[],
  gitTimes: readonly number[],
): number[] {
  const gaps: number[] = [];
  for (let i = 0; i + 1 < ticks.length; i++) {
    // A tick's own refresh ends at its snapshot and starts well under 2 s before it.
    const from = ticks[i] + 1000;
    const to = ticks[i + 1] - 2000;
    const inGap = (at: number) => at > from && at < to;
    gaps.push(requestTimes.filter(inGap).length + gitTimes.filter(inGap).length);
  }
  return gaps;
}

/** One window: idle ticks, `cycles` refresh cycles, opening a pull request. */
export async function measureCycle(cycles: number, log: (line: string) => void): Promise<BenchFigure[]> {
  const wrapper = createGitWrapper();
  const sandbox = await createSandbox({ pollInterval: 10 });
  try {
    const measured = await runBenchSuite('cycle', sandbox, {
      settings: { 'git.path': `${wrapper.binDir}/git`, 'envflow.testCommand': `node -e "console.log('3 passing')"` },
      env: {
        PATH: `${wrapper.binDir}:${process.env.PATH ?? ''}`,
        ENVFLOW_GIT_LOG: wrapper.log,
        ENVFLOW_BENCH_CYCLES: String(cycles),
        ENVFLOW_BENCH_PROFILE: process.env.ENVFLOW_BENCH_PROFILE,
        ENVFLOW_BENCH_HEAP_SNAPSHOTS: process.env.ENVFLOW_BENCH_HEAP_SNAPSHOTS,
      },
      timeoutMs: 900_000,
    });
    const gitTimes = (await readFile(wrapper.log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => Number(line.slice(0, line.indexOf(' '))));
    const requestTimes = sandbox.fx!.server.requests.map((r) => r.at);
    const idle = idleActivity(measured.idleTickTimes!, requestTimes, gitTimes);
    const refreshMs = measured.refreshCycleMs!;
    const growthMb = ((measured.heapAfter! - measured.heapBefore!) / 1024 / 1024) * (1000 / measured.cycles!);
    log(
      `  heap after GC ${(measured.heapBefore! / 1048576).toFixed(1)} → ${(measured.heapAfter! / 1048576).toFixed(1)} MB over ${measured.cycles} refresh cycles` +
        ` (${Math.round(summarize('', '', refreshMs, null).median)} ms each); pull request opened in ${Math.round(measured.pullRequestMs!)} ms;` +
        ` event loop p99 ${measured.eventLoopP99Ms!.toFixed(1)} ms, max ${measured.eventLoopMaxMs!.toFixed(1)} ms; idle gaps: ${idle.join(', ')}`,
    );
    return [
      summarize('event_loop_p99_ms', 'ms', [measured.eventLoopP99Ms!], 50),
      summarize('heap_growth_mb_per_1000_cycles', 'MB', [growthMb], 1),
      summarize('idle_requests_between_ticks', 'requests + git processes', idle, 0),
    ];
  } finally {
    await sandbox.dispose();
    await rm(wrapper.binDir, { recursive: true, force: true });
  }
}
