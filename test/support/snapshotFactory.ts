/**
 * Builds RepositorySnapshots for pure tests: a complete, healthy snapshot
 * (feature branch, tests passed, everything green) with any part overridden.
 */
import type {
  CheckSummary,
  DeploymentInfo,
  DeploymentState,
  DevelopmentPart,
  LocalPart,
  ProductionPart,
  PullRequestInfo,
  RepositorySnapshot,
} from '../../src/core/model/snapshot';

/** Every state a snapshot's deployment can be in, in GitHub's lifecycle order. */
export const deploymentStates: readonly DeploymentState[] = [
  'queued',
  'pending',
  'in_progress',
  'success',
  'failure',
  'error',
  'inactive',
  'none',
];

export const T0 = Date.parse('2026-11-28T12:00:00Z');
export const iso = (minutesAgo: number): string => new Date(T0 - minutesAgo * 60_000).toISOString();

export const SHA = {
  head: '1111111111111111111111111111111111111111',
  develop: '2222222222222222222222222222222222222222',
  main: '3333333333333333333333333333333333333333',
  previous: '4444444444444444444444444444444444444444',
};

export function checks(state: CheckSummary['state'], failing: string[] = []): CheckSummary {
  const items: CheckSummary['items'] = [
    { name: 'build', state: state === 'pending' ? 'pending' : 'success' },
    ...failing.map((name) => ({ name, state: 'failure' as const })),
  ];
  return {
    state,
    total: state === 'none' ? 0 : items.length,
    passed: state === 'none' ? 0 : items.filter((i) => i.state === 'success').length,
    failed: failing.length,
    pending: state === 'pending' ? 1 : 0,
    failing,
    items: state === 'none' ? [] : items,
  };
}

export function deployment(overrides: Partial<DeploymentInfo> = {}): DeploymentInfo {
  return {
    id: 7,
    sha: SHA.main,
    ref: 'main',
    environment: 'production',
    state: 'success',
    description: 'Deployed 100%',
    environmentUrl: 'https://app.example.com',
    logUrl: 'https://github.com/acme/shop/actions/runs/7',
    createdAt: iso(30),
    updatedAt: iso(25),
    creator: 'ada',
    ...overrides,
  };
}

export function pullRequest(overrides: Partial<PullRequestInfo> = {}): PullRequestInfo {
  return {
    number: 12,
    title: 'Add login',
    url: 'https://github.com/acme/shop/pull/12',
    headRef: 'feature/login',
    headSha: SHA.head,
    baseRef: 'develop',
    draft: false,
    author: 'ada',
    checks: checks('passing'),
    review: 'approved',
    ...overrides,
  };
}

export interface SnapshotOverrides {
  readonly local?: Partial<LocalPart>;
  readonly development?: Partial<DevelopmentPart>;
  readonly production?: Partial<ProductionPart>;
  readonly rest?: Partial<Omit<RepositorySnapshot, 'local' | 'development' | 'production'>>;
}

export function snapshot(o: SnapshotOverrides = {}): RepositorySnapshot {
  return {
    root: '/work/shop',
    takenAt: new Date(T0).toISOString(),
    github: { host: 'github.com', owner: 'acme', repo: 'shop', webUrl: 'https://github.com/acme/shop' },
    connection: { state: 'ok' },
    stale: false,
    readErrors: {},
    ...o.rest,
    local: {
      branch: 'feature/login',
      detached: false,
      headSha: SHA.head,
      upstream: 'origin/feature/login',
      aheadOfUpstream: 0,
      behindUpstream: 0,
      aheadOfDevelop: 2,
      behindDevelop: 0,
      changes: { staged: 0, unstaged: 0, untracked: 0, conflicted: 0 },
      checks: checks('passing'),
      tests: {
        state: 'passed',
        record: {
          outcome: 'passed',
          commit: SHA.head,
          treeFingerprint: 'f1',
          command: 'npm test',
          passed: 42,
          failed: 0,
          durationMs: 5300,
          finishedAt: iso(5),
        },
      },
      pullRequest: null,
      ...o.local,
    },
    development: {
      branch: 'develop',
      exists: true,
      head: { sha: SHA.develop, subject: 'Merge pull request #11', author: 'bob', date: iso(60) },
      checks: checks('passing'),
      deployment: deployment({
        id: 5,
        sha: SHA.develop,
        ref: 'develop',
        environment: 'development',
        environmentUrl: 'https://dev.example.com',
      }),
      pullRequests: [],
      awaitingPromotion: {
        count: 1,
        commits: [{ sha: SHA.develop, subject: 'Merge pull request #11', author: 'bob', date: iso(60) }],
      },
      ...o.development,
    },
    production: {
      branch: 'main',
      exists: true,
      head: { sha: SHA.main, subject: 'Release 1.4', author: 'bob', date: iso(600) },
      checks: checks('passing'),
      deployment: deployment(),
      history: [deployment(), deployment({ id: 6, sha: SHA.previous, createdAt: iso(2000), updatedAt: iso(1990) })],
      backup: { tag: 'backup/production-20261128T100000Z', sha: SHA.main, createdAt: iso(120) },
      rollbackTarget: { sha: SHA.previous, source: 'deployment', deploymentId: 6, createdAt: iso(2000) },
      security: {
        available: true,
        total: 0,
        bySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
        url: 'https://github.com/acme/shop/security/dependabot',
      },
      ...o.production,
    },
  };
}
