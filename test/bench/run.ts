/**
 * `npm run bench`: every performance figure (test/bench/README.md), each the median of repeated runs, printed
 * as a table and written to test/bench/results.json and README.md's performance section.
 * Exits non-zero when a budget is missed. Runs the compiled tests (out/) against the
 * production bundles in dist/; see test/bench/README.md.
 *
 *   node out/test/bench/run.js [--launches N] [--cycles N] [--only name,name]
 *   --only takes the groups: sizes, scheduler, launches, cycle, scale
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../support/launch/hostRun';
import { meetsBudget, type BenchFigure, type ScaleRow } from '../support/bench/figure';
import { measureCycle, measureLaunches } from './hostFigures';
import { figuresTable, curveTable, updateReadme } from './report';
import { measureHostileSettingsRead, measureSizes } from './staticFigures';
import { measureUnfocusedFactor } from './unfocusedFigure';

const execFileAsync = promisify(execFile);

type ScaleModule = {
  measureScale(options: {
    runs: number;
    log: (line: string) => void;
  }): Promise<{ figures: BenchFigure[]; curve: ScaleRow[] }>;
};

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const only = (() => {
  const index = process.argv.indexOf('--only');
  return index > 0 ? new Set(process.argv[index + 1].split(',')) : undefined;
})();

/** `loadAverageAtStart`: the host figures (event loop above all) depend on what else the machine runs. */
async function machine(loadAverageAtStart: number[]): Promise<Record<string, unknown>> {
  const processors = cpus();
  return {
    loadAverage: {
      start: loadAverageAtStart.map((l) => Math.round(l * 100) / 100),
      end: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    cpu: processors[0]?.model.trim(),
    cpus: processors.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

/** The scale figures come from test/bench/scale (its own owner); absent, the bench says so and goes on. */
async function scaleFigures(
  log: (line: string) => void,
): Promise<{ figures: BenchFigure[]; curve: ScaleRow[] } | undefined> {
  const entry = join(__dirname, 'scale', 'index.js');
  if (!existsSync(entry)) {
    log('  scale figures not available (test/bench/scale/index.ts is missing)');
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scale = require(entry) as ScaleModule;
  return scale.measureScale({ runs: option('scale-runs', 5), log });
}

async function main(): Promise<number> {
  const log = (line: string) => console.log(line);
  const started = Date.now();
  const loadAtStart = loadavg();
  const figures: BenchFigure[] = [];
  let curve: ScaleRow[] | undefined;
  const groups: [string, () => Promise<void>][] = [
    ['sizes', async () => void figures.push(...(await measureSizes(log)))],
    ['scheduler', async () => void figures.push(await measureUnfocusedFactor(log))],
    ['settings', async () => void figures.push(measureHostileSettingsRead(5, log))],
    ['launches', async () => void figures.push(...(await measureLaunches(option('launches', 10), log)))],
    ['cycle', async () => void figures.push(...(await measureCycle(option('cycles', 1000), log)))],
    [
      'scale',
      async () => {
        const scale = await scaleFigures(log);
        figures.push(...(scale?.figures ?? []));
        curve = scale?.curve;
      },
    ],
  ];
  for (const [group, measure] of groups.filter(([name]) => !only || only.has(name))) {
    const groupStarted = Date.now();
    log(`[bench] ${group}`);
    await measure();
    log(`[bench] ${group} took ${((Date.now() - groupStarted) / 1000).toFixed(1)} s`);
  }
  const commit = (await execFileAsync('git', ['rev-parse', 'HEAD'], { cwd: repositoryRoot })).stdout.trim();
  console.log(`\n${figuresTable(figures)}\n`);
  if (curve) {
    console.log(`${curveTable(curve)}\n`);
  }
  if (!only) {
    // Only a complete run speaks for a commit.
    await writeFile(
      join(repositoryRoot, 'test', 'bench', 'results.json'),
      `${JSON.stringify({ commit, machine: await machine(loadAtStart), figures, curve }, null, 2)}\n`,
    );
    await updateReadme(join(repositoryRoot, 'README.md'), figures, curve);
  }
  const missed = figures.filter((f) => !meetsBudget(f));
  console.log(
    `[bench] ${figures.length} figures in ${((Date.now() - started) / 1000).toFixed(0)} s; ${missed.length ? `MISSED: ${missed.map((f) => f.name).join(', ')}` : 'every budget met'}`,
  );
  return missed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
