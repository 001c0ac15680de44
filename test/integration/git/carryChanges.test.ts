/**
 * Starting a branch never loses work: regressions the no-lost-work property found
 * (test/integration/property), each replayed here on a plain fixture repository.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { switchCarryingChanges } from '../../../src/core/git/carryChanges';
import type { GitRepository } from '../../../src/core/git/repository';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted } from '../../support/openRepository';

describe('Starting a branch carries uncommitted work', () => {
  let fixture: FixtureRepo;
  let repo: GitRepository;
  const consent = async () => true;

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'carry' });
    // main and develop disagree on app.txt, so changes to it cannot simply be carried.
    await fixture.git('switch', '--quiet', 'main');
    await fixture.commit('Production app', { 'app.txt': 'production\n' });
    await fixture.git('switch', '--quiet', 'develop');
    await fixture.commit('Development app', { 'app.txt': 'development\n' });
    await fixture.git('switch', '--quiet', 'main');
    repo = (await openCounted(fixture.root)).repo;
  });
  afterEach(() => fixture.dispose());

  /** The real repository, except that another tool pushes a stash right after EnvFlow's switch (while EnvFlow's stash is held). */
  function stashingInBetween(otherStash: () => Promise<void>): Parameters<typeof switchCarryingChanges>[0] {
    return {
      stashPush: (message, options) => repo.stashPush(message, options),
      stashApply: (sha, options) => repo.stashApply(sha, options),
      stashDrop: (sha) => repo.stashDrop(sha),
      unkeptDetachedHead: () => repo.unkeptDetachedHead(),
      createAndSwitchBranch: async (name, startPoint) => {
        await repo.createAndSwitchBranch(name, startPoint);
        if (await fixture.git('stash', 'list')) {
          await otherStash();
        }
      },
    };
  }

  it('refuses to leave a detached HEAD whose commits no branch holds, and leaves them where they are (seed 7)', async () => {
    await fixture.git('switch', '--quiet', '--detach', 'HEAD');
    const detachedWork = await fixture.commit('Work made while detached', { 'notes.txt': 'only here\n' });
    await assert.rejects(
      switchCarryingChanges(repo, 'feature/next', 'develop', consent),
      /detached at [0-9a-f]{7}, which no branch or tag contains/,
    );
    assert.equal(await fixture.git('rev-parse', 'HEAD'), detachedWork);
    assert.equal(await fixture.git('branch', '--list', 'feature/next'), '');
  });

  it('carries staged and unstaged contents of one file apart, so the staged one survives the stash (seed 21)', async () => {
    // README.md: "staged" in the index, "unstaged" in the tree; app.txt as develop has it, so the stash applies cleanly.
    await fixture.write('README.md', 'staged\n');
    await fixture.git('add', 'README.md');
    await fixture.write('README.md', 'unstaged\n');
    await fixture.write('app.txt', 'development\n');
    const staged = await fixture.git('rev-parse', ':README.md');

    assert.equal(await switchCarryingChanges(repo, 'feature/next', 'develop', consent), 'stashed');

    assert.equal(await readFile(join(fixture.root, 'README.md'), 'utf8'), 'unstaged\n');
    assert.equal(await fixture.git('rev-parse', ':README.md'), staged, 'the staged content is staged again');
    assert.equal(await fixture.git('stash', 'list'), '', 'the stash was dropped only once everything was back');
  });

  it('leaves a detached HEAD that a branch holds, as git does', async () => {
    await fixture.git('switch', '--quiet', '--detach', 'develop');
    assert.equal(await switchCarryingChanges(repo, 'feature/next', 'develop', consent), 'carried');
    assert.equal(await fixture.git('branch', '--show-current'), 'feature/next');
  });

  it('applies and drops its own stash by SHA when another stash lands on top in between', async () => {
    await fixture.write('app.txt', 'my edit\n');
    // Another tool stashes something right after the switch: stash@{0} is no longer EnvFlow's.
    const racing = stashingInBetween(async () => {
      await fixture.write('README.md', "someone else's change\n");
      await fixture.git('stash', 'push', '--quiet', '--message=not EnvFlow');
    });
    await assert.rejects(
      switchCarryingChanges(racing, 'feature/next', 'develop', consent),
      /kept in the stash "envflow: carry to feature\/next"/,
    );
    // app.txt conflicts with develop's, so EnvFlow's stash stays; the other one is untouched too.
    const stashes = (await fixture.git('stash', 'list', '--format=%gs')).split('\n');
    assert.deepEqual(
      stashes.map((s) => s.replace(/^On [^:]+: /, '')),
      ['not EnvFlow', 'envflow: carry to feature/next'],
    );
    assert.match(await readFile(join(fixture.root, 'app.txt'), 'utf8'), /my edit/);
    assert.doesNotMatch(await readFile(join(fixture.root, 'README.md'), 'utf8'), /someone else/);
  });

  it('drops only its own stash after a clean apply, leaving a stash pushed in between', async () => {
    await fixture.write('README.md', 'carried edit\n');
    await fixture.write('app.txt', 'development\n');
    const racing = stashingInBetween(async () => {
      await fixture.write('other.txt', 'another tool\n');
      await fixture.git('stash', 'push', '--quiet', '--include-untracked', '--message=not EnvFlow');
    });
    assert.equal(await switchCarryingChanges(racing, 'feature/next', 'develop', consent), 'stashed');
    assert.equal(await readFile(join(fixture.root, 'README.md'), 'utf8'), 'carried edit\n');
    assert.deepEqual((await fixture.git('stash', 'list', '--format=%gs')).replace(/^On [^:]+: /, ''), 'not EnvFlow');
  });
});
