/**
 * Text a user or GitHub supplies (PR titles and bodies, tag messages) travels as data:
 * JSON to the API and one argv entry to git, never through a shell. Shell syntax in it
 * stays text, and a 1 MB body arrives whole.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubClient } from '../../../src/core/github/client';
import { openRepository } from '../../../src/core/git/repository';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { layerEnv } from '../../support/openRepository';

const TOKEN = 'test-token-hostile-text-5c1d';

describe('hostile text passed to git and GitHub', function () {
  let repo: FixtureRepo;
  let server: GitHubServer;
  let markers: string;
  let hostile: string;

  before(async () => {
    markers = await mkdtemp(join(tmpdir(), 'envflow-hostile-text-'));
    const marker = join(markers, 'ran');
    hostile = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `'; touch ${marker}; echo '`,
      `"; touch ${marker}; echo "`,
      `| touch ${marker} && echo > ${marker}`,
      '--upload-pack=evil -x',
      '%s %n ${HOME} \\n \\0',
      'line two\r\nline three\n\n# a heading',
      'ünïcödé ‮reversed‬ 😀',
    ].join('\n');
    repo = await createFixtureRepo({ name: 'hostile-text' });
    await repo.git('switch', '--quiet', '--create', 'feature/text', 'develop');
    await repo.commit('Text', { 'text.txt': 'text\n' });
    await repo.git('push', '--quiet', 'origin', 'feature/text');
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo.origin, token: TOKEN });
  });

  after(async () => {
    await server.close();
    await repo.dispose();
    await rm(markers, { recursive: true, force: true });
  });

  it('opens a pull request whose title and 1 MB body, with shell syntax and a NUL, arrive exactly as given', async () => {
    const client = new GitHubClient({
      apiUrl: server.url,
      owner: 'octo',
      repo: 'service',
      token: TOKEN,
      retryBaseMs: 10,
    });
    const title = hostile.split('\n').slice(0, 5).join(' ');
    const body = `${hostile}\u0000after a NUL\n${'x'.repeat(1024 * 1024)}`;
    const pull = await client.createPullRequest({ head: 'feature/text', base: 'develop', title, body });
    const stored = server.state.pulls.find((candidate) => candidate.number === pull.number);
    assert.equal(stored?.title, title);
    assert.equal(stored?.body, body);
    assert.equal(pull.title, title);
    assert.equal(existsSync(join(markers, 'ran')), false, 'a shell ran the text');
  });

  it('writes a tag message with shell syntax and newlines into git verbatim', async () => {
    const git = (await openRepository(repo.root, { env: layerEnv }))!;
    const sha = await repo.git('rev-parse', 'HEAD');
    await git.createAnnotatedTag('backup/hostile-text', sha, hostile);
    const message = await repo.git('tag', '--list', '--format=%(contents)', 'backup/hostile-text');
    assert.equal(message, hostile, 'verbatim, "# a heading" line included');
    assert.equal(existsSync(join(markers, 'ran')), false, 'a shell ran the text');
  });
});
