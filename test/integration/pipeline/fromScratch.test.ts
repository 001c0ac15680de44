/**
 * The whole delivery cycle on a repository EnvFlow set up from scratch, driven through
 * EnvFlow's own use cases with GitHub's side played for real: Set Up Repository on a
 * repository with only main; the user fills in the hooks and merges the files into
 * develop; every push and merge then starts the workflows Set Up wrote, as GitHub
 * would (the sandbox's Actions runner), and every Roll Back dispatch runs deploy.yml.
 * Promote passes its gate on develop's own deployment; three releases reach
 * production; the third fails its health check and the workflow rolls back by
 * itself; Roll Back then reverts main to release 1 (its merge deploys it) and
 * redeploys release 2 by dispatch. EnvFlow's model reads every step, and no git process could rewrite history.
 */
import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositorySnapshot } from '../../../src/core/model/snapshot';
import { DEPLOY_DEVELOPMENT_WORKFLOW_FILE } from '../../../src/core/setup/workflows/deployDevelopment';
import { DEPLOY_WORKFLOW_FILE } from '../../../src/core/setup/workflows/deployProduction';
import { CI_CHECK_NAME } from '../../../src/core/setup/workflows/ci';
import { promote } from '../../../src/core/usecases/promote';
import { rollbackProduction } from '../../../src/core/usecases/rollbackProduction';
import { setupRepository } from '../../../src/core/usecases/setupRepository';
import type { Outcome } from '../../../src/core/usecases/outcome';
import { playActions, type SandboxRunnerControl } from '../../../tools/sandbox/actions';
import { createFixtureRepo } from '../../support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { fixtureClient } from '../../support/githubModel';
import { openGuarded, type GuardedRepository } from '../../support/releaseHarness';
import { fixtureServices, type FixtureServices } from '../../support/usecases/fixtureServices';
import { CONTROL_VARIABLE, TEST_HOOKS } from './hooks';

