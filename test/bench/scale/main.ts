/**
 * Runs the scale figures on their own: `npx tsc -p . && node out/test/bench/scale/main.js [runs] [--reads]`.
 * `--reads` measures only what each read costs (readCosts.ts), in seconds instead of minutes.
 * `npm run bench` runs them as part of the whole harness.
 */
import { meetsBudget, type BenchFigure, type ScaleRow } from '../../support/bench/figure';
import { measureScale } from './index';
import { measureReadCosts } from './readCosts';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5) || 5;
  const started = performance.now();
  const log = (line: string) => console.log(line);
  const { figures, curve }: { figures: BenchFigure[]; curve: ScaleRow[] } = process.argv.includes('--reads')
    ? { figures: await measureReadCosts(runs, log), curve: [] }
    : await measureScale({ runs, log });
  if (curve.length > 0) {
    console.log('\n| scenario | refresh ms | requests | git processes | rate limit used |\n|---|---:|---:|---:|---:|');
    for (const row of curve) {
      console.log(
        `| ${row.scenario} | ${row.refreshMs} | ${row.requests} | ${row.gitProcesses} | ${row.rateLimitUsed} |`,
      );
    }
  }
  console.log('');
  for (const figure of figures) {
    console.log(
      `${meetsBudget(figure) ? 'ok  ' : 'MISS'} ${figure.name}: ${figure.median} ${figure.unit} (min ${figure.min}, max ${figure.max}, ${figure.runs} runs; budget ${figure.budget ?? '-'})`,
    );
  }
  console.log(`\nscale figures in ${Math.round((performance.now() - started) / 1000)} s`);
  process.exitCode = figures.every(meetsBudget) ? 0 : 1;
}

void main();
