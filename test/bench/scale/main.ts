/**
 * Runs the scale figures on their own: `npx tsc -p . && node out/test/bench/scale/main.js [runs]`.
 * `npm run bench` runs them as part of the whole harness.
 */
import { meetsBudget } from '../../support/bench/figure';
import { measureScale } from './index';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5) || 5;
  const started = performance.now();
  const { figures, curve } = await measureScale({ runs, log: (line) => console.log(line) });
  console.log('\n| scenario | refresh ms | requests | git processes | rate limit used |\n|---|---:|---:|---:|---:|');
  for (const row of curve) {
    console.log(
      `| ${row.scenario} | ${row.refreshMs} | ${row.requests} | ${row.gitProcesses} | ${row.rateLimitUsed} |`,
    );
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