describe('the delivery cycle on a repository EnvFlow set up from scratch', function () {
  this.timeout(240_000);
  const config = defaultFlowConfig;
  let fx: GitHubFixture;
  let guarded: GuardedRepository;
  let actions: SandboxRunnerControl;
  let services: FixtureServices;
  let control: string;
  const sha: Record<string, string> = {};

  before(async () => {
    const repo = await createFixtureRepo({ name: 'from-scratch', withDevelop: false });
    fx = await createGitHubFixture({ repo });
    control = await mkdtemp(join(tmpdir(), 'envflow-from-scratch-control-'));
    guarded = await openGuarded(repo.root);
    actions = playActions(fx, {
      workflows: [DEPLOY_WORKFLOW_FILE, DEPLOY_DEVELOPMENT_WORKFLOW_FILE],
      pushes: true,
      hookEnv: { [CONTROL_VARIABLE]: control },
    });
    services = fixtureServices({
      git: guarded.repo,
      history: guarded.history,
      config,
      client: () => fixtureClient(fx),
      now: () => new Date(),
    });
  });

  after(async () => {
    console.log(`delivery cycle from scratch: ${steps} steps, ${passed} passed`);
    actions?.stop();
    await actions?.idle();
    await fx?.dispose();
    await fx?.repo.dispose();
    await rm(control, { recursive: true, force: true });
  });

  let steps = 0;
  let passed = 0;
  afterEach(function () {
    steps += 1;
    passed += this.currentTest?.state === 'passed' ? 1 : 0;
    if (this.currentTest?.state === 'failed') {
      for (const run of actions.played) {
        console.log(
          `--- ${run.workflow} (${run.event.name} ${run.event.ref}) ${run.error ?? ''}\n${run.record?.log ?? ''}`,
        );
      }
    }
  });

  function expectDone<T>(outcome: Outcome<T>, what: string): T {
    assert.equal(outcome.kind, 'done', `${what}: ${'sentence' in outcome ? outcome.sentence : outcome.kind}`);
    return (outcome as { value: T }).value;
  }

  async function snapshot(): Promise<RepositorySnapshot> {
    await actions.idle();
    await guarded.repo.fetch();
    return (await services.model.refresh('full')).snapshot;
  }

  /** A change reaches develop the way the flow asks: a branch, a pull request, GitHub's merge button. */
  async function mergeIntoDevelop(branch: string, files: Record<string, string>, executable: string[] = []) {
    const { repo } = fx;
    await repo.git('fetch', '--quiet', 'origin');
    await repo.git('switch', '--quiet', '--create', branch, `origin/${config.developBranch}`);
    for (const [path, content] of Object.entries(files)) {
      await repo.write(path, content);
    }
    // Hooks are executables, as Set Up's docs ask of them.
    await Promise.all(executable.map((path) => chmod(join(repo.root, path), 0o755)));
    await repo.git('add', '--all');
    await repo.git('commit', '--quiet', '-m', `Merge-ready: ${branch}`);
    await repo.git('push', '--quiet', 'origin', branch);
    const number = fx.server.openPullRequest({ head: branch, base: config.developBranch, title: branch });
    const merged = await fx.server.mergePullRequest(number);
    // The project's tests pass on develop: CI (ci.yml) runs the project's own test command, not part of delivery.
    fx.server.addCheckRun(merged, { name: CI_CHECK_NAME, status: 'completed', conclusion: 'success' });
    await repo.git('switch', '--quiet', config.productionBranch);
    return merged;
  }

  /** Promote by EnvFlow's use case, then GitHub's merge button on the release pull request. */
  async function promoteAndMerge(): Promise<string> {
    const develop = await snapshot();
    assert.equal(
      develop.development.deployment?.sha,
      develop.development.head?.sha,
      "develop's head is deployed to development",
    );
    assert.equal(develop.development.deployment?.state, 'success');
    const { outcome } = await services.run(promote);
    const pull = expectDone(outcome, 'Promote');
    return fx.server.mergePullRequest(pull.number);
  }

  const productionRecords = () =>
    fx.server.state.deployments.filter(
      (d) => d.environment === config.productionEnvironment && (d.payload as { envflow?: number }).envflow === 1,
    );
  const descriptions = (id: number) =>
    fx.server.state.statusesOf(id).map((status) => `${status.state} ${status.description}`);

  it('Set Up Repository applies every step on a repository with only main', async () => {
    const { outcome } = await services.run(setupRepository(async () => undefined));
    const result = expectDone(outcome, 'Set Up');
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.blocked, []);
    assert.ok(
      fx.server.state.environments.has(config.productionEnvironment) &&
        fx.server.state.environments.has(config.developmentEnvironment),
      'both environments exist on GitHub',
    );
    assert.ok(await fx.repo.git('--git-dir', fx.repo.origin, 'rev-parse', `refs/heads/${config.developBranch}`));
    // The files are the user's to commit; the hooks are theirs to fill in.
    const written = (await fx.repo.git('status', '--porcelain=v1', '--untracked-files=all')).split('\n');
    for (const file of [DEPLOY_WORKFLOW_FILE, DEPLOY_DEVELOPMENT_WORKFLOW_FILE]) {
      assert.ok(
        written.some((line) => line.endsWith(`.github/workflows/${file}`)),
        `${file} written: ${written.join(', ')}`,
      );
    }
    assert.equal(actions.played.length, 0, 'nothing ran yet: no workflow is on GitHub');
  });

  it("the files merged into develop deploy develop to development, and Promote's gate passes", async () => {
    // What Set Up wrote, moved onto a branch from develop, plus the user's hooks.
    const status = await fx.repo.git('status', '--porcelain=v1', '--untracked-files=all');
    const files: Record<string, string> = { ...TEST_HOOKS };
    for (const line of status.split('\n').filter(Boolean)) {
      const path = line.slice(3);
      files[path] = await readFile(join(fx.repo.root, path), 'utf8');
    }
    await fx.repo.git('stash', 'push', '--quiet', '--include-untracked');
    sha.setup = await mergeIntoDevelop('chore/delivery', files, Object.keys(TEST_HOOKS));
    await fx.repo.git('stash', 'drop', '--quiet');
    const state = await snapshot();
    const run = actions.played.at(-1)!;
    assert.equal(run.workflow, DEPLOY_DEVELOPMENT_WORKFLOW_FILE);
    assert.equal(run.record?.jobs.deploy.result, 'success', run.record?.log);
    assert.equal(state.development.deployment?.sha, sha.setup);
    assert.equal(state.development.deployment?.state, 'success');
  });

  it('Promote and the merge roll release 1 out: the push to main runs deploy.yml through 10, 50 and 100 %', async () => {
    sha.release1 = await promoteAndMerge();
    const state = await snapshot();
    assert.equal(state.production.deployment?.sha, sha.release1);
    assert.equal(state.production.deployment?.state, 'success');
    assert.deepEqual(descriptions(productionRecords().at(-1)!.id), [
      'in_progress Backing up',
      'in_progress Rolling out · 10 %',
      'in_progress Rolling out · 50 %',
      'in_progress Rolling out · 100 %',
      'success Live',
    ]);
  });

  it('release 2 goes live the same way, after a backup of release 1', async () => {
    await mergeIntoDevelop('feature/cart', { 'cart.txt': 'cart\n' });
    sha.release2 = await promoteAndMerge();
    const state = await snapshot();
    assert.equal(state.production.deployment?.sha, sha.release2);
    assert.equal(state.production.deployment?.state, 'success');
    const record = productionRecords().at(-1)!;
    const tag = (record.payload as { backup: { tag: string } }).backup.tag;
    assert.equal(
      await fx.repo.git('--git-dir', fx.repo.origin, 'rev-parse', `${tag}^{commit}`),
      sha.release1,
      'the workflow backed up what ran before',
    );
  });

  it('release 3 fails its health check at 50 %, and the workflow rolls back to release 2 by itself', async () => {
    await mergeIntoDevelop('feature/checkout', { 'checkout.txt': 'checkout\n' });
    await writeFile(join(control, 'fail-health-50'), '');
    try {
      sha.release3 = await promoteAndMerge();
      await actions.idle();
    } finally {
      await rm(join(control, 'fail-health-50'));
    }
    const [failed, automatic] = productionRecords().slice(-2);
    assert.equal(failed.sha, sha.release3);
    assert.equal(descriptions(failed.id).at(-1), 'failure Health check failed at 50 %');
    assert.equal(automatic.sha, sha.release2);
    const state = await snapshot();
    assert.equal(state.production.deployment?.sha, sha.release2, 'release 2 is live again');
    assert.equal(state.production.automaticRollback?.failedSha, sha.release3);
  });

  it('Roll Back by revert to release 1 opens a pull request of reverts, and its merge deploys release 1 through deploy.yml', async () => {
    const { outcome } = await services.run(rollbackProduction, { target: sha.release1, method: 'revert' });
    const result = expectDone(outcome, 'Roll Back (revert)') as { pullRequest?: number };
    assert.ok(result.pullRequest, `the revert pull request: ${JSON.stringify(result)}`);
    sha.revert = await fx.server.mergePullRequest(result.pullRequest);
    const state = await snapshot();
    assert.equal(state.production.deployment?.sha, sha.revert);
    assert.equal(state.production.deployment?.state, 'success');
    assert.equal(descriptions(productionRecords().at(-1)!.id).at(-1), 'success Live');
    assert.equal(
      await fx.repo.git('--git-dir', fx.repo.origin, 'rev-parse', `${sha.revert}^{tree}`),
      await fx.repo.git('--git-dir', fx.repo.origin, 'rev-parse', `${sha.release1}^{tree}`),
      'main holds exactly release 1 again',
    );
  });

  it('Roll Back by redeploy dispatches deploy.yml, which deploys release 2 again, recorded as a rollback', async () => {
    const { outcome } = await services.run(rollbackProduction, { target: sha.release2, method: 'redeploy' });
    expectDone(outcome, 'Roll Back (redeploy)');
    const state = await snapshot();
    assert.equal(state.production.deployment?.sha, sha.release2);
    assert.equal(state.production.deployment?.state, 'success');
    const record = productionRecords().at(-1)!;
    assert.equal((record.payload as { kind: string }).kind, 'rollback');
    assert.equal(descriptions(record.id).at(-1), 'success Live');
    assert.equal(
      actions.played.filter((run) => run.event.name === 'workflow_dispatch').length,
      1,
      'one dispatch, played once',
    );
    guarded.assertNothingForced();
  });
});
