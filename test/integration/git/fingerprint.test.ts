import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFixtureRepo, git, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted, type CountedRepository } from '../../support/openRepository';

describe('GitRepository.treeFingerprint', () => {
  let fixture: FixtureRepo;
  let counted: CountedRepository;
  const fingerprint = (): Promise<string> => counted.repo.treeFingerprint();

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'fingerprint' });
    counted = await openCounted(fixture.root);
  });
  afterEach(() => fixture.dispose());

  it('is stable for an unchanged tree and costs one git process when clean', async () => {
    counted.reset();
    const first = await fingerprint();
    assert.equal(counted.processes.length, 1);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(await fingerprint(), first);
  });

  it('changes with tracked content, staged content, untracked content, deletions and HEAD', async () => {
    const seen = new Set<string>([await fingerprint()]);
    const expectNew = async (what: string): Promise<void> => {
      const next = await fingerprint();
      assert.ok(!seen.has(next), `${what} did not change the fingerprint`);
      seen.add(next);
    };
    writeFileSync(join(fixture.root, 'README.md'), 'edited\n');
    await expectNew('an unstaged edit');
    writeFileSync(join(fixture.root, 'README.md'), 'edited again\n');
    await expectNew('a second unstaged edit of the same file');
    await fixture.git('add', 'README.md');
    writeFileSync(join(fixture.root, 'README.md'), 'edited again\n');
    await expectNew('staging the edit');
    mkdirSync(join(fixture.root, 'deep', 'er'), { recursive: true });
    writeFileSync(join(fixture.root, 'deep', 'er', 'new.txt'), 'one\n');
    await expectNew('an untracked file in a new folder');
    writeFileSync(join(fixture.root, 'deep', 'er', 'new.txt'), 'two\n');
    await expectNew('an edit of that untracked file');
    symlinkSync('README.md', join(fixture.root, 'link'));
    await expectNew('an untracked symlink');
    const beforeNested = await fingerprint();
    mkdirSync(join(fixture.root, 'nested'));
    await git(join(fixture.root, 'nested'), ['init', '--quiet']);
    await expectNew('an untracked nested repository');
    rmSync(join(fixture.root, 'nested'), { recursive: true });
    assert.equal(await fingerprint(), beforeNested);
    unlinkSync(join(fixture.root, 'test.js'));
    await expectNew('a deleted tracked file');
    await fixture.git('add', '--all');
    await fixture.git('commit', '--quiet', '-m', 'Everything');
    await expectNew('a commit');
  });

  it('ignores ignored files and comes back to the clean value', async () => {
    const clean = await fingerprint();
    writeFileSync(join(fixture.root, '.git', 'info', 'exclude'), 'build/\n');
    mkdirSync(join(fixture.root, 'build'));
    writeFileSync(join(fixture.root, 'build', 'out.js'), 'x');
    assert.equal(await fingerprint(), clean);
    writeFileSync(join(fixture.root, 'scratch.txt'), 'x');
    assert.notEqual(await fingerprint(), clean);
    rmSync(join(fixture.root, 'scratch.txt'));
    assert.equal(await fingerprint(), clean);
  });
});
