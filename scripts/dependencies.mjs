// Checks src/, test/ and tools/ against the layer rules of .dependency-cruiser.cjs and prints one line:
// `dependency rules: N, V violations`, after the violations themselves. Exits 1 on any.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const depcruise = join('node_modules', '.bin', 'depcruise');

const child = spawn(
  depcruise,
  ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'src', 'test', 'tools'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let output = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => (output += chunk));
const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));

let result;
try {
  result = JSON.parse(output);
} catch {
  console.error(`dependency-cruiser printed no result (exit code ${exitCode}).`);
  process.exit(1);
}
const violations = result.summary.violations;
for (const violation of violations) {
  const path = violation.cycle
    ? [violation.from, ...violation.cycle.map((step) => step.name)].join(' → ')
    : `${violation.from} → ${violation.to}`;
  console.error(`  ${violation.rule.name}: ${path}`);
}
console.log(`dependency rules: ${config.forbidden.length}, ${violations.length} violations`);
process.exit(violations.length === 0 && exitCode === 0 ? 0 : 1);
