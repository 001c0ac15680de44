import * as assert from 'node:assert/strict';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { githubModel } from '../../support/githubModel';
import { openCounted, type CountedRepository } from '../../support/openRepository';

describe('RepositoryModel against git and the GitHub API server', function () {
  this.timeout(60_000);
  let fx: GitHubFixture;
  let counted: CountedRepository;
  let config: FlowConfig;
  let model: RepositoryModel;
  let sha: { develop: string; main: string; previousMain: string; feature: string };
  let failingDeployment: number;
  /** Added to the model's clock, to step past a rate-limit reset. */
  let clockOffset = 0;

  before(async () => {
    fx = await createGitHubFixture({ name: 'model-github', developAhead: 2 });
    const { repo, server } = fx;
    sha = {
      previousMain: await repo.git('rev-parse', 'main'),
      main: '',
      develop: await repo.git('rev-parse', 'develop'),
      feature: '',
    };
    // main moves on once, so production has a history and a rollback target.
    await repo.git('switch', '--quiet', 'main');
    sha.main = await repo.commit('Release 1.1', { 'release.txt': '1.1\n' });
    await repo.git('push', '--quiet', 'origin', 'main');
    await repo.git('switch', '--quiet', '--create', 'feature/login', 'develop');
    sha.feature = await repo.commit('Add login', { 'login.txt': 'login\n' });
    await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/login');
    await repo.git('fetch', '--quiet', 'origin');

    server.addCheckRun(sha.develop, { name: 'build', status: 'completed', conclusion: 'success' });
    server.addCommitStatus(sha.develop, { context: 'lint', state: 'success' });
    server.addCheckRun(sha.main, { name: 'build', status: 'completed', conclusion: 'success' });
    server.addCheckRun(sha.feature, { name: 'build', status: 'in_progress' });
    const dev = server.addDeployment({ ref: 'develop', environment: 'development' });
    server.addDeploymentStatus(dev, { state: 'success', environment_url: 'https://dev.example.com' });
    const previous = server.addDeployment({ ref: sha.previousMain, environment: 'production' });
    server.addDeploymentStatus(previous, { state: 'success', environment_url: 'https://shop.example.com' });
    failingDeployment = server.addDeployment({ ref: 'main', environment: 'production' });
    server.addDeploymentStatus(failingDeployment, { state: 'in_progress', description: 'Rolling out: 50%' });
    server.openPullRequest({ head: 'feature/login', base: 'develop', title: 'Add login' });
    server.addDependabotAlert({ severity: 'high', package: 'lodash', summary: 'Prototype pollution' });
    server.addDependabotAlert({ severity: 'medium', package: 'minimist', summary: 'Prototype pollution' });

    config = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
    counted = await openCounted(repo.root);
    model = githubModel(fx, {
      git: counted.repo,
      config: () => config,
      now: () => Date.now() + clockOffset,
    });
  });

  after(() => fx.dispose());

  it('fills every part of the snapshot from git and GitHub', async () => {
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.connection.state, 'ok');
    assert.equal(snapshot.stale, false);
    assert.equal(snapshot.github?.owner, 'acme');
    assert.equal(snapshot.local.branch, 'feature/login');
    assert.equal(snapshot.local.aheadOfDevelop, 1);
    assert.equal(snapshot.local.pullRequest?.title, 'Add login');
    assert.equal(snapshot.local.pullRequest?.checks?.state, 'pending');
    assert.equal(snapshot.local.checks?.state, 'pending');
    assert.equal(snapshot.development.head?.sha, sha.develop);
    assert.equal(snapshot.development.checks?.state, 'passing');
    assert.deepEqual(snapshot.development.checks?.items.map((i) => i.name).sort(), ['build', 'lint']);
    assert.equal(snapshot.development.deployment?.state, 'success');
    assert.equal(snapshot.development.deployment?.environmentUrl, 'https://dev.example.com');
    assert.deepEqual(
      snapshot.development.pullRequests.map((p) => p.headRef),
      ['feature/login'],
    );
    assert.equal(snapshot.development.awaitingPromotion.count, 2);
    assert.equal(snapshot.production.head?.sha, sha.main);
    assert.equal(snapshot.production.checks?.state, 'passing');
    assert.equal(snapshot.production.deployment?.state, 'in_progress');
    assert.equal(snapshot.production.deployment?.description, 'Rolling out: 50%');
    assert.equal(snapshot.production.history.length, 2);
    assert.equal(snapshot.production.rollbackTarget?.sha, sha.previousMain);
    assert.deepEqual(snapshot.production.security, {
      available: true,
      total: 2,
      bySeverity: { critical: 0, high: 1, medium: 1, low: 0 },
      url: snapshot.production.security?.available ? snapshot.production.security.url : '',
    });
  });

  it('costs zero rate limit and a constant handful of requests when nothing changed', async () => {
    await model.refresh('full');
    const before = { ...fx.server.stats };
    fx.server.resetRequests();
    counted.reset();
    const { snapshot, transitions } = await model.refresh('full');
    const requests = fx.server.requests;
    console.log(
      `      unchanged refresh: ${requests.length} HTTP requests (${requests.filter((r) => r.status === 304).length} × 304), ${fx.server.stats.rateLimitUsed - before.rateLimitUsed} rate limit, ${counted.processes.length} git processes`,
    );
    assert.equal(fx.server.stats.rateLimitUsed, before.rateLimitUsed, 'no rate limit spent');
    assert.ok(
      requests.every((r) => r.status === 304),
      requests.map((r) => `${r.status} ${r.path}`).join('\n'),
    );
    assert.ok(requests.length <= 8, `${requests.length} requests`);
    assert.ok(counted.processes.length <= 3, `${counted.processes.length} git processes`);
    assert.deepEqual(transitions, []);
    assert.equal(snapshot.connection.state, 'ok');
  });

  it('announces a failed production deployment once', async () => {
    fx.server.addDeploymentStatus(failingDeployment, { state: 'failure', description: 'Error rate above 5%' });
    const first = await model.refresh('full');
    assert.deepEqual(
      first.transitions.map((t) => t.kind),
      ['productionDeploymentFailed'],
    );
    assert.equal(first.snapshot.production.deployment?.state, 'failure');
    const second = await model.refresh('full');
    assert.deepEqual(second.transitions, []);
  });

  it('stays fresh with a local commit GitHub has not seen yet', async () => {
    await fx.repo.commit('Work in progress', { 'wip.txt': 'wip\n' });
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.connection.state, 'ok');
    assert.equal(snapshot.stale, false);
    assert.equal(snapshot.local.aheadOfUpstream, 1);
    assert.equal(snapshot.local.checks, undefined, 'no checks for an unpushed commit');
    await fx.repo.git('reset', '--quiet', '--hard', 'HEAD~1');
  });

  it('reads the checks of the open PRs into develop only while they are shown', async () => {
    const current = await fx.repo.git('rev-parse', '--abbrev-ref', 'HEAD');
    await fx.repo.git('switch', '--quiet', '--create', 'feature/search', 'origin/develop');
    const head = await fx.repo.commit('Add search', { 'search.txt': 'search\n' });
    await fx.repo.git('push', '--quiet', 'origin', 'feature/search');
    await fx.repo.git('switch', '--quiet', current);
    fx.server.openPullRequest({ head: 'feature/search', base: 'develop', title: 'Add search' });
    fx.server.addCheckRun(head, { name: 'build', status: 'completed', conclusion: 'failure' });

    const hidden = (await model.refresh('full')).snapshot.development.pullRequests.find(
      (p) => p.headRef === 'feature/search',
    );
    assert.equal(hidden?.checks, undefined, 'not read while the list is collapsed');
    model.setPullRequestDetails(true);
    const shown = (await model.refresh('full')).snapshot.development.pullRequests.find(
      (p) => p.headRef === 'feature/search',
    );
    assert.equal(shown?.checks?.state, 'failing');
    assert.deepEqual(shown?.checks?.failing, ['build']);
    model.setPullRequestDetails(false);
  });

  it('fetches now and then, so a develop moved on GitHub shows without the user fetching', async () => {
    const fetching = githubModel(fx, {
      git: counted.repo,
      config: () => config,
      fetchEvery: 2,
    });
    await fetching.refresh('full');
    const pr = fx.server.state.pulls.find((p) => p.head === 'feature/login' && p.state === 'open');
    assert.ok(pr);
    const merged = await fx.server.mergePullRequest(pr.number);
    counted.reset();
    const { snapshot } = await fetching.refresh('full');
    assert.equal(snapshot.development.head?.sha, merged, 'develop moved after a background fetch');
    assert.ok(counted.processes.some((args) => args.includes('fetch')));
  });

  it('fetches only develop and main in the background, and never with autoFetch off', async () => {
    const model = (autoFetch: boolean) =>
      githubModel(fx, {
        git: counted.repo,
        config: () => ({ ...config, autoFetch }),
        fetchEvery: 1,
      });
    counted.reset();
    const off = model(false);
    await off.refresh('full');
    await off.refresh('full');
    assert.ok(!counted.processes.some((args) => args.includes('fetch')), 'no fetch with autoFetch off');
    const on = model(true);
    await on.refresh('full');
    const fetches = counted.processes.filter((args) => args.includes('fetch'));
    assert.equal(fetches.length, 1);
    assert.deepEqual(fetches[0]!.slice(-2), [config.developBranch, config.productionBranch]);
  });

  it('asks GitHub nothing until the rate limit resets', async () => {
    let now = Date.now();
    const limited = githubModel(fx, {
      git: counted.repo,
      config: () => config,
      now: () => now,
      fetchEvery: 0,
    });
    await limited.refresh('full');
    fx.server.faults.inject({ kind: 'rateLimitPrimary', resetInSeconds: 600, times: 1 });
    const first = await limited.refresh('full');
    assert.equal(first.snapshot.connection.state === 'error' && first.snapshot.connection.kind, 'rateLimited');
    fx.server.resetRequests();
    const paused = await limited.refresh('full');
    assert.equal(fx.server.requests.length, 0, 'no request while rate limited');
    assert.equal(paused.snapshot.stale, true);
    now += 601_000;
    const resumed = await limited.refresh('full');
    assert.equal(resumed.snapshot.connection.state, 'ok');
    assert.ok(fx.server.requests.length > 0);
  });

  // A rejected token or a used-up rate limit fails the whole refresh from any one read;
  // anything else does only when no read gets through (one read failing alone is the
  // read-isolation suite's).
  const everyRequest = undefined;
  const faults = [
    {
      fault: { kind: 'status', status: 503 },
      kind: 'server',
      sentence: /GitHub is having trouble \(HTTP 503\)/,
      match: everyRequest,
    },
    { fault: { kind: 'unauthorized' }, kind: 'unauthorized', sentence: /sign in again/, match: { path: /\/pulls/ } },
    {
      fault: { kind: 'rateLimitPrimary', resetInSeconds: 600 },
      kind: 'rateLimited',
      sentence: /rate limit/,
      match: { path: /\/pulls/ },
    },
    {
      fault: { kind: 'rateLimitSecondary', retryAfterSeconds: 120, status: 429 },
      kind: 'rateLimited',
      sentence: /rate limit/,
      match: { path: /\/pulls/ },
    },
    { fault: { kind: 'reset' }, kind: 'offline', sentence: /Can't reach/, match: everyRequest },
    { fault: { kind: 'malformedJson' }, kind: 'malformed', sentence: /./, match: everyRequest },
  ] as const;

  for (const { fault, kind, sentence, match } of faults) {
    it(`keeps the last good data, marked stale, on ${fault.kind}${'status' in fault ? ` ${fault.status}` : ''}`, async () => {
      const good = (await model.refresh('full')).snapshot;
      fx.server.faults.inject({ ...fault, times: Infinity, ...(match ? { match } : {}) } as Parameters<
        typeof fx.server.faults.inject
      >[0]);
      try {
        const { snapshot, transitions } = await model.refresh('full');
        assert.equal(snapshot.connection.state, 'error');
        assert.equal(snapshot.stale, true);
        if (snapshot.connection.state === 'error') {
          assert.equal(snapshot.connection.kind, kind);
          assert.match(snapshot.connection.message, sentence);
          assert.equal(snapshot.connection.message.split(/[.!?]\s/).length <= 2, true, 'one sentence');
          if (kind === 'rateLimited') {
            assert.ok(snapshot.connection.retryAt, 'says when it resumes');
          }
        }
        assert.deepEqual(snapshot.production.deployment, good.production.deployment, 'the last good data stays');
        assert.deepEqual(snapshot.development.pullRequests, good.development.pullRequests);
        assert.deepEqual(transitions, [], 'stale data is not news');
      } finally {
        fx.server.faults.clear();
      }
      if (kind === 'rateLimited') {
        clockOffset += 3_600_000; // EnvFlow waits for the reset before asking again
      }
      const recovered = await model.refresh('full');
      assert.equal(recovered.snapshot.connection.state, 'ok');
      assert.equal(recovered.snapshot.stale, false);
    });
  }
});
