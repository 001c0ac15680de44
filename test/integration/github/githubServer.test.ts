/**
 * The GitHub client against the project's GitHub API server (tools/githubServer),
 * which serves a real bare repository: polling cost, fault mapping and token safety.
 */
import * as assert from 'node:assert/strict';
import { GitHubClient, type GitHubClientOptions } from '../../../src/core/github/client';
import type { GitHubError } from '../../../src/core/github/errors';
import { recordingLogger } from '../../support/recordingLogger';
import { useServerPerTest } from '../../support/serverPerTest';
import type { Fault, GitHubServer } from '../../../tools/githubServer';
import { rejection } from './rejection';
import { startPlainServer, type PlainServer } from './plainServer';

const TOKEN = 'ghs_envflowTestToken0123456789abcdef';

describe('GitHub client against the GitHub API server', function () {
  let server: GitHubServer;
  let developSha: string;
  let mainSha: string;
  let logLines: string[];

  function client(options: Partial<GitHubClientOptions> = {}): GitHubClient {
    return new GitHubClient({
      apiUrl: server.url,
      owner: 'octo',
      repo: 'service',
      token: TOKEN,
      retryBaseMs: 10,
      requestTimeoutMs: 3000,
      logger: recordingLogger(logLines),
      ...options,
    });
  }

  useServerPerTest(
    { name: 'github-client', developAhead: 2 },
    {
      repo: async (repo) => {
        await repo.git('switch', '--quiet', '--create', 'feature/login');
        await repo.commit('Add login', { 'login.txt': 'login\n' });
        await repo.git('push', '--quiet', 'origin', 'feature/login');
        developSha = await repo.git('rev-parse', 'develop');
        mainSha = await repo.git('rev-parse', 'main');
      },
      server: (started) => {
        logLines = [];
        server = started;
      },
    },
    { token: TOKEN, pollIntervalSeconds: 60 },
  );

  afterEach(() => {
    assert.deepEqual(
      logLines.filter((line) => line.includes(TOKEN)),
      [],
      'the token never reaches the log',
    );
  });

  it('reads every polled endpoint a second time for free: all 304, no rate limit used', async () => {
    server.addCheckRun(developSha, { name: 'build', status: 'completed', conclusion: 'success' });
    server.addCommitStatus(developSha, { context: 'ci/unit', state: 'failure' });
    const deploymentId = server.addDeployment({ sha: mainSha, ref: 'main', environment: 'production' });
    server.addDeploymentStatus(deploymentId, { state: 'success', environment_url: 'https://app.example' });
    server.openPullRequest({ head: 'feature/login', base: 'develop', title: 'Add login' });
    server.addDependabotAlert({ severity: 'high', package: 'lodash', summary: 'Prototype pollution in lodash' });

    const github = client();
    const pollAll = async () => {
      const pulls = await github.listOpenPullRequests({ base: 'develop' });
      const deployments = await github.listDeployments('production', 10);
      const firstDeployment = deployments.data[0];
      assert.ok(firstDeployment, 'the production deployment is listed');
      return {
        pulls,
        deployments,
        statuses: await github.listDeploymentStatuses(firstDeployment.id),
        checkRuns: await github.listCheckRuns(developSha),
        commitStatuses: await github.getCombinedStatus(developSha),
        alerts: await github.listDependabotAlerts(),
        runs: await github.listWorkflowRuns('develop', 5),
      };
    };
    const first = await pollAll();
    assert.deepEqual(
      first.pulls.data.map((pull) => [pull.headRef, pull.baseRef, pull.title]),
      [['feature/login', 'develop', 'Add login']],
    );
    assert.deepEqual(
      first.checkRuns.data.map((item) => [item.name, item.state]),
      [['build', 'success']],
    );
    assert.deepEqual(
      first.commitStatuses.data.map((item) => [item.name, item.state]),
      [['ci/unit', 'failure']],
    );
    assert.equal(first.statuses.data[0]?.state, 'success');
    assert.deepEqual(first.alerts.data.available && first.alerts.data.bySeverity, {
      critical: 0,
      high: 1,
      medium: 0,
      low: 0,
    });
    assert.ok(Object.values(first).every((result) => !result.notModified));

    const before = { ...server.stats };
    const requestsBefore = github.requestCount;
    const second = await pollAll();
    const requests = github.requestCount - requestsBefore;
    console.log(
      `      second poll: ${requests} requests, ${server.stats.notModified - before.notModified} not modified, rate limit used ${server.stats.rateLimitUsed - before.rateLimitUsed}`,
    );
    assert.ok(
      Object.values(second).every((result) => result.notModified),
      'every endpoint answered 304',
    );
    assert.deepEqual(second.pulls.data, first.pulls.data);
    assert.deepEqual(second.checkRuns.data, first.checkRuns.data);
    assert.equal(server.stats.rateLimitUsed, before.rateLimitUsed);
    assert.equal(server.stats.notModified - before.notModified, requests);
    assert.equal(github.pollIntervalSeconds, 60);
    assert.ok(github.rateLimit && github.rateLimit.limit > 0);

    server.addCheckRun(developSha, { name: 'lint', status: 'completed', conclusion: 'failure' });
    const changed = await github.listCheckRuns(developSha);
    assert.equal(changed.notModified, false);
    assert.deepEqual(changed.data.map((item) => [item.name, item.state]).sort(), [
      ['build', 'success'],
      ['lint', 'failure'],
    ]);
  });

  it('compares branches, reads refs and opens, finds and refuses duplicate pull requests', async () => {
    const github = client();
    const comparison = await github.compare('main', 'develop');
    assert.equal(comparison.aheadBy, 2);
    assert.deepEqual(
      comparison.commits.map((commit) => commit.subject),
      ['Develop change 1', 'Develop change 2'],
    );
    assert.equal((await github.getRef('heads/develop'))?.sha, developSha);
    assert.equal(await github.getRef('heads/nope'), undefined);
    assert.equal((await github.getAuthenticatedUser()).login.length > 0, true);

    const opened = await github.createPullRequest({
      head: 'feature/login',
      base: 'develop',
      title: 'Add login',
      body: 'Tests passed locally.',
    });
    assert.equal(opened.headRef, 'feature/login');
    assert.equal((await github.findOpenPullRequest('feature/login', 'develop'))?.number, opened.number);
    assert.equal(await github.findOpenPullRequest('feature/login', 'main'), undefined);
    const duplicate = await rejection(
      github.createPullRequest({ head: 'feature/login', base: 'develop', title: 'Again' }),
    );
    assert.equal(duplicate.kind, 'validation');
    assert.match(duplicate.message, /already exists/);
  });

  it('redeploys an old commit and posts commit statuses', async () => {
    const github = client();
    const deployment = await github.createDeployment({
      ref: mainSha,
      environment: 'production',
      description: 'Roll back',
      productionEnvironment: true,
    });
    assert.equal(deployment.sha, mainSha);
    assert.equal(deployment.environment, 'production');
    await github.createCommitStatus(developSha, {
      state: 'success',
      context: 'envflow/local-tests',
      description: '12 passed',
    });
    const statuses = await github.getCombinedStatus(developSha);
    assert.ok(statuses.data.some((item) => item.name === 'envflow/local-tests' && item.state === 'success'));
  });

  it('reports Dependabot alerts that are turned off as not enabled', async () => {
    server.setDependabot('disabled');
    assert.deepEqual((await client().listDependabotAlerts()).data, { available: false, reason: 'notEnabled' });
  });

  // Faults fire once unless told otherwise, and the client retries a read twice after a
  // 5xx or a lost connection; a fault meant to outlast those retries fires every time.
  const always = { times: Infinity } as const;
  const offlineSentence =
    /^Can't reach 127\.0\.0\.1:\d+: check your connection; EnvFlow keeps showing the last known state\.$/;
  const faultCases: { fault: Fault; kind: GitHubError['kind']; message: RegExp; attempts: number }[] = [
    {
      fault: { kind: 'unauthorized' },
      kind: 'unauthorized',
      message: /^GitHub rejected the token: sign in again\.$/,
      attempts: 1,
    },
    {
      fault: { kind: 'rateLimitPrimary' },
      kind: 'rateLimited',
      message: /^GitHub's rate limit is used up; EnvFlow resumes at \d\d:\d\d\.$/,
      attempts: 1,
    },
    {
      fault: { kind: 'rateLimitSecondary' },
      kind: 'rateLimited',
      message: /^GitHub's rate limit is used up; EnvFlow resumes at \d\d:\d\d\.$/,
      attempts: 1,
    },
    {
      fault: { kind: 'status', status: 502, ...always },
      kind: 'server',
      message: /^GitHub is having trouble \(HTTP 502\): try again in a minute; the view keeps retrying on its own\.$/,
      attempts: 3,
    },
    { fault: { kind: 'status', status: 404 }, kind: 'notFound', message: /^Not found on GitHub: .*\.$/, attempts: 1 },
    { fault: { kind: 'reset', ...always }, kind: 'offline', message: offlineSentence, attempts: 3 },
    { fault: { kind: 'dropAfterWrite', ...always }, kind: 'offline', message: offlineSentence, attempts: 3 },
    {
      fault: { kind: 'malformedJson' },
      kind: 'malformed',
      message: /^GitHub sent an answer EnvFlow can't read: try again; the view retries on its next refresh\.$/,
      attempts: 1,
    },
    // A body cut off mid-transfer is a lost connection, not a bad answer: the client reads
    // the whole body under its timeout and retries it as a network error (guardedFetch.ts).
    { fault: { kind: 'truncatedJson', ...always }, kind: 'offline', message: offlineSentence, attempts: 3 },
  ];
  for (const { fault, kind, message, attempts } of faultCases) {
    const name = `${fault.kind}${fault.kind === 'status' ? ` ${fault.status}` : ''}${fault.times === Infinity ? ' on every attempt' : ''}`;
    it(`maps the fault ${name} to ${kind} with one sentence after ${attempts} attempt(s)`, async () => {
      server.faults.inject(fault);
      const error = await rejection(client().listCheckRuns(developSha));
      assert.equal(error.kind, kind);
      assert.match(error.message, message);
      assert.equal(server.stats.total, attempts, 'reads are retried after a 5xx or a lost connection, and only then');
      if (kind === 'rateLimited') {
        assert.ok(error.retryAt && error.retryAt.getTime() > Date.now() + 5000, 'a long wait is not waited for');
      }
    });
  }

  it('times out a slow answer as offline', async () => {
    server.faults.inject({ kind: 'latency', ms: 2000 });
    const error = await rejection(client({ requestTimeoutMs: 200 }).listCheckRuns(developSha));
    assert.equal(error.kind, 'offline');
  });

  it('retries a single 502 and then succeeds', async () => {
    server.faults.inject({ kind: 'status', status: 502 });
    const github = client();
    const runs = await github.listCheckRuns(developSha);
    assert.deepEqual(runs.data, []);
    assert.equal(github.requestCount, 2);
    assert.deepEqual(
      server.requests.map((request) => request.status),
      [502, 200],
    );
  });

  it('retries a 5xx twice and then succeeds', async () => {
    server.faults.inject({ kind: 'status', status: 503, times: 2 });
    const github = client();
    const runs = await github.listCheckRuns(developSha);
    assert.deepEqual(runs.data, []);
    assert.equal(github.requestCount, 3);
  });

  it('does not follow a redirect to another port with the token', async () => {
    const elsewhere: PlainServer = await startPlainServer();
    try {
      server.faults.inject({ kind: 'redirect', location: `${elsewhere.url}/repos/octo/service/pulls` });
      const error = await rejection(client().listOpenPullRequests());
      assert.match(error.message, /does not send your token there/);
      assert.deepEqual(
        elsewhere.requests.filter((request) => request.headers.authorization !== undefined),
        [],
      );
    } finally {
      await elsewhere.close();
    }
  });
});
