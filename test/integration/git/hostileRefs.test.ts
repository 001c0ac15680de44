import * as assert from 'node:assert/strict';
import { GitError } from '../../../src/core/git/errors';
import type { GitRepository } from '../../../src/core/git/repository';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted, type CountedRepository } from '../../support/openRepository';

const hostile = ['-x', '--upload-pack=/tmp/evil', 'a..b', 'foo.lock', 'a\u0001b', 'a\nb', 'a\tb', '@{u}', 'x y'];

// Every method that takes a ref, with the hostile name in each ref position.
const calls: [string, (repo: GitRepository, ref: string) => Promise<unknown>][] = [
  ['readState(develop)', (r, ref) => r.readState(ref, 'main')],
  ['readState(production)', (r, ref) => r.readState('develop', ref)],
  ['fetch(remote)', (r, ref) => r.fetch(ref)],
  ['fetch(refs)', (r, ref) => r.fetch('origin', ['develop', ref])],
  ['switchBranch', (r, ref) => r.switchBranch(ref)],
  ['createAndSwitchBranch(name)', (r, ref) => r.createAndSwitchBranch(ref, 'develop')],
  ['createAndSwitchBranch(startPoint)', (r, ref) => r.createAndSwitchBranch('feature/ok', ref)],
  ['push(remote)', (r, ref) => r.push(ref, 'develop', { setUpstream: true })],
  ['push(branch)', (r, ref) => r.push('origin', ref)],
  ['createAnnotatedTag(name)', (r, ref) => r.createAnnotatedTag(ref, 'main', 'backup')],
  ['createAnnotatedTag(sha)', (r, ref) => r.createAnnotatedTag('backup/production-1', ref, 'backup')],
  ['pushTag(remote)', (r, ref) => r.pushTag(ref, 'v1')],
  ['pushTag(name)', (r, ref) => r.pushTag('origin', ref)],
  ['revert', (r, ref) => r.revert(['main', ref])],
  ['mergeBase(a)', (r, ref) => r.mergeBase(ref, 'main')],
  ['mergeBase(b)', (r, ref) => r.mergeBase('main', ref)],
  ['isAncestor(a)', (r, ref) => r.isAncestor(ref, 'main')],
  ['isAncestor(b)', (r, ref) => r.isAncestor('main', ref)],
  ['log', (r, ref) => r.log(ref, 5)],
  ['log(range end)', (r, ref) => r.log(`main...${ref}`, 5)],
  ['hasRef', (r, ref) => r.hasRef(ref)],
  ['branchExists(name)', (r, ref) => r.branchExists(ref)],
  ['branchExists(remote)', (r, ref) => r.branchExists('develop', { remote: ref })],
];

describe('hostile ref names', () => {
  let fixture: FixtureRepo;
  let counted: CountedRepository;

  before(async () => {
    fixture = await createFixtureRepo({ name: 'hostile' });
    counted = await openCounted(fixture.root);
  });
  after(() => fixture.dispose());

  for (const [method, call] of calls) {
    it(`${method} refuses every hostile name before any git process starts`, async () => {
      // `a..b` is what log() means by a range; its sides are what log() validates.
      for (const ref of hostile.filter((name) => !(method === 'log' && name === 'a..b'))) {
        counted.reset();
        await assert.rejects(
          () => call(counted.repo, ref),
          (error: unknown) => error instanceof GitError && error.code === 'InvalidRef',
          `${method} with ${JSON.stringify(ref)}`,
        );
        assert.equal(
          counted.processes.length,
          0,
          `${method} with ${JSON.stringify(ref)} started ${counted.processes.length} git process(es)`,
        );
      }
    });
  }

  it('refuses a forced fetch refspec, a range of three parts and a bad mainline without a process', async () => {
    counted.reset();
    await assert.rejects(counted.repo.fetch('origin', ['+main']), /force/);
    await assert.rejects(
      counted.repo.log('a..b..c', 1),
      (e: unknown) => e instanceof GitError && e.code === 'InvalidRef',
    );
    await assert.rejects(
      counted.repo.revert(['main'], { mainline: 0 }),
      (e: unknown) => e instanceof GitError && e.code === 'InvalidRef',
    );
    await assert.rejects(
      counted.repo.revert([]),
      (e: unknown) => e instanceof GitError && e.code === 'NothingToCommit',
    );
    assert.equal(counted.processes.length, 0);
  });
});
