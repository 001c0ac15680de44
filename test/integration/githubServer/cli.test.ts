/** The sandbox's way in: `cli.js` starts a server from arguments, prints its URL, stops on SIGTERM. */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';

const cliPath = join(__dirname, '..', '..', '..', 'tools', 'githubServer', 'cli.js');

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the CLI printed no URL in time')), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code}`));
    });
  });
}

describe('GitHub server CLI', function () {
  let repo: FixtureRepo;

  before(async () => {
    repo = await createFixtureRepo({ name: 'github-cli' });
  });

  after(async () => {
    await repo.dispose();
  });

  it('serves the bare repository at the printed URL with the token and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        '--bare',
        repo.origin,
        '--owner',
        'octo',
        '--repo',
        'service',
        '--port',
        '0',
        '--token',
        'ghp_cli',
        '--poll-interval',
        '30',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const url = await firstLine(child, 10_000);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const denied = await fetch(`${url}/repos/octo/service/branches/main`);
      assert.equal(denied.status, 401);
      const branch = await fetch(`${url}/repos/octo/service/branches/main`, {
        headers: { authorization: 'token ghp_cli' },
      });
      assert.equal(branch.status, 200);
      assert.equal(branch.headers.get('x-poll-interval'), '30');
      assert.equal(
        ((await branch.json()) as { commit: { sha: string } }).commit.sha,
        await repo.git('rev-parse', 'main'),
      );
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      assert.deepEqual(await exited, [0, null]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  });

  it('refuses to start without --bare', async () => {
    const child = spawn(process.execPath, [cliPath, '--owner', 'octo'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(stderr, /--bare/);
  });
});
