/**
 * The sandbox story: a repository and a GitHub server in the states a user meets —
 * develop green and deployed to development, a feature PR open, production with a
 * good earlier release, a backup tag, Dependabot, code scanning and secret scanning
 * alerts, a deployment to development waiting for the user's approval, and a production rollout
 * that ends as the story asks (in progress, success, or failure at 50%).
 * Used by `npm start`, the host tests and the UI screenshots.
 */
import type { GitHubFixture } from '../../test/support/githubFixture';
import { DEPLOY_WORKFLOW_FILE, deployWorkflow } from '../../src/core/setup/workflows/deployProduction';

export interface StoryOptions {
  /** How the production rollout of main's head ends. */
  readonly production: 'inProgress' | 'success' | 'failure';
  /** Time between rollout steps; 0 applies them at once. */
  readonly rolloutStepMs?: number;
  /** Leave the user on this branch (default `feature/welcome`). */
  readonly branch?: string;
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
}

export const ROLLOUT_FAILURE = 'Error rate above 5% at 50%: rollout halted';

export async function playStory(fx: GitHubFixture, options: StoryOptions): Promise<Story> {
  const { repo, server } = fx;
  const step = options.rolloutStepMs ?? 0;
  await repo.git('fetch', '--quiet', 'origin');
  await repo.git('switch', '--quiet', 'main');
  await repo.git('merge', '--quiet', '--ff-only', 'origin/main');
  // The production workflow Set Up writes: Roll Back dispatches it, as on a repository EnvFlow set up.
  const workflow = deployWorkflow({
    developBranch: 'develop',
    productionBranch: 'main',
    developmentEnvironment: 'development',
    productionEnvironment: 'production',
  });
  await repo.commit('Add the production workflow', { [`.github/workflows/${DEPLOY_WORKFLOW_FILE}`]: workflow });
  const previousRelease = await repo.git('rev-parse', 'HEAD');
  await repo.git(
    'tag',
    '--annotate',
    '--message=Backup of production before 1.1',
    'backup/production-20261127T090000Z',
    previousRelease,
  );
  const release = await repo.commit('Release 1.1: faster checkout', { 'CHANGELOG.md': '## 1.1\n- Faster checkout\n' });
  await repo.git('push', '--quiet', 'origin', 'main', 'refs/tags/backup/production-20261127T090000Z');

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
    server.addCheckRun(sha, { name: 'unit tests', status: 'completed', conclusion: 'success' });
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

  const dev = server.addDeployment({ ref: develop, environment: 'development', description: 'develop to staging' });
  server.addDeploymentStatus(dev, {
    state: 'success',
    environment_url: 'https://dev.shop.example.com',
    description: 'Deployed',
  });
  const previousDeployment = server.addDeployment({
    ref: previousRelease,
    environment: 'production',
    description: 'Release 1.0',
  });
  server.addDeploymentStatus(previousDeployment, {
    state: 'success',
    environment_url: 'https://shop.example.com',
    description: 'Deployed 100%',
  });

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

  const rollout = [
    { state: 'queued' as const, description: 'Waiting for a runner' },
    { state: 'in_progress' as const, description: 'Rolling out to 10%' },
    { state: 'in_progress' as const, description: 'Rolling out to 50%' },
    ...(options.production === 'failure' ? [{ state: 'failure' as const, description: ROLLOUT_FAILURE }] : []),
    ...(options.production === 'success' ? [{ state: 'success' as const, description: 'Rolled out to 100%' }] : []),
  ];
  const productionDeployment = server.addDeployment({
    ref: release,
    environment: 'production',
    description: 'Release 1.1',
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
  playProductionDispatches(fx);
  await repo.git('fetch', '--quiet', 'origin');
  return {
    sha: { previousRelease, release, develop, feature },
    productionDeployment,
    previousDeployment,
    featurePullRequest,
    waitingRun,
  };
}

/**
 * The sandbox's stand-in for the runner of the production workflow: a dispatch (Roll Back,
 * Redeploy) becomes a deployment of the target with the workflow's payload, and the
 * statuses its stages post (docs/delivery.md). A test may script other statuses first.
 */
function playProductionDispatches(fx: GitHubFixture): void {
  fx.server.scriptDeployments('production', [
    { afterMs: 800, state: 'in_progress', description: 'Backing up' },
    { afterMs: 800, state: 'in_progress', description: 'Rolling out · 10 %' },
    { afterMs: 800, state: 'in_progress', description: 'Rolling out · 50 %' },
    { afterMs: 800, state: 'in_progress', description: 'Rolling out · 100 %' },
    { afterMs: 800, state: 'success', description: 'Live', environment_url: 'https://shop.example.com' },
  ]);
  fx.server.playDispatches((dispatch) => {
    const target = dispatch.inputs.target;
    if (dispatch.workflow !== DEPLOY_WORKFLOW_FILE || !target) {
      return;
    }
    fx.server.addDeployment({
      ref: target,
      environment: 'production',
      description: 'EnvFlow redeploy',
      payload: {
        envflow: 1,
        kind: 'rollback',
        backup: { tag: null, data: dispatch.inputs.data_backup || null },
        replaces: null,
      },
    });
  });
}
