/**
 * A remote URL with a credential in it (`https://user:token@host/owner/repo.git`):
 * git echoes the URL in its errors, and none of it may reach an error sentence, the
 * error's details, the remote list or the log.
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { GitError } from '../../../src/core/git/errors';
import { openRepository, type GitRepository } from '../../../src/core/git/repository';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { layerEnv } from '../../support/openRepository';
import { recordingLogger } from '../../support/recordingLogger';

const CREDENTIAL = 'cred-Zq93Lk27vTm';

/** A port nothing listens on, so git fails fast with "connection refused" and prints the URL. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('remote URLs with embedded credentials', () => {
  let fixture: FixtureRepo;
  let repo: GitRepository;
  const logged: string[] = [];
  const logger = recordingLogger(logged);

  before(async () => {
    const port = await closedPort();
    fixture = await createFixtureRepo({
      name: 'credentials',
      originUrl: `http://envflow:${CREDENTIAL}@127.0.0.1:${port}/acme/shop.git`,
    });
    await fixture.git('remote', 'set-url', '--push', 'origin', `https://${CREDENTIAL}@127.0.0.1:${port}/acme/shop.git`);
    repo = (await openRepository(fixture.root, { env: { ...layerEnv, GIT_TERMINAL_PROMPT: '0' }, logger }))!;
  });
  after(() => fixture.dispose());

  async function failure(operation: Promise<unknown>): Promise<GitError> {
    try {
      await operation;
    } catch (error) {
      assert.ok(error instanceof GitError, String(error));
      return error;
    }
    return assert.fail('expected the git operation to fail');
  }

  for (const [what, run] of [
    ['fetch', () => repo.fetch('origin')],
    ['push', () => repo.push('origin', 'develop')],
  ] as const) {
    it(`${what}: the failure says what happened without the credential, in the sentence, details and log`, async () => {
      logged.length = 0;
      const error = await failure(run());
      assert.equal(error.code, 'RemoteUnreachable');
      const everything = JSON.stringify({
        message: error.message,
        stderr: error.stderr,
        args: error.args,
        stack: error.stack,
        logged,
      });
      assert.ok(everything.includes('127.0.0.1'), 'git did echo the URL, so redaction was put to the test');
      assert.ok(!everything.includes(CREDENTIAL), everything);
    });
  }

  it('lists remotes with the credential removed', async () => {
    const remotes = await repo.remotes();
    assert.ok(remotes.length > 0);
    assert.ok(!JSON.stringify(remotes).includes(CREDENTIAL), JSON.stringify(remotes));
  });
});
