import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detectTestCommand } from '../../../src/core/testing/detect';

describe('detectTestCommand', () => {
  let root: string;

  async function files(entries: Record<string, string>): Promise<void> {
    for (const [path, content] of Object.entries(entries)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
  }
  const detect = () => detectTestCommand(root, { platform: 'linux' });
  const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ name: 'x', scripts, ...extra });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'envflow-detect-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('finds nothing in an empty folder', async () => {
    assert.equal(await detect(), undefined);
  });

  it('runs package.json scripts.test with npm, pnpm or yarn by lockfile or packageManager', async () => {
    await files({ 'package.json': pkg({ test: 'mocha' }) });
    assert.deepEqual(await detect(), { command: 'npm test', source: 'package.json scripts.test' });
    await files({ 'yarn.lock': '' });
    assert.equal((await detect())?.command, 'yarn test');
    await files({ 'pnpm-lock.yaml': '' });
    assert.equal((await detect())?.command, 'pnpm test');
    await files({ 'package.json': pkg({ test: 'mocha' }, { packageManager: 'yarn@4.1.0' }) });
    assert.equal((await detect())?.command, 'yarn test');
  });

  it("skips npm init's stub, a missing test script and malformed JSON", async () => {
    await files({ 'package.json': pkg({ test: 'echo "Error: no test specified" && exit 1' }) });
    assert.equal(await detect(), undefined);
    await files({ 'package.json': pkg({ build: 'tsc' }) });
    assert.equal(await detect(), undefined);
    await files({ 'package.json': '{ "scripts": { "test": ' });
    assert.equal(await detect(), undefined);
  });

  it('falls through a stub package.json to the next convention', async () => {
    await files({
      'package.json': pkg({ test: 'echo "Error: no test specified" && exit 1' }),
      'go.mod': 'module example.com/x\n',
    });
    assert.deepEqual(await detect(), { command: 'go test ./...', source: 'go.mod' });
  });

  it('runs make test only when a Makefile has a test target', async () => {
    await files({ Makefile: 'test := unit\ntest ::= all\nbuild:\n\tcc main.c\n' });
    assert.equal(await detect(), undefined);
    await files({ Makefile: '.PHONY: test\nbuild:\n\tcc main.c\ntest: build\n\t./run-tests\n' });
    assert.deepEqual(await detect(), { command: 'make test', source: 'Makefile test target' });
    await files({ Makefile: 'check test lint:\n\t./ci\n' });
    assert.equal((await detect())?.command, 'make test');
  });

  it('prefers package.json over a Makefile', async () => {
    await files({ 'package.json': pkg({ test: 'vitest run' }), Makefile: 'test:\n\tnpm test\n' });
    assert.equal((await detect())?.command, 'npm test');
  });

  it('detects pytest from each of its configuration files and from tests/test_*.py', async () => {
    await files({ 'pyproject.toml': '[project]\nname = "x"\n' });
    assert.equal(await detect(), undefined, 'a pyproject.toml without [tool.pytest] is not enough');
    await files({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n' });
    assert.deepEqual(await detect(), { command: 'python3 -m pytest', source: 'pyproject.toml [tool.pytest]' });
    await rm(join(root, 'pyproject.toml'));
    await files({ 'setup.cfg': '[metadata]\nname = x\n[tool:pytest]\ntestpaths = tests\n' });
    assert.equal((await detect())?.source, 'setup.cfg [tool:pytest]');
    await rm(join(root, 'setup.cfg'));
    await files({ 'tests/test_api.py': 'def test_x(): pass\n' });
    assert.equal((await detect())?.source, 'tests/test_*.py');
    await files({ 'pytest.ini': '[pytest]\n' });
    assert.equal((await detect())?.source, 'pytest.ini');
    assert.equal((await detectTestCommand(root, { platform: 'win32' }))?.command, 'python -m pytest');
  });

  it('detects cargo and go', async () => {
    await files({ 'go.mod': 'module example.com/x\n' });
    assert.equal((await detect())?.command, 'go test ./...');
    await files({ 'Cargo.toml': '[package]\nname = "x"\n' });
    assert.equal((await detect())?.command, 'cargo test', 'Cargo comes before Go');
  });

  it('treats a folder named like a manifest as absent', async () => {
    await mkdir(join(root, 'package.json'));
    await mkdir(join(root, 'go.mod'));
    assert.equal(await detect(), undefined);
  });
});
