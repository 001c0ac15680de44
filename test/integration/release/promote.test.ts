import * as assert from 'node:assert/strict';
import { openReleasePullRequest } from '../../../src/core/release/promote';
import type { FixtureRepo } from '../../support/gitFixtures';
import {
  commitAndPush,
  config,
  origin,
  tagsIn,
  useReleaseFixture,
  type GuardedRepository,
  type Hub,
} from '../../support/releaseHarness';

describe('promotion: the release pull request (real repositories, GitHub API server)', () => {
  let fixture: FixtureRepo;
  let guarded: GuardedRepository;
  let hub: Hub;
  const now = () => new Date('2026-11-28T10:00:00.000Z');

  /** A branch from develop with one commit, proposed and merged into develop on "GitHub". */
  async function mergeIntoDevelop(branch: string, title: string): Promise<number> {
    await fixture.git('fetch', '--quiet', 'origin');
    await fixture.git('switch', '--quiet', '--create', branch, 'origin/develop');
    await fixture.commit(title, { [`${branch.replace('/', '-')}.txt`]: `${title}\n` });
    await fixture.git('push', '--quiet', 'origin', branch);
    const number = hub.server.openPullRequest({ head: branch, base: 'develop', title });
    await hub.server.mergePullRequest(number);
    return number;
  }

  useReleaseFixture({ name: 'promote' }, async (ready) => {
    fixture = ready.fixture;
    guarded = ready.guarded;
    hub = ready.hub!;
  });

  it('backs production up, then opens the release pull request grouping the merged pull requests', async () => {
    await commitAndPush(fixture, 'develop', 'Tidy the configuration', { 'config.txt': 'tidy\n' });
    const login = await mergeIntoDevelop('feature/login', 'Add the login form');
    const cart = await mergeIntoDevelop('fix/empty-cart', 'Guard against an empty cart');
    const tax = await mergeIntoDevelop('hotfix/tax-rate', 'Correct the tax rate');
    const production = await origin(fixture, 'rev-parse', 'main');

    const outcome = await openReleasePullRequest({ git: guarded.repo, client: hub.client, config, now });

    assert.equal(outcome.kind, 'opened');
    const pulls = hub.server.state.pulls.filter((p) => p.head === 'develop' && p.base === 'main');
    assert.equal(pulls.length, 1);
    const pull = pulls[0]!;
    assert.equal(outcome.pullRequest.number, pull.number);
    assert.equal(pull.title, 'Release 2026-11-28: 3 changes');
    const body = pull.body ?? '';
    assert.match(body, new RegExp(`### Features\\n\\n- #${login} \`feature/login\``));
    assert.match(body, new RegExp(`### Fixes\\n\\n- #${cart} \`fix/empty-cart\``));
    assert.match(body, new RegExp(`### Hotfixes\\n\\n- #${tax} \`hotfix/tax-rate\``));
    assert.match(body, /Tidy the configuration/);
    assert.match(body, /Add the login form/);
    assert.match(body, new RegExp(`\`${outcome.backup.tag}\``));
    assert.equal(outcome.backup.sha, production);
    assert.deepEqual(await tagsIn(fixture, 'origin'), [outcome.backup.tag]);
    assert.equal(await origin(fixture, 'rev-parse', 'main'), production, 'opening the release changes no branch');
  });

  it('shows the release pull request that is already open instead of opening another', async () => {
    await commitAndPush(fixture, 'develop', 'Direct change', { 'd.txt': 'd\n' });
    const open = hub.server.openPullRequest({ head: 'develop', base: 'main', title: 'Release by hand' });

    const outcome = await openReleasePullRequest({ git: guarded.repo, client: hub.client, config, now });

    assert.equal(outcome.kind, 'existing');
    assert.equal(outcome.pullRequest.number, open);
    assert.equal(hub.server.state.pulls.length, 1);
    assert.equal(hub.server.state.pulls.filter((p) => p.state === 'open' && p.head === 'develop').length, 1);
  });

  it('detects that there is nothing to promote, and then takes no backup and opens nothing', async () => {
    const outcome = await openReleasePullRequest({ git: guarded.repo, client: hub.client, config, now });

    assert.deepEqual(outcome, { kind: 'nothingToPromote' });
    assert.equal(hub.server.state.pulls.length, 0);
    assert.deepEqual(await tagsIn(fixture, 'origin'), []);
    assert.deepEqual(await tagsIn(fixture, 'local'), []);
  });
});
