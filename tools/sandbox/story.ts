/**
 * The sandbox story: a repository and a GitHub server in the states a user meets —
 * develop green and deployed to development, a feature PR open, production with a
 * good earlier release, a backup tag, Dependabot, code scanning and secret scanning
 * alerts, a deployment to development waiting for the user's approval, and a production
 * rollout that ends as the story asks (in progress, success, or failure at 50%); on
 * request, the feature PR's unit tests fail in a GitHub Actions run with a log to read.
 * Used by `npm start`, the host tests and the UI screenshots.
 */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitHubFixture } from '../../test/support/githubFixture';
import { waitUntil } from '../../test/support/waitUntil';
import {
  DEPLOY_DEVELOPMENT_WORKFLOW_FILE,
  deployDevelopmentWorkflow,
} from '../../src/core/setup/workflows/deployDevelopment';
import { DEPLOY_WORKFLOW_FILE, deployWorkflow } from '../../src/core/setup/workflows/deployProduction';
import type { WorkflowOptions } from '../../src/core/setup/workflows/options';
import { playActions, SANDBOX_HOOKS, type SandboxRunnerControl } from './actions';

export interface StoryOptions {
  /** How the production rollout of main's head ends. */
  readonly production: 'inProgress' | 'success' | 'failure';
  /** Time between rollout steps; 0 applies them at once. */
  readonly rolloutStepMs?: number;
  /** Leave the user on this branch (default `feature/welcome`). */
  readonly branch?: string;
  /** The feature PR's `unit tests` check fails in a GitHub Actions run whose log says why (default: it passes). */
  readonly failingCheck?: boolean;
  /**
   * Pushes run the workflows Set Up writes, as on GitHub: the release's push to main runs
   * deploy.yml (backup, 10 → 50 → 100 %, and the automatic rollback when `production` is
   * `failure`), develop's push runs deploy-development.yml, and so does every later push
   * or merge. Default: those states are scripted, and only dispatches run deploy.yml.
   */
  readonly workflowsOnPush?: boolean;
}

export interface Story {
  readonly sha: {
    readonly previousRelease: string;
    readonly release: string;
    readonly develop: string;
    readonly feature: string;
  };
  readonly productionDeployment: number;
  readonly previousDeployment: number;
  readonly featurePullRequest: number;
  /** The run whose deployment to development waits for the user's approval. */
  readonly waitingRun: number;
  /** The feature's failed CI run, when the story has one. */
  readonly failedRun?: number;
  /** How the workflows' next runs behave (stage length, a failing health check), and the runs played. */
  readonly runner: SandboxRunnerControl;
}

export const ROLLOUT_FAILURE = 'Health check failed at 50 %';

/** The first line of the feature's CI log that says what failed: the line the log tab opens at. */
export const FAILED_LOG_FIRST_ERROR = '  1 failing';

/** A unit test run as the GitHub Actions runner logs it: timestamps, groups, the failing assertion, the exit. */
const FAILED_TEST_LOG = [
  '##[group]Run npm test',
  'npm test',
  '##[endgroup]',
  '> shop@1.1.0 test',
  '> mocha',
  '  welcome banner',
  '    ✔ shows on the first visit',
  '    1) shows the user name',
  '  1 passing (12ms)',
  FAILED_LOG_FIRST_ERROR,
  '  1) welcome banner shows the user name',
  "     AssertionError: expected 'Welcome!' to equal 'Welcome, Ada!'",
  '      at Context.<anonymous> (test/welcome.test.js:14:12)',
  '##[error]Process completed with exit code 1.',
]
  .map((line, index) => `2026-11-29T09:14:${String(index).padStart(2, '0')}.0000000Z ${line}`)
  .join('\n');

