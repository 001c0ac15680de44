import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runShellCommand } from '../../../src/core/testing/shellProcess';
import { processAlive } from '../../support/processAlive';
import { waitUntil } from '../../support/waitUntil';

describe('runShellCommand on real processes', function () {
  this.timeout(20_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'envflow-shell-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('runs through the shell in cwd, streams stdout and stderr and keeps them', async () => {
    const chunks: string[] = [];
    const result = await runShellCommand({
      command: 'pwd && echo "  3 passing" && echo oops 1>&2 && exit 3',
      cwd: dir,
      onOutput: (text) => chunks.push(text),
    });
    assert.equal(result.exitCode, 3);
    assert.equal(result.cancelled, false);
    assert.equal(chunks.join(''), result.output);
    assert.match(result.output, new RegExp(`^${dir}\n`));
    assert.match(result.output, /3 passing/);
    assert.match(result.output, /oops/);
    assert.ok(result.durationMs >= 0);
  });

  it('reports exit 0 and 127 for a missing command', async () => {
    assert.equal((await runShellCommand({ command: 'true', cwd: dir })).exitCode, 0);
    assert.equal((await runShellCommand({ command: 'envflow-no-such-command-xyz', cwd: dir })).exitCode, 127);
  });

  it('says it could not start in a folder that does not exist', async () => {
    const result = await runShellCommand({ command: 'true', cwd: join(dir, 'missing') });
    assert.equal(result.exitCode, undefined);
    assert.ok(result.startError);
  });

  it('keeps only the tail of a long output', async () => {
    const result = await runShellCommand({
      command: `node -e "for (let i = 0; i < 5000; i++) console.log('line ' + i)"`,
      cwd: dir,
      captureLimit: 1000,
    });
    assert.equal(result.exitCode, 0);
    assert.ok(result.output.length <= 1000);
    assert.match(result.output, /line 4999\n$/);
  });

  it('cancelling ends the whole process tree, also a child that ignores SIGTERM', async () => {
    const pidFile = join(dir, 'child.pid');
    const controller = new AbortController();
    const run = runShellCommand({
      // The grandchild ignores SIGTERM and keeps the output pipe open.
      command: `sh -c 'trap "" TERM; echo $$ > "${pidFile}"; while true; do sleep 1; done' & wait`,
      cwd: dir,
      signal: controller.signal,
      killGraceMs: 300,
    });
    await waitUntil(
      'the test process wrote its pid',
      async () =>
        (await stat(pidFile).catch(() => undefined))?.size !== undefined &&
        (await readFile(pidFile, 'utf8')).trim() !== '',
      10_000,
    );
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    assert.ok(processAlive(pid));
    controller.abort();
    const result = await run;
    assert.equal(result.cancelled, true);
    await waitUntil('the test process ended', () => !processAlive(pid), 10_000);
  });

  it('an already aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runShellCommand({
      command: `touch "${join(dir, 'ran')}"`,
      cwd: dir,
      signal: controller.signal,
    });
    assert.equal(result.cancelled, true);
    assert.equal(await stat(join(dir, 'ran')).catch(() => undefined), undefined);
  });

  it('does not wait for a background process the tests left holding the output', async () => {
    const pidFile = join(dir, 'daemon.pid');
    const result = await runShellCommand({
      command: `sleep 30 & echo $! > "${pidFile}"; echo done`,
      cwd: dir,
      drainMs: 200,
    });
    assert.equal(result.exitCode, 0);
    assert.match(result.output, /done/);
    process.kill(Number((await readFile(pidFile, 'utf8')).trim()), 'SIGKILL');
  });
});
