import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { RepositoryModel, fingerprintOf } from '../../../src/core/flow/repositoryModel';
import type { LocalTestRecord } from '../../../src/core/model/snapshot';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted, type CountedRepository } from '../../support/openRepository';

describe('RepositoryModel without GitHub', () => {
  let fixture: FixtureRepo;
  let counted: CountedRepository;
  let record: LocalTestRecord | undefined;
  let connects = 0;

  function model(): RepositoryModel {
    return new RepositoryModel({
      git: counted.repo,
      config: () => defaultFlowConfig,
      connect: async () => {
        connects++;
        return undefined;
      },
      testRecord: () => record,
    });
  }

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'model-local', developAhead: 2 });
    counted = await openCounted(fixture.root);
    record = undefined;
    connects = 0;
  });
  afterEach(() => fixture.dispose());

  it('is local-only with a plain-path origin, and never asks for a GitHub client', async () => {
    const { snapshot, transitions } = await model().refresh('full');
    assert.equal(snapshot.connection.state, 'localOnly');
    assert.equal(connects, 0);
    assert.deepEqual(transitions, []);
    assert.equal(snapshot.local.pullRequest, undefined);
    assert.equal(snapshot.development.awaitingPromotion.count, 2);
    assert.deepEqual(
      snapshot.development.awaitingPromotion.commits.map((c) => c.subject),
      ['Develop change 2', 'Develop change 1'],
    );
  });

  it('is signed out when origin is on GitHub but there is no token', async () => {
    await fixture.git('remote', 'set-url', 'origin', 'https://github.com/acme/shop.git');
    const { snapshot } = await model().refresh('full');
    assert.equal(snapshot.connection.state, 'signedOut');
    assert.equal(snapshot.github?.webUrl, 'https://github.com/acme/shop', 'the remote is known, so links work');
    assert.equal(connects, 1);
  });

  it('costs at most 3 git processes for an unchanged refresh', async () => {
    const m = model();
    await m.refresh('full');
    counted.reset();
    await m.refresh('full');
    console.log(`      unchanged refresh: ${counted.processes.length} git processes`);
    assert.ok(counted.processes.length <= 3, counted.processes.map((p) => p.join(' ')).join('\n'));
  });

  it('ties a test result to the exact commit and working tree', async () => {
    const m = model();
    const first = await m.refresh('local');
    assert.equal(first.snapshot.local.tests.state, 'notRun');
    const state = await counted.repo.readState('develop', 'main');
    record = {
      outcome: 'passed',
      commit: state.headSha!,
      treeFingerprint: await fingerprintOf(counted.repo, state),
      command: 'npm test',
      passed: 3,
      durationMs: 1200,
      finishedAt: new Date().toISOString(),
    };
    assert.equal((await m.refresh('local')).snapshot.local.tests.state, 'passed');
    await fixture.write('README.md', '# changed\n');
    assert.equal((await m.refresh('local')).snapshot.local.tests.state, 'stale', 'an edit makes the result stale');
    await fixture.git('checkout', '--', 'README.md');
    assert.equal((await m.refresh('local')).snapshot.local.tests.state, 'passed', 'undoing the edit restores it');
    await fixture.commit('Another change', { 'b.txt': 'b\n' });
    assert.equal((await m.refresh('local')).snapshot.local.tests.state, 'stale', 'a new commit makes it stale');
  });
});
