import * as assert from 'node:assert/strict';
import { journeyRows } from '../../../src/core/flow/journeyText';
import { whereIsCommit, type JourneyStage, type JourneyState } from '../../../src/core/flow/whereIsCommit';
import { GitRepository } from '../../../src/core/git/repository';
import type { DeploymentInfo } from '../../../src/core/model/snapshot';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { deployment, iso, pullRequest, snapshot } from '../../support/snapshotFactory';

const refs = { develop: 'origin/develop', production: 'origin/main' };

/** Real ancestry from a real repository; counts the questions so the cost is visible. */
function countingGit(repo: GitRepository): { isAncestor(a: string, b: string): Promise<boolean>; asked: number } {
  const port = {
    asked: 0,
    isAncestor: (a: string, b: string) => {
      port.asked++;
      return repo.isAncestor(a, b);
    },
  };
  return port;
}

function states(steps: readonly { stage: JourneyStage; state: JourneyState }[]): Record<string, JourneyState> {
  return Object.fromEntries(steps.map((s) => [s.stage, s.state]));
}

describe('whereIsCommit: how far a commit got, from git ancestry and what a refresh read', () => {
  let fixture: FixtureRepo;
  let repo: GitRepository;
  let released: string;
  let onDevelopOnly: string;
  let branchOnly: string;

  before(async () => {
    fixture = await createFixtureRepo({ name: 'journey' });
    // develop: one commit that reached main, then one that did not; a branch commit on neither.
    released = await fixture.commit('Released change', { 'a.txt': 'a\n' });
    await fixture.git('push', '--quiet', 'origin', 'develop');
    await fixture.git('push', '--quiet', 'origin', 'develop:main');
    onDevelopOnly = await fixture.commit('Waiting for promotion', { 'b.txt': 'b\n' });
    await fixture.git('push', '--quiet', 'origin', 'develop');
    await fixture.git('switch', '--quiet', '--create', 'feature/x');
    branchOnly = await fixture.commit('Work in progress', { 'c.txt': 'c\n' });
    await fixture.git('fetch', '--quiet', 'origin');
    repo = new GitRepository(fixture.root);
  });
  after(() => fixture.dispose());

  const live = (sha: string, minutesAgo: number, state: DeploymentInfo['state'] = 'success'): DeploymentInfo =>
    deployment({ sha, state, environment: 'production', updatedAt: iso(minutesAgo), createdAt: iso(minutesAgo) });

  it('a released commit: on develop, deployed to development, on main, live in production since its first deployment', async () => {
    const first = live(released, 60);
    const newer = live(onDevelopOnly, 5, 'failure');
    const s = snapshot({
      development: {
        deployment: deployment({
          sha: onDevelopOnly,
          environment: 'development',
          state: 'success',
          updatedAt: iso(30),
        }),
        releasePullRequest: null,
      },
      production: { history: [newer, live(released, 20), first] },
    });
    const git = countingGit(repo);
    const journey = await whereIsCommit(released, s, git, refs);
    assert.deepEqual(states(journey.steps), {
      develop: 'reached',
      development: 'reached',
      releasePullRequest: 'reached',
      productionBranch: 'reached',
      production: 'reached',
    });
    assert.equal(journey.furthest, 'production');
    assert.equal(
      journey.steps.find((x) => x.stage === 'production')?.when,
      iso(60),
      'live since the first deployment that carried it',
    );
    // develop, development, main and one production commit (both successes are the same commit): no repeats.
    assert.ok(git.asked <= 3, `asked git ${git.asked} times`);
  });

  it('a commit waiting for promotion: in the open release PR, not on main, not in production', async () => {
    const s = snapshot({
      development: {
        deployment: deployment({ sha: onDevelopOnly, environment: 'development', state: 'in_progress' }),
        releasePullRequest: pullRequest({ number: 7, headSha: onDevelopOnly, headRef: 'develop', baseRef: 'main' }),
      },
      production: { history: [live(released, 20)] },
    });
    const journey = await whereIsCommit(onDevelopOnly, s, countingGit(repo), refs);
    assert.deepEqual(states(journey.steps), {
      develop: 'reached',
      development: 'inProgress',
      releasePullRequest: 'reached',
      productionBranch: 'notYet',
      production: 'notYet',
    });
    assert.equal(journey.steps.find((x) => x.stage === 'releasePullRequest')?.pullRequest?.number, 7);
  });

  it('a branch commit: nowhere yet', async () => {
    const s = snapshot({ development: { releasePullRequest: null }, production: { history: [live(released, 20)] } });
    const journey = await whereIsCommit(branchOnly, s, countingGit(repo), refs);
    assert.ok(
      journey.steps.every((x) => x.state === 'notYet'),
      JSON.stringify(journey.steps),
    );
    assert.equal(journey.furthest, undefined);
  });

  it('rolled back: an older successful deployment carried it, the live one does not', async () => {
    const base = (await fixture.git('rev-parse', `${released}^`)).trim();
    const s = snapshot({ production: { history: [live(base, 2), live(released, 30)] } });
    const journey = await whereIsCommit(released, s, countingGit(repo), refs);
    const production = journey.steps.find((x) => x.stage === 'production');
    assert.equal(production?.state, 'rolledBack');
    assert.equal(production?.when, iso(2), 'rolled back when the older commit went live');
  });

  it('resolves what a user types (a branch, a short SHA) to a full commit, and refuses a hostile name before git runs', async () => {
    assert.equal(await repo.resolveCommit('origin/develop'), onDevelopOnly);
    assert.equal(await repo.resolveCommit(released.slice(0, 8)), released);
    assert.equal(await repo.resolveCommit('no-such-branch'), undefined);
    await assert.rejects(repo.resolveCommit('--upload-pack=touch /tmp/x'));
  });

  it('words each stage with the repository’s own branch and environment names', async () => {
    const s = snapshot({
      development: {
        releasePullRequest: pullRequest({
          number: 7,
          headSha: onDevelopOnly,
          url: 'https://github.com/acme/shop/pull/7',
        }),
      },
      production: { history: [] },
    });
    const rows = journeyRows(await whereIsCommit(onDevelopOnly, s, countingGit(repo), refs), {
      developBranch: 'trunk',
      productionBranch: 'release',
      developmentEnvironment: 'staging',
      productionEnvironment: 'live',
    });
    assert.deepEqual(
      rows.map((r) => r.label),
      [
        'Merged into trunk',
        'Not deployed to staging yet',
        'In release pull request #7',
        'Not on release yet',
        'Not deployed to live yet',
      ],
    );
    assert.equal(rows[2]?.url, 'https://github.com/acme/shop/pull/7');
  });

  it('says unknown, not "not yet", without GitHub data', async () => {
    const s = snapshot({
      rest: { connection: { state: 'signedOut' }, stale: false },
      development: { deployment: undefined, releasePullRequest: undefined },
      production: { history: [] },
    });
    const journey = await whereIsCommit(released, s, countingGit(repo), refs);
    const byStage = states(journey.steps);
    assert.equal(byStage.development, 'unknown');
    assert.equal(byStage.production, 'unknown');
    assert.equal(byStage.develop, 'reached', 'git still answers for the branches');
  });
});