export async function playStory(fx: GitHubFixture, options: StoryOptions): Promise<Story> {
  const { repo, server } = fx;
  const step = options.rolloutStepMs ?? 0;
  const live = options.workflowsOnPush === true;
  if (live && options.production === 'inProgress') {
    throw new Error('A story whose workflows run on push plays its rollout to the end: success or failure.');
  }
  await repo.git('fetch', '--quiet', 'origin');
  await repo.git('switch', '--quiet', 'main');
  await repo.git('merge', '--quiet', '--ff-only', 'origin/main');
  // The deployment workflows Set Up writes: Roll Back dispatches deploy.yml, as on a repository EnvFlow set up.
  const workflowOptions: WorkflowOptions = {
    developBranch: 'develop',
    productionBranch: 'main',
    developmentEnvironment: 'development',
    productionEnvironment: 'production',
  };
  await repo.commit('Add the deployment workflows', {
    [`.github/workflows/${DEPLOY_WORKFLOW_FILE}`]: deployWorkflow(workflowOptions),
    [`.github/workflows/${DEPLOY_DEVELOPMENT_WORKFLOW_FILE}`]: deployDevelopmentWorkflow(workflowOptions),
    ...SANDBOX_HOOKS,
  });
  // Hooks are executables, as Set Up's docs ask of them: on disk too, or the next commit would take the bit back.
  await Promise.all(Object.keys(SANDBOX_HOOKS).map((path) => chmod(join(repo.root, path), 0o755)));
  await repo.git('add', '--', ...Object.keys(SANDBOX_HOOKS));
  await repo.git('commit', '--quiet', '--amend', '--no-edit');
  const previousRelease = await repo.git('rev-parse', 'HEAD');
  await repo.git(
    'tag',
    '--annotate',
    '--message=Backup of production before 1.1',
    'backup/production-20261127T090000Z',
    previousRelease,
  );
  await repo.git('push', '--quiet', 'origin', 'main', 'refs/tags/backup/production-20261127T090000Z');
  // Release 1.0 is live, recorded as the workflows Set Up writes record it (docs/delivery.md).
  const previousDeployment = server.addDeployment({
    ref: previousRelease,
    environment: 'production',
    description: 'Release 1.0',
    payload: contractPayload(null, null),
  });
  server.addDeploymentStatus(previousDeployment, {
    state: 'success',
    environment_url: 'https://shop.example.com',
    description: 'Live',
  });
  // The environments as Set Up leaves them: each deployable only from its own branch (and production's backup tags).
  environmentAsSetUpLeavesIt(fx, 'production', [
    { name: 'main', type: 'branch' },
    { name: 'backup/production-*', type: 'tag' },
  ]);
  environmentAsSetUpLeavesIt(fx, 'development', [{ name: 'develop', type: 'branch' }]);

  const runner = playActions(fx, {
    workflows: live ? [DEPLOY_WORKFLOW_FILE, DEPLOY_DEVELOPMENT_WORKFLOW_FILE] : [DEPLOY_WORKFLOW_FILE],
    pushes: live,
  });
  if (live) {
    runner.stageSeconds = step / 1000;
    runner.unhealthyAt = options.production === 'failure' ? 50 : undefined;
  }
  const release = await repo.commit('Release 1.1: faster checkout', { 'CHANGELOG.md': '## 1.1\n- Faster checkout\n' });
  await repo.git('push', '--quiet', 'origin', 'main');

  await repo.git('switch', '--quiet', 'develop');
  await repo.git('merge', '--quiet', '--ff-only', 'origin/develop');
  await repo.git('merge', '--quiet', '--no-edit', 'main');
  const develop = await repo.commit('Add order history page', { 'orders.txt': 'order history\n' });
  await repo.git('push', '--quiet', 'origin', 'develop');

  await repo.git('switch', '--quiet', '--create', 'feature/welcome');
  const feature = await repo.commit('Add a welcome banner', { 'welcome.txt': 'Welcome!\n' });
  await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/welcome');
  if (options.branch && options.branch !== 'feature/welcome') {
    await repo.git('switch', '--quiet', options.branch);
  }

  for (const sha of [develop, release, feature]) {
    server.addCheckRun(sha, { name: 'build', status: 'completed', conclusion: 'success' });
    if (sha !== feature || !options.failingCheck) {
      server.addCheckRun(sha, { name: 'unit tests', status: 'completed', conclusion: 'success' });
    }
  }
  let failedRun: number | undefined;
  if (options.failingCheck) {
    // The job is also the check run on the commit, linking to it: how a red check leads to its log.
    failedRun = server.addWorkflowRun({
      name: 'CI',
      branch: 'feature/welcome',
      sha: feature,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'failure',
    });
    server.addWorkflowJob(failedRun, {
      name: 'unit tests',
      status: 'completed',
      conclusion: 'failure',
      log: FAILED_TEST_LOG,
    });
  }
  server.addCommitStatus(develop, {
    context: 'envflow/local-tests',
    state: 'success',
    description: '12 passed in 1.2 s',
  });
  const featurePullRequest = server.openPullRequest({
    head: 'feature/welcome',
    base: 'develop',
    title: 'Add a welcome banner',
  });

  if (!live) {
    // What deploy-development.yml records for develop's push.
    const dev = server.addDeployment({
      ref: develop,
      environment: 'development',
      description: 'develop to staging',
      payload: contractPayload(null, null),
    });
    server.addDeploymentStatus(dev, {
      state: 'success',
      environment_url: 'https://dev.shop.example.com',
      description: 'Deployed',
    });
  }

  server.addDependabotAlert({ severity: 'high', package: 'express', summary: 'Open redirect in express' });
  server.addDependabotAlert({ severity: 'medium', package: 'semver', summary: 'Regular expression denial of service' });
  // Code and secret scanning beside Dependabot, as the Production section shows them.
  server.addCodeScanningAlert({
    severity: 'high',
    ruleId: 'js/sql-injection',
    description: 'Database query built from user-controlled sources',
    path: 'src/orders.js',
  });
  server.addCodeScanningAlert({
    severity: 'medium',
    ruleId: 'js/reflected-xss',
    description: 'Reflected cross-site scripting',
    path: 'src/welcome.js',
  });
  server.addSecretScanningAlert({ secretType: 'stripe_api_key', displayName: 'Stripe API Key' });
  // develop's deploy waits for the development environment's required reviewers, the user among them.
  const waitingRun = server.addWorkflowRun({ name: 'Deploy development', branch: 'develop', status: 'in_progress' });
  server.addPendingDeployment({
    runId: waitingRun,
    environment: 'development',
    reviewers: [
      { type: 'User', name: 'ada-developer' },
      { type: 'Team', name: 'release-managers' },
    ],
  });

  const productionDeployment = live
    ? await releaseDeployment(fx, release, runner, step)
    : scriptedRollout(fx, release, previousDeployment, options.production, step);
  await repo.git('fetch', '--quiet', 'origin');
  return {
    sha: { previousRelease, release, develop, feature },
    productionDeployment,
    previousDeployment,
    featurePullRequest,
    waitingRun,
    failedRun,
    runner,
  };
}

