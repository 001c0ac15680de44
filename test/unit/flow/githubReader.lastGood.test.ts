/**
 * How the GitHub reader merges a failed read with its last good value: the failed part
 * keeps what the previous refresh showed and names the read that failed, while every
 * other part takes the new answer. The port is scripted in memory (GitHubReadPort is the
 * reader's seam); the wire-level faults are the read-isolation suite's.
 */
import * as assert from 'node:assert/strict';
import { GitHubReader, type GitHubReadPort } from '../../../src/core/flow/githubReader';
import { GitHubError } from '../../../src/core/github/errors';
import type { DeploymentStatusInfo, Fetched, RawDeployment } from '../../../src/core/github/types';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import type {
  CheckItem,
  GitHubRead,
  PullRequestInfo,
  ReviewState,
  SecurityAlerts,
} from '../../../src/core/model/snapshot';

const config = defaultFlowConfig;

const DEVELOP = 'd'.repeat(40);
const MAIN = 'a'.repeat(40);
const HEAD = 'f'.repeat(40);

type Route =
  'pulls' | 'reviews' | 'checkRuns' | 'commitStatuses' | 'deployments' | 'deploymentStatuses' | 'alerts' | 'rules';

/** GitHub as a few mutable values; `fail` makes one route throw, optionally for one item only. */
class ScriptedGitHub {
  readonly owner = 'acme';
  readonly rateLimit = undefined;
  readonly pollIntervalSeconds = undefined;
  requestCount = 0;
  notModifiedCount = 0;
  pulls: PullRequestInfo[] = [
    {
      number: 12,
      title: 'Add login',
      url: 'https://github.com/acme/shop/pull/12',
      headRef: 'feature/login',
      headSha: HEAD,
      baseRef: 'develop',
      draft: false,
      updatedAt: 't1',
    },
  ];
  review: ReviewState = 'reviewRequired';
  runs = new Map<string, CheckItem[]>([DEVELOP, MAIN, HEAD].map((sha) => [sha, [{ name: 'build', state: 'pending' }]]));
  deployments: Record<string, RawDeployment[]> = {
    development: [deployment(1, DEVELOP, 'development')],
    production: [deployment(2, MAIN, 'production')],
  };
  deploymentState: DeploymentStatusInfo['state'] = 'in_progress';
  alerts: SecurityAlerts = {
    available: true,
    total: 1,
    bySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
    url: 'https://github.com/acme/shop/security/dependabot',
  };
  private readonly failures = new Map<Route, { error: GitHubError; item?: string }>();

  fail(route: Route, error: GitHubError, item?: string): void {
    this.failures.set(route, { error, item });
  }

  heal(): void {
    this.failures.clear();
  }

  readonly port: GitHubReadPort = {
    owner: this.owner,
    rateLimit: undefined,
    pollIntervalSeconds: undefined,
    requestCount: 0,
    notModifiedCount: 0,
    listOpenPullRequests: async () => this.answer('pulls', undefined, () => [...this.pulls]),
    getPullRequestReview: async (number) => (await this.answer('reviews', String(number), () => this.review)).data,
    listCheckRuns: async (sha) => this.answer('checkRuns', sha, () => this.runs.get(sha) ?? []),
    getCombinedStatus: async (sha) => this.answer('commitStatuses', sha, () => []),
    listDeployments: async (environment) =>
      this.answer('deployments', environment, () => this.deployments[environment] ?? []),
    listDeploymentStatuses: async (id) =>
      this.answer('deploymentStatuses', String(id), () => [
        { state: this.deploymentState, createdAt: `t-${this.deploymentState}` },
      ]),
    listDependabotAlerts: async () => this.answer('alerts', undefined, () => this.alerts),
    getEnvironment: async (name) => (await this.answer('rules', name, () => undefined)).data,
    listEnvironmentNames: async () => this.answer('rules', undefined, (): string[] => []),
    listDeploymentBranchPolicies: async (name) => (await this.answer('rules', name, () => [])).data,
    getBranchSummary: async (branch) => this.answer('rules', branch, () => ({ protected: false })),
    getBranchProtection: async (branch) => (await this.answer('rules', branch, () => undefined)).data,
    getBranchRules: async (branch) => (await this.answer('rules', branch, () => [])).data,
  };

  /** Every route asked, in order. */
  readonly asked: Route[] = [];

  private async answer<T>(route: Route, item: string | undefined, data: () => T): Promise<Fetched<T>> {
    this.asked.push(route);
    const failure = this.failures.get(route);
    if (failure && (failure.item === undefined || failure.item === item)) {
      throw failure.error;
    }
    return { data: data(), notModified: false };
  }
}

