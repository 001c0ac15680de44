/**
 * A revert rollback starts from a detached HEAD only when nothing would be left behind:
 * the no-lost-work property (seed 7's family) found the branch switch abandoning
 * commits made while detached.
 */
import * as assert from 'node:assert/strict';
import { revertToTarget } from '../../../src/core/release/rollback';
import type { RollbackCandidate } from '../../../src/core/release/rollbackPlan';
import { commitAndPush, config, origin, useReleaseFixture, type ReleaseFixture } from '../../support/releaseHarness';

describe('rollback from a detached HEAD (real repositories, GitHub API server)', () => {
  let ready: ReleaseFixture;
  useReleaseFixture({ name: 'rollback-detached' }, (fixture) => {
    ready = fixture;
  });

  it('refuses while HEAD holds commits no branch has, leaving them, main and GitHub untouched', async () => {
    const { fixture, guarded, hub } = ready;
    const good = await fixture.git('rev-parse', 'main');
    const head = await commitAndPush(fixture, 'main', 'Break checkout', { 'checkout.txt': 'broken\n' });
    await fixture.git('switch', '--quiet', '--detach', 'HEAD');
    const detachedWork = await fixture.commit('Experiment while detached', { 'experiment.txt': 'only here\n' });
    const target: RollbackCandidate = {
      sha: good,
      source: 'deployment',
      deploymentId: 1,
      createdAt: '2026-11-27T10:00:00.000Z',
      ageMs: 0,
    };

    await assert.rejects(
      revertToTarget({ git: guarded.repo, history: guarded.history, client: hub!.client, config, target }),
      /which no branch or tag contains/,
    );

    assert.equal(await fixture.git('rev-parse', 'HEAD'), detachedWork, 'still on the detached work');
    assert.equal(await origin(fixture, 'rev-parse', 'main'), head);
    assert.equal(hub!.server.state.pulls.length, 0);
  });
});