/**
 * The release's rollout as deploy.yml records it: at once when stages take no time (the
 * story then starts from its end), else as soon as the run has recorded its deployment;
 * a health check told to fail does so for this first run only.
 */
async function releaseDeployment(
  fx: GitHubFixture,
  release: string,
  runner: SandboxRunnerControl,
  step: number,
): Promise<number> {
  const settled = runner.idle().then(() => {
    runner.unhealthyAt = undefined;
  });
  if (step === 0) {
    await settled;
  }
  const recorded = () =>
    fx.server.state.deployments.find(
      (d) => d.environment === 'production' && d.sha === release && (d.payload as { envflow?: number }).envflow === 1,
    );
  await waitUntil(`deploy.yml recording the production deployment of ${release}`, () => !!recorded(), 60_000, 100);
  return recorded()!.id;
}

/** The release's rollout as the statuses deploy.yml posts, played on a timer (no workflow runs). */
function scriptedRollout(
  fx: GitHubFixture,
  release: string,
  previousDeployment: number,
  production: StoryOptions['production'],
  step: number,
): number {
  const { server } = fx;
  const rollout = [
    { state: 'in_progress' as const, description: 'Backing up' },
    { state: 'in_progress' as const, description: 'Rolling out · 10 %' },
    { state: 'in_progress' as const, description: 'Rolling out · 50 %' },
    ...(production === 'failure' ? [{ state: 'failure' as const, description: ROLLOUT_FAILURE }] : []),
    ...(production === 'success' ? [{ state: 'success' as const, description: 'Live' }] : []),
  ];
  const productionDeployment = server.addDeployment({
    ref: release,
    environment: 'production',
    description: 'Release 1.1',
    payload: contractPayload({ tag: 'backup/production-20261127T090000Z', data: null }, previousDeployment),
  });
  for (const [index, status] of rollout.entries()) {
    const apply = () =>
      server.addDeploymentStatus(productionDeployment, {
        ...status,
        environment_url: 'https://shop.example.com',
        log_url: `${fx.apiUrl}/acme/shop/actions/runs/42`,
      });
    if (step === 0) {
      apply();
    } else {
      setTimeout(apply, step * (index + 1)).unref();
    }
  }
  return productionDeployment;
}

/** The payload the deployment workflows record (docs/delivery.md) for a rollout. */
function contractPayload(
  backup: { readonly tag: string | null; readonly data: string | null } | null,
  replaces: number | null,
): Record<string, unknown> {
  return { envflow: 1, kind: 'rollout', backup, replaces };
}

function environmentAsSetUpLeavesIt(
  fx: GitHubFixture,
  name: string,
  patterns: readonly { readonly name: string; readonly type: 'branch' | 'tag' }[],
): void {
  const { state } = fx.server;
  const environment = state.environmentNamed(name);
  environment.branchPolicy = { protected_branches: false, custom_branch_policies: true };
  environment.patterns.push(...patterns.map((pattern) => ({ id: state.nextId(), ...pattern })));
}
