/**
 * Every figure the bench can report is described in test/bench/README.md (how it is
 * measured, its budget): a figure added in code fails here until its row exists. The
 * names are read from the bench's source, where each figure is one `summarize('name', …)`.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const benchDir = join(root, 'test', 'bench');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('bench figures are documented', () => {
  it('test/bench/README.md names every figure the bench reports', () => {
    const names = sources(benchDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/summarize\(\s*'([a-z0-9_]+)'/g)].map((match) => match[1] ?? ''),
    );
    assert.ok(names.length >= 20, `found only ${names.length} figures: is the pattern still right?`);
    const readme = readFileSync(join(benchDir, 'README.md'), 'utf8');
    const undocumented = names.filter((name) => !readme.includes(`\`${name}\``));
    assert.deepEqual(undocumented, [], 'figures without a row in test/bench/README.md');
  });
});
