import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listZipEntries, readZipEntry } from './zip';

const execFileAsync = promisify(execFile);
const root = resolve(__dirname, '..', '..', '..');

/** Everything the vsix may hold; anything else (sources, tests, maps, node_modules) fails. */
const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/github\.js$/,
  /^extension\/dist\/envflow\.d\.ts$/,
  /^extension\/dist\/THIRD-PARTY-NOTICES\.txt$/,
  /^extension\/media\/[\w.-]+\.(svg|png)$/,
  /^extension\/media\/walkthrough\/[\w.-]+\.md$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n\.[a-z-]+\.json$/,
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
    // Windows runs npm (npm.cmd) only through a shell.
    await execFileAsync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
      cwd: root,
      shell: process.platform === 'win32',
    });
    entries = listZipEntries(readFileSync(vsix));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only the two bundles, their types, media and the documents', () => {
    const unexpected = entries.filter((name) => !allowed.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    for (const required of [
      'extension/dist/extension.js',
      'extension/dist/github.js',
      'extension/dist/envflow.d.ts',
      'extension/dist/THIRD-PARTY-NOTICES.txt',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.es.json',
      'extension/l10n/bundle.l10n.es.json',
    ]) {
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
      [
        '--noEmit',
        '--strict',
        '--target',
        'ES2022',
        '--types',
        'vscode',
        '--typeRoots',
        join(root, 'node_modules', '@types'),
        consumer,
      ],
      { cwd: root },
    );
  });

  it('ships the licence of every npm package bundled into dist/', () => {
    const notices = readZipEntry(readFileSync(vsix), 'extension/dist/THIRD-PARTY-NOTICES.txt')?.toString('utf8');
    assert.ok(notices, 'the vsix holds THIRD-PARTY-NOTICES.txt');
    // The package step's production build left the metafiles that say what was bundled.
    const bundled = new Set<string>();
    for (const meta of ['meta.json', 'meta-github.json']) {
      const { inputs } = JSON.parse(readFileSync(join(root, 'dist', meta), 'utf8')) as {
        inputs: Record<string, unknown>;
      };
      for (const input of Object.keys(inputs)) {
        const name = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1];
        if (name) {
          bundled.add(name);
        }
      }
    }
    for (const expected of [
      '@octokit/rest',
      '@octokit/core',
      '@octokit/plugin-retry',
      '@octokit/plugin-throttling',
      'simple-git',
    ]) {
      assert.ok(bundled.has(expected), `${expected} is bundled`);
    }
    const listed = [...notices.matchAll(/^={78}\n(\S+) \S+ \(/gm)].map((m) => m[1]);
    assert.deepEqual(
      [...bundled].filter((name) => !listed.includes(name)),
      [],
      'every bundled package has a notice',
    );
    console.log(`      third-party notices: ${listed.length} packages, ${bundled.size} bundled`);
  });

  it('passes the checks Open VSX makes before a publish (ovsx, offline)', async () => {
    // What `ovsx publish <vsix>` reads and checks before it talks to the registry.
    const { readVSIXPackage } = await import('ovsx/lib/zip.js');
    const { validateManifest, isLicenseOk } = await import('ovsx');
    const manifest = await readVSIXPackage(vsix);
    validateManifest(manifest);
    assert.match(manifest.publisher!, /^[\w-]+$/, 'the publisher is a valid Open VSX namespace');
    assert.match(manifest.name!, /^[\w-]+$/);
    assert.ok(await isLicenseOk(root), 'a licence Open VSX accepts without asking');
    const packaged = JSON.parse(readZipEntry(readFileSync(vsix), 'extension/package.json')!.toString('utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(packaged.version, manifest.version);
    assert.ok(packaged.repository && packaged.license, 'repository and licence, which Open VSX shows on the page');
  });

  it('stays small', () => {
    const kb = statSync(vsix).size / 1024;
    console.log(`      vsix: ${kb.toFixed(1)} KB, ${entries.length} entries`);
    assert.ok(kb < 300, `vsix is ${kb.toFixed(1)} KB`);
  });
});
