/**
 * The sandbox runs the production workflow Set Up writes: Roll Back's dispatch is played
 * by the pipeline runner on the sandbox's GitHub server, not by a scripted stand-in. A
 * vetted target is backed up, rolled out through the contract's stages and recorded
 * as EnvFlow reads it; a commit whose deployment failed is refused before any
 * environment is used.
 */
import * as assert from 'node:assert/strict';
import { redeploy } from '../../../src/core/release/rollback';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { dispatchRunName } from '../../../src/core/model/dispatchRunName';
import { createSandbox, type Sandbox } from '../../../tools/sandbox/sandbox';
import { fixtureClient } from '../../support/githubModel';
import { waitUntil } from '../../support/waitUntil';

describe('the sandbox plays Roll Back with the generated deploy.yml', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await createSandbox({ production: 'failure' });
  });
  after(() => sandbox.dispose());

  /** Dispatches like Roll Back and waits for the run it started to finish. */
  async function rollBackTo(sha: string) {
    const fx = sandbox.fx!;
    const result = await redeploy(fixtureClient(fx), defaultFlowConfig, { sha, source: 'deployment' });
    assert.equal(result.dispatched, true);
    return finished(sha);
  }

  /** The newest run, once it finished, titled for `target`. */
  async function finished(target: string) {
    const fx = sandbox.fx!;
    const run = fx.server.state.workflowRuns.at(-1)!;
    assert.equal(run.displayTitle, dispatchRunName({ target, reason: 'rollback' }));
    await waitUntil('the dispatched run completed', () => run.status === 'completed', 60_000);
    return run;
  }

  const envflowRecords = () =>
    sandbox.fx!.server.state.deployments.filter(
      (d) => typeof d.payload === 'object' && (d.payload as { envflow?: number }).envflow === 1,
    );

  it('rolls back to the last good release: backup, 10 → 50 → 100 %, Live', async () => {
    const fx = sandbox.fx!;
    const story = sandbox.story!;
    const run = await rollBackTo(story.sha.previousRelease);
    assert.equal(run.conclusion, 'success');
    const record = envflowRecords().at(-1)!;
    assert.equal(record.sha, story.sha.previousRelease);
    assert.equal(record.environment, 'production');
    const payload = record.payload as { kind: string; backup: { tag: string | null }; replaces: number | null };
    assert.equal(payload.kind, 'rollback');
    assert.equal(payload.replaces, story.previousDeployment, 'it replaces what was live');
    assert.match(payload.backup.tag ?? '', /^backup\/production-\d{8}T\d{6}Z$/);
    assert.deepEqual(
      fx.server.state.statusesOf(record.id).map((s) => `${s.state} ${s.description}`),
      [
        'in_progress Backing up',
        'in_progress Rolling out · 10 %',
        'in_progress Rolling out · 50 %',
        'in_progress Rolling out · 100 %',
        'success Live',
      ],
    );
    const tag = await sandbox.repo.git('--git-dir', sandbox.repo.origin, 'rev-parse', `${payload.backup.tag}^{commit}`);
    assert.equal(tag, story.sha.previousRelease, 'the backup tag names what ran before');
  });

  it('a health check failing at 50 % makes the workflow roll back by itself, recorded as a new deployment', async () => {
    const fx = sandbox.fx!;
    const story = sandbox.story!;
    story.runner.unhealthyAt = 50;
    try {
      // Straight to the workflow: Roll Back itself would follow the rollback the first test made.
      const inputs = { target: story.sha.previousRelease, reason: 'rollback' };
      await fixtureClient(fx).dispatchWorkflow('deploy.yml', 'main', inputs);
      const run = await finished(story.sha.previousRelease);
      assert.equal(run.conclusion, 'failure', 'the run failed: its rollout did');
    } finally {
      story.runner.unhealthyAt = undefined;
    }
    const [failed, automatic] = envflowRecords().slice(-2);
    assert.deepEqual(
      fx.server.state.statusesOf(failed.id).map((s) => `${s.state} ${s.description}`),
      [
        'in_progress Backing up',
        'in_progress Rolling out · 10 %',
        'in_progress Rolling out · 50 %',
        'failure Health check failed at 50 %',
      ],
    );
    const payload = automatic.payload as { kind: string; replaces: number };
    assert.deepEqual([payload.kind, payload.replaces], ['automatic-rollback', failed.id]);
    assert.deepEqual(
      fx.server.state.statusesOf(automatic.id).map((s) => `${s.state} ${s.description}`),
      ['in_progress Rolling out · 100 %', `success Rolled back automatically from ${failed.sha.slice(0, 7)}`],
    );
  });

  it('refuses the release whose rollout failed, before any environment is used', async () => {
    const story = sandbox.story!;
    const before = sandbox.fx!.server.state.deployments.length;
    const run = await rollBackTo(story.sha.release);
    assert.equal(run.conclusion, 'failure');
    assert.equal(sandbox.fx!.server.state.deployments.length, before, 'no deployment, not even GitHub’s job record');
  });
});
