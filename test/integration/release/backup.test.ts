import * as assert from 'node:assert/strict';
import { GitError } from '../../../src/core/git/errors';
import { backupTagName } from '../../../src/core/git/refs';
import { takeBackup } from '../../../src/core/release/backup';
import { rootCause } from '../../../src/core/util/steps';
import { git, type FixtureRepo } from '../../support/gitFixtures';
import {
  commitAndPush,
  config,
  origin,
  tagsIn,
  useReleaseFixture,
  type GuardedRepository,
} from '../../support/releaseHarness';

describe('backup of production (real repositories)', () => {
  let fixture: FixtureRepo;
  let guarded: GuardedRepository;

  useReleaseFixture(
    { name: 'backup', developAhead: 1 },
    async (ready) => {
      fixture = ready.fixture;
      guarded = ready.guarded;
    },
    false,
  );

  it("tags origin's production commit (after a fetch) with an annotated tag and pushes it", async () => {
    // Someone else moved production since this clone last fetched.
    const other = `${fixture.base}/other`;
    await git(fixture.base, ['clone', '--quiet', '--branch', 'main', '--', fixture.origin, other]);
    await git(other, ['commit', '--quiet', '--allow-empty', '-m', 'Hotfix from a teammate']);
    await git(other, ['push', '--quiet', 'origin', 'main']);
    const production = await origin(fixture, 'rev-parse', 'refs/heads/main');
    const now = new Date('2026-11-28T10:00:00.000Z');

    const backup = await takeBackup(guarded.repo, { productionBranch: config.productionBranch, now: () => now });

    assert.deepEqual(backup, {
      tag: 'backup/production-20261128T100000Z',
      sha: production,
      subject: 'Hotfix from a teammate',
      reused: false,
    });
    assert.equal(
      await origin(fixture, 'cat-file', '-t', `refs/tags/${backup.tag}`),
      'tag',
      'annotated, not lightweight',
    );
    assert.equal(await origin(fixture, 'rev-parse', `refs/tags/${backup.tag}^{commit}`), production);
    const message = await origin(fixture, 'tag', '--list', '--format=%(contents)', backup.tag);
    assert.match(message, new RegExp(`main at ${production}`));
    assert.match(message, /Taken: 2026-11-28T10:00:00.000Z by EnvFlow/);
    assert.equal(await origin(fixture, 'rev-parse', 'refs/heads/main'), production, 'production itself is untouched');
  });

  it('gives a taken name a suffix, whether it is taken locally or only on origin, and moves neither tag', async () => {
    const now = new Date('2026-11-28T10:00:00.000Z');
    const base = backupTagName(now);
    const develop = await fixture.git('rev-parse', 'develop');
    await fixture.git('tag', base, develop);
    // On origin only, on a commit off production's history, so a fetch of main does not bring it.
    const elsewhere = await commitAndPush(fixture, 'experiment', 'Experiment', { 'x.txt': 'x\n' });
    await origin(fixture, 'tag', `${base}-2`, elsewhere);
    await fixture.git('switch', '--quiet', 'develop');

    const backup = await takeBackup(guarded.repo, { productionBranch: 'main', now: () => now });

    assert.equal(backup.tag, `${base}-3`);
    assert.equal(await fixture.git('rev-parse', `refs/tags/${base}`), develop, 'the local tag stays where it was');
    assert.equal(
      await origin(fixture, 'rev-parse', `refs/tags/${base}-2`),
      elsewhere,
      "origin's tag stays where it was",
    );
    assert.equal(
      await origin(fixture, 'rev-parse', `refs/tags/${backup.tag}^{commit}`),
      await origin(fixture, 'rev-parse', 'main'),
    );
    assert.deepEqual(await tagsIn(fixture, 'origin'), [`${base}-2`, `${base}-3`]);
  });

  it('pushes the tag a half-finished earlier run left behind instead of creating a second one', async () => {
    await fixture.git('remote', 'set-url', '--push', 'origin', `${fixture.base}/unreachable.git`);
    await assert.rejects(
      takeBackup(guarded.repo, { productionBranch: 'main' }),
      (error: unknown) =>
        rootCause(error) instanceof GitError && (rootCause(error) as GitError).code === 'RemoteUnreachable',
    );
    const [left] = await tagsIn(fixture, 'local');
    assert.ok(left, 'the interrupted run created its tag locally');
    assert.deepEqual(await tagsIn(fixture, 'origin'), [], 'but could not push it');

    await fixture.git('remote', 'set-url', '--push', 'origin', fixture.origin);
    const retry = await takeBackup(guarded.repo, { productionBranch: 'main' });

    assert.equal(retry.tag, left);
    assert.equal(retry.reused, true);
    assert.deepEqual(await tagsIn(fixture, 'local'), [left], 'no second local tag');
    assert.deepEqual(await tagsIn(fixture, 'origin'), [left], 'the same tag is on origin now');
  });
});
