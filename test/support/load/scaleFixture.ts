/**
 * A repository and GitHub at scale for the load test and the scale bench: the fixture
 * repository (develop ahead of main, the user on `feature/login` with its pull request
 * among the oldest), `pulls` open pull requests and `deployments` production
 * deployments seeded on the GitHub API server, and the real RepositoryModel on top,
 * its git processes logged by the git wrapper (ENVFLOW_GIT_LOG) so git itself counts them.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { openRepository } from '../../../src/core/git/repository';
import { layerEnv } from '../openRepository';
import { createGitHubFixture, type GitHubFixture } from '../githubFixture';
import { githubModel } from '../githubModel';
import type { GitHubServerOptions } from '../../../tools/githubServer';
import { createGitWrapper } from '../launch/gitWrapper';

export interface ScaleFixtureOptions extends Pick<
  GitHubServerOptions,
  'conditionalRequests' | 'now' | 'secondaryRateLimit'
> {
  /** Open pull requests, the user's own included (at least 1). */
  readonly pulls: number;
  /** Deployments: one to development, the rest to production (at least 2). */
  readonly deployments: number;
  /** A deployment waiting for the user's approval, and open code and secret scanning alerts. */
  readonly waitingAndScanning?: boolean;
}

export interface ScaleFixture {
  readonly fx: GitHubFixture;
  readonly model: RepositoryModel;
  readonly config: FlowConfig;
  /** Git processes EnvFlow started so far, from the wrapper's log. */
  gitProcesses(): Promise<number>;
  dispose(): Promise<void>;
}

export async function createScaleFixture(options: ScaleFixtureOptions): Promise<ScaleFixture> {
  const fx = await createGitHubFixture({
    name: 'scale',
    developAhead: 2,
    conditionalRequests: options.conditionalRequests,
    now: options.now,
    secondaryRateLimit: options.secondaryRateLimit,
  });
  const { repo, server } = fx;
  const develop = await repo.git('rev-parse', 'develop');
  const main = await repo.git('rev-parse', 'main');
  await repo.git('switch', '--quiet', '--create', 'feature/login', 'develop');
  const feature = await repo.commit('Add login', { 'login.txt': 'login\n' });
  await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/login');
  await repo.git('fetch', '--quiet', 'origin');

  server.addCheckRun(develop, { name: 'build', status: 'completed', conclusion: 'success' });
  server.addCheckRun(main, { name: 'build', status: 'completed', conclusion: 'success' });
  server.addCheckRun(feature, { name: 'build', status: 'completed', conclusion: 'success' });
  server.addDependabotAlert({ severity: 'high', package: 'lodash', summary: 'Prototype pollution' });
  // The user's pull request first, so with many others it sits beyond the first page.
  server.openPullRequest({ head: 'feature/login', base: 'develop', title: 'Add login' });
  server.seedPullRequests({
    count: options.pulls - 1,
    base: 'develop',
    baseSha: develop,
    headPrefix: 'feature/change',
    headSha: feature,
  });
  server.seedDeployments({ count: 1, environment: 'development', ref: 'develop', sha: develop, state: 'success' });
  server.seedDeployments({
    count: options.deployments - 1,
    environment: 'production',
    ref: 'main',
    sha: main,
    state: 'success',
  });
  if (options.waitingAndScanning) {
    const runId = server.addWorkflowRun({ name: 'Deploy production', branch: 'main', status: 'in_progress' });
    server.addPendingDeployment({
      runId,
      environment: 'production',
      reviewers: [{ type: 'User', name: 'ada-developer' }],
    });
    server.addCodeScanningAlert({ severity: 'high', ruleId: 'js/sql-injection' });
    server.addCodeScanningAlert({ severity: 'medium', ruleId: 'js/xss' });
    server.addSecretScanningAlert({ displayName: 'GitHub Personal Access Token' });
  }

  const wrapper = createGitWrapper();
  const git = await openRepository(repo.root, {
    gitPath: `${wrapper.binDir}/git`,
    env: { ...layerEnv, ENVFLOW_GIT_LOG: wrapper.log },
  });
  if (!git) {
    throw new Error(`${repo.root} is not a repository`);
  }
  const config: FlowConfig = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
  const model = githubModel(fx, {
    git,
    config: () => config,
    now: options.now,
  });
  return {
    fx,
    model,
    config,
    gitProcesses: async () => (await readFile(wrapper.log, 'utf8')).split('\n').filter((line) => line !== '').length,
    dispose: async () => {
      await fx.dispose();
      await rm(dirname(wrapper.log), { recursive: true, force: true });
    },
  };
}
