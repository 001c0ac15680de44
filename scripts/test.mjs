// The whole test suite, as `npm test` runs it:
//   static  type-check + compile (tsc → out/), src's stricter type-check, the layer rules, lint, bundle
//   unit    mocha in plain Node: test/unit and test/integration, with c8 coverage of src/core
//   host    mocha inside a real VS Code extension host (code-server + Chromium here, or test-electron)
//   ui      Playwright drives the real workbench in Chromium and saves screenshots
//   package `npm run package` and a check of what the vsix holds (last: it leaves a production dist/)
// `node scripts/test.mjs unit host` runs only those layers.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preflight } from './preflight.mjs';

const allLayers = ['static', 'unit', 'host', 'ui', 'package'];
const requested = process.argv.slice(2);
const layers = requested.length ? requested : allLayers;
for (const layer of layers) {
  if (!allLayers.includes(layer)) {
    console.error(`Unknown layer "${layer}"; use one of: ${allLayers.join(', ')}`);
    process.exit(2);
  }
}

preflight('test', layers);

const bin = (name) => join('node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    // Windows runs the .cmd shims of node_modules/.bin only through a shell.
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, ...env },
      shell: process.platform === 'win32',
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

async function mochaLayer(name, command, args) {
  const dir = await mkdtemp(join(tmpdir(), `envflow-${name}-`));
  const resultsFile = join(dir, 'results.json');
  const code = await run(command, args, { ENVFLOW_RESULTS_FILE: resultsFile });
  let summary;
  try {
    summary = JSON.parse(await readFile(resultsFile, 'utf8'));
  } catch {
    summary = undefined;
  }
  await rm(dir, { recursive: true, force: true });
  if (!summary) {
    console.error(`[test] ${name}: no results were written; counting the layer as failed.`);
    totals.failed += 1;
    return false;
  }
  totals.passed += summary.passes;
  totals.failed += summary.failures;
  totals.skipped += summary.pending;
  if (summary.tests === 0) {
    console.error(`[test] ${name}: ran no test; counting the layer as failed.`);
    totals.failed += 1;
    return false;
  }
  return code === 0 && summary.failures === 0;
}

const reporter = ['--reporter', 'scripts/mocha-reporter.cjs'];
let ok = true;
// tsc output is needed by every other layer.
if (layers.includes('static') || layers.some((l) => l !== 'static')) {
  // A fresh out/ so a deleted test never runs from a stale compiled copy.
  await rm('out', { recursive: true, force: true });
  ok = (await run(bin('tsc'), ['-p', '.'])) === 0 && ok;
  ok = (await run('node', ['esbuild.mjs'])) === 0 && ok;
}
if (ok && layers.includes('static')) {
  // src alone, stricter: no test globals, an index may be missing.
  ok = (await run(bin('tsc'), ['-p', 'tsconfig.src.json'])) === 0 && ok;
  ok = (await run('node', ['scripts/dependencies.mjs'])) === 0 && ok;
  ok =
    (await run(bin('eslint'), [
      'src',
      'test',
      'tools',
      'scripts',
      'esbuild.mjs',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
    ])) === 0 && ok;
  // One formatter for code, config and workflows (`npm run format` fixes what this finds).
  ok = (await run(bin('prettier'), ['--check', '--log-level', 'warn', '.'])) === 0 && ok;
}
if (!ok) {
  // A static failure (types, bundle, lint) counts as one failed check in the totals.
  totals.failed += 1;
}
if (ok && layers.includes('unit')) {
  ok =
    (await mochaLayer('unit', bin('c8'), [
      '--reporter=text-summary',
      '--reporter=lcov',
      '--include=out/src/core/**',
      '--exclude=**/*.d.ts',
      '--check-coverage',
      '--lines=90',
      bin('mocha'),
      ...reporter,
      '--timeout',
      '20000',
      '--recursive',
      'out/test/unit',
      'out/test/integration',
    ])) && ok;
}
if (ok && layers.includes('host')) {
  ok = (await mochaLayer('host', 'node', ['out/test/support/launch/runHostTests.js'])) && ok;
}
if (ok && layers.includes('ui')) {
  ok = (await mochaLayer('ui', bin('mocha'), [...reporter, '--timeout', '180000', '--recursive', 'out/test/ui'])) && ok;
}
if (ok && layers.includes('package')) {
  ok = (await mochaLayer('package', bin('mocha'), [...reporter, '--timeout', '120000', 'out/test/package'])) && ok;
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\n[test] layers: ${layers.join(', ')} in ${seconds} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
