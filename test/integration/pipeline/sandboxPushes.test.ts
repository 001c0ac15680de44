/**
 * `npm start`'s sandbox with its workflows on push: the story's release reaches
 * production by deploy.yml run on its push (a backup, 10 → 50 %, the health check
 * failing at 50 % and the workflow's own automatic rollback), develop reaches
 * development by deploy-development.yml, and a merge into develop deploys again.
 * Nothing of it is scripted; EnvFlow's model reads what the runs recorded.
 */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { createSandbox, type Sandbox } from '../../../tools/sandbox/sandbox';
import { githubModel } from '../../support/githubModel';
import { openCounted } from '../../support/openRepository';

describe('the sandbox runs the generated workflows on push', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let model: RepositoryModel;

  before(async () => {
    sandbox = await createSandbox({ production: 'failure', workflowsOnPush: true });
    const fx = sandbox.fx!;
    const config = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
    model = githubModel(fx, { git: (await openCounted(sandbox.repo.root)).repo, config: () => config });
  });
  after(() => sandbox.dispose());

  const statuses = (id: number) =>
    sandbox.fx!.server.state.statusesOf(id).map((status) => `${status.state} ${status.description}`);
  const envflowRecords = (environment: string) =>
    sandbox.fx!.server.state.deployments.filter(
      (d) => d.environment === environment && (d.payload as { envflow?: number } | undefined)?.envflow === 1,
    );

  it("the release's push runs deploy.yml: it fails at 50 % and the workflow rolls back by itself", async () => {
    const story = sandbox.story!;
    const fx = sandbox.fx!;
    const pushed = story.runner.played.filter((run) => run.event.name === 'push');
    assert.deepEqual(
      pushed.map((run) => `${run.workflow} ${run.event.ref} ${run.event.sha}`),
      [
        `deploy.yml refs/heads/main ${story.sha.release}`,
        `deploy-development.yml refs/heads/develop ${story.sha.develop}`,
      ],
      'a push starts exactly the workflows whose on.push takes its branch; the feature branch starts none',
    );
    const release = fx.server.state.workflowRuns.find((run) => run.id === pushed[0].runId)!;
    assert.deepEqual(
      [release.event, release.displayTitle, release.status, release.conclusion],
      ['push', `Roll out ${story.sha.release}`, 'completed', 'failure'],
    );
    assert.deepEqual(statuses(story.productionDeployment), [
      'in_progress Backing up',
      'in_progress Rolling out · 10 %',
      'in_progress Rolling out · 50 %',
      'failure Health check failed at 50 %',
    ]);
    const automatic = envflowRecords('production').at(-1)!;
    assert.equal(automatic.sha, story.sha.previousRelease, 'the last good release runs again');
    assert.deepEqual(statuses(automatic.id), [
      'in_progress Rolling out · 100 %',
      `success Rolled back automatically from ${story.sha.release.slice(0, 7)}`,
    ]);
    // Each job is a check run on the commit, as GitHub shows them.
    const jobChecks = fx.server.state.checkRuns
      .filter((check) => check.headSha === story.sha.release && ['vet', 'deploy', 'rollback'].includes(check.name))
      .map((check) => `${check.name} ${check.conclusion}`);
    assert.deepEqual(jobChecks.sort(), ['deploy failure', 'rollback success', 'vet success']);

    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.production.deployment?.sha, story.sha.previousRelease);
    assert.equal(snapshot.production.automaticRollback?.failedSha, story.sha.release);
    assert.equal(snapshot.development.deployment?.sha, story.sha.develop, 'develop was deployed by its own workflow');
    assert.equal(snapshot.development.deployment?.state, 'success');
  });

  it('the health check told to fail did so for the first run only: merging into develop deploys it', async () => {
    const story = sandbox.story!;
    const fx = sandbox.fx!;
    assert.equal(story.runner.unhealthyAt, undefined);
    const merged = await fx.server.mergePullRequest(story.featurePullRequest);
    await story.runner.idle();
    const record = envflowRecords('development').at(-1)!;
    assert.equal(record.sha, merged);
    assert.deepEqual(statuses(record.id), ['in_progress Rolling out · 100 %', 'success Live']);
  });
});