function deployment(id: number, sha: string, environment: string): RawDeployment {
  return {
    id,
    sha,
    ref: environment === 'production' ? 'main' : 'develop',
    environment,
    createdAt: 't0',
    updatedAt: 't0',
  };
}

const forbidden = () =>
  new GitHubError(
    'unauthorized',
    'GitHub refused access (Resource not accessible by personal access token): sign in with an account that has permission.',
    { status: 403 },
  );
const timedOut = () =>
  new GitHubError(
    'offline',
    "Can't reach api.github.com: check your connection; EnvFlow keeps showing the last known state.",
  );
const input = { shas: [DEVELOP, MAIN], branch: 'feature/login' };

describe('GitHubReader: a failed read keeps its last good value', () => {
  let github: ScriptedGitHub;
  let reader: GitHubReader;

  beforeEach(() => {
    github = new ScriptedGitHub();
    reader = new GitHubReader(github.port, () => config, { concurrency: 4 });
  });

  it('keeps the last review and names the read; the rest takes the new answers', async () => {
    const good = await reader.read(input);
    assert.deepEqual(good.readErrors, {});
    github.fail('reviews', forbidden());
    github.pulls = github.pulls.map((p) => ({ ...p, updatedAt: 't2' }));
    github.runs.set(DEVELOP, [{ name: 'build', state: 'failure' }]);
    github.deploymentState = 'success';
    const failed = await reader.read(input);
    assert.equal(failed.reviews.get(12), 'reviewRequired', 'the last good review stays');
    assert.deepEqual(Object.keys(failed.readErrors), ['reviews']);
    assert.deepEqual(failed.readErrors.reviews?.about, ['12']);
    assert.match(
      failed.readErrors.reviews?.message ?? '',
      /^Could not read reviews: GitHub refused access \(Resource not accessible by personal access token\): sign in with an account that has permission\.$/,
    );
    assert.equal(failed.checksBySha.get(DEVELOP)?.state, 'failing', 'checks are fresh');
    assert.equal(failed.developmentDeployment?.state, 'success', 'deployments are fresh');
    assert.equal(failed.pullRequests?.[0].updatedAt, 't2', 'pull requests are fresh');
    github.heal();
    github.review = 'approved';
    const healed = await reader.read(input);
    assert.equal(healed.reviews.get(12), 'approved', 'the next refresh asks again');
    assert.deepEqual(healed.readErrors, {});
  });

  it('keeps the checks of the one commit whose read timed out', async () => {
    const good = await reader.read(input);
    github.fail('checkRuns', timedOut(), MAIN);
    for (const sha of [DEVELOP, MAIN]) {
      github.runs.set(sha, [{ name: 'build', state: 'success' }]);
    }
    const failed = await reader.read(input);
    assert.deepEqual(failed.checksBySha.get(MAIN), good.checksBySha.get(MAIN), 'the last good checks of main');
    assert.equal(failed.checksBySha.get(DEVELOP)?.state, 'passing', 'develop is fresh');
    assert.deepEqual(failed.readErrors, {
      checkRuns: {
        kind: 'offline',
        message:
          "Could not read check runs: can't reach api.github.com: check your connection; EnvFlow keeps showing the last known state.",
        about: [MAIN],
      },
    });
  });

  it('retries a failed re-read of finished checks on the next refresh, not ten later', async () => {
    github.runs.set(MAIN, [{ name: 'build', state: 'success' }]);
    const slow = new GitHubReader(github.port, () => config, { recheckAfter: 1 });
    await slow.read(input);
    github.fail('checkRuns', timedOut(), MAIN);
    const failed = await slow.read(input);
    assert.deepEqual(failed.readErrors.checkRuns?.about, [MAIN]);
    github.heal();
    github.runs.set(MAIN, [{ name: 'build', state: 'failure' }]);
    const next = await slow.read(input);
    assert.equal(next.checksBySha.get(MAIN)?.state, 'failing');
  });

  it("keeps one environment's deployments when listing them fails, and reads the other", async () => {
    const good = await reader.read(input);
    github.fail(
      'deployments',
      new GitHubError('server', 'GitHub is having trouble (HTTP 500): try again in a minute.', { status: 500 }),
      'production',
    );
    github.deploymentState = 'failure';
    const failed = await reader.read(input);
    assert.deepEqual(failed.productionHistory, good.productionHistory, 'production keeps its last good history');
    assert.equal(failed.developmentDeployment?.state, 'failure', 'development is fresh');
    assert.deepEqual(failed.readErrors.deployments?.about, ['production']);
  });

  it("keeps a deployment's last status when its statuses cannot be read", async () => {
    const good = await reader.read(input);
    github.fail(
      'deploymentStatuses',
      new GitHubError('malformed', "GitHub sent an answer EnvFlow can't read: try again."),
      '2',
    );
    github.deploymentState = 'success';
    const failed = await reader.read(input);
    assert.deepEqual(failed.productionHistory, good.productionHistory);
    assert.equal(failed.developmentDeployment?.state, 'success');
    assert.deepEqual(failed.readErrors.deploymentStatuses?.about, ['2']);
  });

  it('keeps the pull requests, and the reviews read from them, when listing them fails', async () => {
    const good = await reader.read(input);
    github.fail('pulls', new GitHubError('notFound', 'Not found on GitHub: check the branch.', { status: 404 }));
    github.review = 'approved';
    const failed = await reader.read(input);
    assert.deepEqual(failed.pullRequests, good.pullRequests);
    assert.equal(failed.reviews.get(12), 'reviewRequired');
    assert.deepEqual(Object.keys(failed.readErrors), ['pullRequests']);
    assert.equal(failed.readErrors.pullRequests?.about, undefined, 'the whole read failed');
  });

  it('has no pull requests to show when the very first list fails, rather than "none"', async () => {
    github.fail('pulls', new GitHubError('server', 'GitHub is having trouble (HTTP 502): try again.', { status: 502 }));
    const first = await reader.read(input);
    assert.equal(first.pullRequests, undefined);
    assert.ok(first.readErrors.pullRequests);
  });

  it('keeps the last alerts when they cannot be read', async () => {
    // Alerts are re-read now and then, not every refresh: make this one of those times.
    const eager = new GitHubReader(github.port, () => config, { recheckAfter: 1 });
    const good = await eager.read(input);
    github.fail(
      'alerts',
      new GitHubError('server', 'GitHub is having trouble (HTTP 500): try again.', { status: 500 }),
    );
    github.alerts = { ...good.security, total: 2 } as SecurityAlerts;
    github.pulls = github.pulls.map((p) => ({ ...p, updatedAt: 't2' }));
    const failed = await eager.read(input);
    assert.deepEqual(failed.security, good.security);
    assert.deepEqual(Object.keys(failed.readErrors), ['securityAlerts']);
    github.heal();
    assert.deepEqual((await eager.read(input)).security, github.alerts, 'read again on the next refresh');
  });

  it('fails as a whole when none of the first reads gets through', async () => {
    await reader.read(input);
    const down = timedOut();
    for (const route of ['pulls', 'deployments'] as const) {
      github.fail(route, down);
    }
    await assert.rejects(reader.read(input), (error) => error === down);
  });

  for (const [what, error] of [
    ['a rejected token', new GitHubError('unauthorized', 'GitHub rejected the token: sign in again.', { status: 401 })],
    [
      'a used-up rate limit',
      new GitHubError('rateLimited', "GitHub's rate limit is used up; EnvFlow resumes at 12:00.", { status: 403 }),
    ],
  ] as const) {
    it(`fails as a whole on ${what}, whichever read met it`, async () => {
      await reader.read(input);
      github.pulls = github.pulls.map((p) => ({ ...p, updatedAt: 't3' }));
      github.fail('reviews', error);
      await assert.rejects(reader.read(input), (thrown) => thrown === error);
    });
  }

  it('asks nothing more once a first read meets a rejected token', async () => {
    const rejected = new GitHubError('unauthorized', 'GitHub rejected the token: sign in again.', { status: 401 });
    github.fail('deployments', rejected, 'production');
    await assert.rejects(reader.read(input), (thrown) => thrown === rejected);
    assert.deepEqual([...github.asked].sort(), ['deployments', 'deployments', 'pulls']);
  });

  it('names every read it makes', async () => {
    const reads: GitHubRead[] = [];
    const routes: Record<Route, GitHubRead> = {
      pulls: 'pullRequests',
      reviews: 'reviews',
      checkRuns: 'checkRuns',
      commitStatuses: 'commitStatuses',
      deployments: 'deployments',
      deploymentStatuses: 'deploymentStatuses',
      alerts: 'securityAlerts',
      rules: 'liveRules',
    };
    for (const [route, read] of Object.entries(routes) as [Route, GitHubRead][]) {
      const fresh = new ScriptedGitHub();
      fresh.fail(route, new GitHubError('server', 'GitHub is having trouble (HTTP 500): try again.', { status: 500 }));
      const parts = await new GitHubReader(fresh.port, () => config).read(input);
      reads.push(...(Object.keys(parts.readErrors) as GitHubRead[]));
      assert.deepEqual(Object.keys(parts.readErrors), [read], `a failure of ${route} is reported as ${read} alone`);
    }
    assert.equal(reads.length, 8);
  });
});
