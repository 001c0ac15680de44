import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listZipEntries } from './zip';

const execFileAsync = promisify(execFile);
const root = resolve(__dirname, '..', '..', '..');

/** Everything the vsix may hold; anything else (sources, tests, maps, node_modules) fails. */
const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/github\.js$/,
  /^extension\/dist\/envflow\.d\.ts$/,
  /^extension\/media\/[\w.-]+\.(svg|png)$/,
  /^extension\/media\/walkthrough\/[\w.-]+\.md$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE(\.txt)?$/,
];

describe('npm run package', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: string;
  let entries: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envflow-vsix-'));
    vsix = join(dir, 'envflow.vsix');
    await execFileAsync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root });
    entries = listZipEntries(readFileSync(vsix));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only the two bundles, their types, media and the documents', () => {
    const unexpected = entries.filter((name) => !allowed.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    for (const required of ['extension/dist/extension.js', 'extension/dist/github.js', 'extension/dist/envflow.d.ts', 'extension/package.json']) {
      assert.ok(entries.includes(required), `${required} is in the vsix`);
    }
  });

  it('ships API types that compile on their own for a consumer', async () => {
    const consumer = join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      [
        `import type { EnvFlowApi, RepositorySnapshot } from ${JSON.stringify(join(root, 'dist', 'envflow'))};`,
        'export function productionState(api: EnvFlowApi): string | undefined {',
        '  const snapshot: RepositorySnapshot | undefined = api.getSnapshot();',
        '  return snapshot?.production.deployment?.state;',
        '}',
      ].join('\n'),
    );
    await execFileAsync(
      join(root, 'node_modules', '.bin', 'tsc'),
      ['--noEmit', '--strict', '--target', 'ES2022', '--types', 'vscode', '--typeRoots', join(root, 'node_modules', '@types'), consumer],
      { cwd: root },
    );
  });

  it('stays small', () => {
    const kb = statSync(vsix).size / 1024;
    console.log(`      vsix: ${kb.toFixed(1)} KB, ${entries.length} entries`);
    assert.ok(kb < 300, `vsix is ${kb.toFixed(1)} KB`);
  });
});
