import * as assert from 'node:assert/strict';
import { syncDevelop } from '../../../src/core/release/sync';
import type { FixtureRepo } from '../../support/gitFixtures';
import {
  commitAndPush,
  config,
  origin,
  useReleaseFixture,
  type GuardedRepository,
  type Hub,
} from '../../support/releaseHarness';

describe('syncing develop with production (real repositories, GitHub API server)', () => {
  let fixture: FixtureRepo;
  let guarded: GuardedRepository;
  let hub: Hub;

  useReleaseFixture({ name: 'sync', developAhead: 2 }, async (ready) => {
    fixture = ready.fixture;
    guarded = ready.guarded;
    hub = ready.hub!;
  });

  it('says develop is in sync when it already contains production, and opens nothing', async () => {
    assert.deepEqual(await syncDevelop({ git: guarded.repo, client: hub.client, config }), { kind: 'inSync' });
    assert.equal(hub.server.state.pulls.length, 0);
  });

  it('opens a pull request production → develop after a hotfix, then shows that one on the next run', async () => {
    const hotfix = await commitAndPush(fixture, 'main', 'Hotfix the tax rate', { 'tax.txt': '19%\n' });
    const develop = await origin(fixture, 'rev-parse', 'develop');

    const first = await syncDevelop({ git: guarded.repo, client: hub.client, config });

    assert.equal(first.kind, 'opened');
    assert.deepEqual(
      first.missing.map((c) => c.sha),
      [hotfix],
    );
    const pull = hub.server.state.pulls.find((p) => p.number === first.pullRequest.number);
    assert.deepEqual([pull?.head, pull?.base, pull?.title], ['main', 'develop', 'Sync develop with main']);
    assert.match(pull?.body ?? '', new RegExp(`- ${hotfix.slice(0, 7)} Hotfix the tax rate`));
    assert.equal(
      await origin(fixture, 'rev-parse', 'develop'),
      develop,
      'develop changes only when the pull request is merged',
    );

    const second = await syncDevelop({ git: guarded.repo, client: hub.client, config });
    assert.equal(second.kind, 'existing');
    assert.equal(second.pullRequest.number, first.pullRequest.number);
    assert.equal(hub.server.state.pulls.length, 1);
  });

  it('is in sync again once that pull request is merged', async () => {
    await commitAndPush(fixture, 'main', 'Hotfix', { 'h.txt': 'h\n' });
    const opened = await syncDevelop({ git: guarded.repo, client: hub.client, config });
    assert.ok(opened.kind !== 'inSync');
    await hub.server.mergePullRequest(opened.pullRequest.number);

    assert.deepEqual(await syncDevelop({ git: guarded.repo, client: hub.client, config }), { kind: 'inSync' });
  });
});
