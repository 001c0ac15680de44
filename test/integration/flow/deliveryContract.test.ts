/**
 * EnvFlow reads the deployment workflow's contract (docs/delivery.md) from real GitHub
 * API answers: the payload's kind, backup and replaced deployment, and the stage in each
 * `in_progress` description. A rollout in progress, a failed stage and the workflow's
 * automatic rollback are posted exactly as the workflow posts them; the real model
 * reads them and the tree, status bar and alerts say what a user must see.
 */
import * as assert from 'node:assert/strict';
import { diff } from '../../../src/core/flow/diff';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositorySnapshot } from '../../../src/core/model/snapshot';
import { listRollbackTargets } from '../../../src/core/release/rollbackPlan';
import { Presenter } from '../../../src/core/usecases/presenter';
import { noticeFor } from '../../../src/ui/notices';
import { productionItem } from '../../../src/ui/statusbar/presentation';
import { buildSections, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { fixtureClient, githubModel } from '../../support/githubModel';
import { openCounted } from '../../support/openRepository';

const TAG_BEFORE_GOOD = 'backup/production-20261128T090000Z';
const TAG_BEFORE_BAD = 'backup/production-20261128T100000Z';

describe('the delivery contract as EnvFlow reads it (git + GitHub API server)', function () {
  this.timeout(60_000);
  let fx: GitHubFixture;
  let model: RepositoryModel;
  let good: string;
  let bad: string;
  let goodDeployment: number;

  const payload = (kind: string, tag: string, data: string | null, replaces: number | null = null) => ({
    envflow: 1,
    kind,
    backup: { tag, data },
    replaces,
  });
  const labels = (nodes: readonly TreeNodeData[]): string[] =>
    nodes.flatMap((n) => [n.label, ...labels(n.children ?? [])]);
  const production = (s: RepositorySnapshot) => buildSections(s, Date.now(), '').find((n) => n.label === 'Production')!;

  before(async () => {
    fx = await createGitHubFixture({ name: 'delivery-contract' });
    const { repo, server } = fx;
    good = await repo.git('rev-parse', 'main');
    await repo.git('switch', '--quiet', 'main');
    bad = await repo.commit('Release 2', { 'release.txt': '2\n' });
    await repo.git('push', '--quiet', 'origin', 'main');
    await repo.git('switch', '--quiet', 'develop');
    goodDeployment = server.addDeployment({
      ref: 'main',
      sha: good,
      environment: 'production',
      payload: payload('rollout', TAG_BEFORE_GOOD, 'snap-0900'),
    });
    server.addDeploymentStatus(goodDeployment, { state: 'success', description: 'Live' });
    const config: FlowConfig = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
    const counted = await openCounted(repo.root);
    model = githubModel(fx, {
      git: counted.repo,
      config: () => config,
    });
  });

  after(() => fx.dispose());

  it('shows "Rolling out · 50 %" in the tree and the status bar while a stage runs, and the live commit beside it', async () => {
    const first = (await model.refresh('full')).snapshot;
    const rollout = fx.server.addDeployment({
      ref: 'main',
      sha: bad,
      environment: 'production',
      payload: payload('rollout', TAG_BEFORE_BAD, 'snap-1000'),
    });
    fx.server.addDeploymentStatus(rollout, { state: 'in_progress', description: 'Backing up' });
    let { snapshot } = await model.refresh('full');
    assert.deepEqual(snapshot.production.deployment?.stage, { step: 'backingUp' });
    assert.ok(labels([production(snapshot)]).includes('Backing up'));

    fx.server.addDeploymentStatus(rollout, { state: 'in_progress', description: 'Rolling out · 10 %' });
    fx.server.addDeploymentStatus(rollout, { state: 'in_progress', description: 'Rolling out · 50 %' });
    ({ snapshot } = await model.refresh('full'));
    assert.deepEqual(snapshot.production.deployment?.stage, { step: 'rollingOut', percent: 50 });
    assert.equal(snapshot.production.deployment?.kind, 'rollout');
    assert.deepEqual(snapshot.production.deployment?.backup, { tag: TAG_BEFORE_BAD, data: 'snap-1000' });
    assert.equal(productionItem(snapshot, Date.now())?.text, '$(sync~spin) prod Rolling out · 50 %');
    const rows = labels([production(snapshot)]);
    assert.ok(rows.includes('Rolling out · 50 %'), rows.join(' | '));
    assert.ok(rows.includes(`Live ${good.slice(0, 7)}`), 'the commit that still runs is shown as live');
    assert.equal(snapshot.production.live?.sha, good);
    assert.deepEqual(
      { tag: snapshot.production.lastBackup?.tag, data: snapshot.production.lastBackup?.data },
      { tag: TAG_BEFORE_BAD, data: 'snap-1000' },
      'the last backup of code and data is the newest deployment’s',
    );
    assert.deepEqual(diff(first, snapshot), [], 'a running stage is no news');
  });

  it('after a failed stage and the automatic rollback: the live commit, the failed one, one alert, and no failed target', async () => {
    const before = (await model.refresh('full')).snapshot;
    const failed = before.production.deployment!.id;
    fx.server.addDeploymentStatus(failed, { state: 'failure', description: 'Health check failed at 50 %' });
    const afterFailure = (await model.refresh('full')).snapshot;
    assert.deepEqual(
      diff(before, afterFailure).map((t) => t.kind),
      ['productionDeploymentFailed'],
    );

    const recovery = fx.server.addDeployment({
      ref: 'main',
      sha: good,
      environment: 'production',
      payload: payload('automatic-rollback', TAG_BEFORE_BAD, 'snap-1000', failed),
    });
    fx.server.addDeploymentStatus(recovery, { state: 'in_progress', description: 'Rolling out · 100 %' });
    const rolling = (await model.refresh('full')).snapshot;
    assert.deepEqual(diff(afterFailure, rolling), [], 'nothing to say until it has succeeded');
    fx.server.addDeploymentStatus(recovery, {
      state: 'success',
      description: `Rolled back automatically from ${bad.slice(0, 7)}`,
    });
    const recovered = (await model.refresh('full')).snapshot;

    const rollback = recovered.production.automaticRollback;
    assert.deepEqual(
      { live: rollback?.deployment.sha, id: rollback?.failedDeploymentId, failed: rollback?.failedSha },
      { live: good, id: failed, failed: bad },
    );
    assert.equal(
      recovered.production.history.find((d) => d.id === failed)?.state,
      'failure',
      'the failed deployment keeps failure',
    );
    assert.equal(recovered.production.live?.sha, good);

    const transitions = diff(rolling, recovered);
    assert.deepEqual(
      transitions.map((t) => t.kind),
      ['automaticRollback'],
      'one alert, not also "deployment finished"',
    );
    assert.match(
      noticeFor(transitions[0]!, 'shop', new Presenter(defaultFlowConfig)).message,
      new RegExp(
        `rolled back automatically: the deployment of ${bad.slice(0, 7)} failed and ${good.slice(0, 7)} is live again`,
      ),
    );
    assert.deepEqual(diff(recovered, (await model.refresh('full')).snapshot), [], 'and only once');

    const rows = labels([production(recovered)]);
    assert.ok(rows.includes(`Rolled back automatically from ${bad.slice(0, 7)}`), rows.join(' | '));
    assert.ok(rows.includes(`Live ${good.slice(0, 7)}`) && rows.includes(`Failed ${bad.slice(0, 7)}`));
    assert.equal(productionItem(recovered, Date.now())?.background, undefined, 'production is no longer failing');

    // A teammate's backup tag of the failed commit does not make it a target either.
    const targets = listRollbackTargets(
      recovered.production.history,
      [{ tag: 'backup/production-20261128T110000Z', sha: bad, createdAt: new Date().toISOString() }],
      good,
      new Date(),
    );
    assert.ok(
      targets.every((t) => t.sha !== bad),
      'the failed commit is never offered',
    );
    assert.notEqual(recovered.production.rollbackTarget?.sha, bad);
  });

  it('offers the data backup taken while the target ran, and ignores payloads it did not write', async () => {
    const history = (await model.refresh('full')).snapshot.production.history;
    const targets = listRollbackTargets(
      history,
      [{ tag: TAG_BEFORE_GOOD, sha: good, createdAt: '2026-11-28T09:00:00Z' }],
      bad,
      new Date(),
    );
    const target = targets.find((t) => t.sha === good);
    assert.equal(target?.dataBackup, 'snap-0900', 'the data backup recorded with the target’s code backup');

    const foreign = fx.server.addDeployment({
      ref: 'main',
      sha: good,
      environment: 'staging',
      payload: { kind: 'rollback', envflow: 2 },
    });
    fx.server.addDeploymentStatus(foreign, { state: 'success' });
    const [raw] = (await fixtureClient(fx).listDeployments('staging', 1)).data;
    assert.equal(raw?.payload, undefined);
  });
});
