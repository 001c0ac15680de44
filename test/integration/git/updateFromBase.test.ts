/**
 * Update from develop on a real repository with a bare origin: it refuses to merge
 * into a working tree with tracked changes (one sentence, a way out, nothing touched)
 * and merges once the tree is clean; untracked files do not block it.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError } from '../../../src/core/git/errors';
import type { GitRepository } from '../../../src/core/git/repository';
import { updateFromBase } from '../../../src/core/git/updateFromBase';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted } from '../../support/openRepository';

describe('Update from develop', () => {
  let fixture: FixtureRepo;
  let repo: GitRepository;
  let behindBy: string;

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'update-from-base' });
    await fixture.git('switch', '--quiet', '--create', 'feature/x', 'develop');
    await fixture.commit('Feature work', { 'feature.txt': 'mine\n' });
    // develop moves on at origin, so the branch is behind it.
    await fixture.git('switch', '--quiet', 'develop');
    behindBy = await fixture.commit('Teammate on develop', { 'teammate.txt': 'theirs\n' });
    await fixture.git('push', '--quiet', 'origin', 'develop');
    await fixture.git('reset', '--quiet', '--hard', 'HEAD~1');
    await fixture.git('switch', '--quiet', 'feature/x');
    repo = (await openCounted(fixture.root)).repo;
  });
  afterEach(() => fixture.dispose());

  const dirtyTrees: [string, (f: FixtureRepo) => Promise<void>][] = [
    ['an unstaged edit', (f) => f.write('feature.txt', 'edited, not committed\n')],
    [
      'a staged edit',
      async (f) => {
        await f.write('feature.txt', 'staged, not committed\n');
        await f.git('add', 'feature.txt');
      },
    ],
    [
      'a staged new file',
      async (f) => {
        await f.write('teammate.txt', 'my own teammate.txt\n');
        await f.git('add', 'teammate.txt');
      },
    ],
  ];
  for (const [what, dirty] of dirtyTrees) {
    it(`refuses with ${what}, says to commit or stash, and leaves HEAD and the work as they were`, async () => {
      await dirty(fixture);
      const head = await fixture.git('rev-parse', 'HEAD');
      const before = await fixture.git('status', '--porcelain=v1');
      await assert.rejects(updateFromBase(repo, 'develop'), (error: unknown) => {
        assert.ok(error instanceof GitError);
        assert.equal(
          error.message,
          'Update from develop needs a working tree without uncommitted changes to tracked files (1 now), so a merge cannot mix with them: commit or stash them first, then update again.',
        );
        return true;
      });
      assert.equal(await fixture.git('rev-parse', 'HEAD'), head);
      assert.equal(await fixture.git('status', '--porcelain=v1'), before);
    });
  }

  it('merges origin/develop into a clean branch, untracked files left alone', async () => {
    await fixture.write('notes.txt', 'untracked notes\n');
    await updateFromBase(repo, 'develop');
    assert.equal(await fixture.git('merge-base', '--is-ancestor', behindBy, 'HEAD').then(() => 'merged'), 'merged');
    assert.equal(await readFile(join(fixture.root, 'notes.txt'), 'utf8'), 'untracked notes\n');
    assert.equal(await fixture.git('rev-parse', '--abbrev-ref', 'HEAD'), 'feature/x');
  });
});
