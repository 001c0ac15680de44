import * as assert from 'node:assert/strict';
import { planRollback, previewRevert, redeploy, revertToTarget } from '../../../src/core/release/rollback';
import type { RollbackCandidate } from '../../../src/core/release/rollbackPlan';
import type { FixtureRepo } from '../../support/gitFixtures';
import { DISPATCHABLE_WORKFLOW } from '../../support/dispatchableWorkflow';
import { deployWorkflow } from '../../../src/core/setup/workflows/deployProduction';
import { dispatchRunName } from '../../../src/core/model/dispatchRunName';
import {
  commitAndPush,
  config,
  origin,
  unresolvedHistory,
  useReleaseFixture,
  type GuardedRepository,
  type Hub,
} from '../../support/releaseHarness';

describe('rollback of production (real repositories, GitHub API server)', () => {
  let fixture: FixtureRepo;
  let guarded: GuardedRepository;
  let hub: Hub;
  /** The production commit everything rolls back to. */
  let good: string;

  const candidate = (sha: string): RollbackCandidate => ({
    sha,
    source: 'deployment',
    deploymentId: 1,
    createdAt: '2026-11-27T10:00:00.000Z',
    ageMs: 0,
  });
  const rollbackBranches = async () =>
    (await origin(fixture, 'branch', '--list', 'rollback/*'))
      .split('\n')
      .map((b) => b.trim())
      .filter(Boolean);
  const tree = (ref: string) => origin(fixture, 'rev-parse', `${ref}^{tree}`);
  const revert = (target: string) =>
    revertToTarget({
      git: guarded.repo,
      history: guarded.history,
      client: hub.client,
      config,
      target: candidate(target),
    });

  /** A production deployment of `sha` that ended in `state`. */
  function deployed(sha: string, state: 'success' | 'failure'): number {
    const id = hub.server.addDeployment({ ref: 'main', sha, environment: 'production' });
    hub.server.addDeploymentStatus(id, { state });
    return id;
  }

  useReleaseFixture({ name: 'rollback' }, async (ready) => {
    fixture = ready.fixture;
    guarded = ready.guarded;
    hub = ready.hub!;
    good = await fixture.git('rev-parse', 'main');
  });

  it('lists earlier successful deployments and backups, and a redeploy starts the production workflow once for the target', async () => {
    good = await commitAndPush(fixture, 'main', 'Add the production workflow', {
      '.github/workflows/deploy.yml': DISPATCHABLE_WORKFLOW,
    });
    const goodDeployment = deployed(good, 'success');
    const broken = await commitAndPush(fixture, 'main', 'Break checkout', { 'checkout.txt': 'broken\n' });
    deployed(broken, 'failure');
    const failedCandidate = await commitAndPush(fixture, 'main', 'Try again', { 'checkout.txt': 'still broken\n' });
    deployed(failedCandidate, 'failure');
    await origin(fixture, 'tag', '--annotate', '--message=backup', 'backup/production-20261127T090000Z', broken);

    const plan = await planRollback({
      git: guarded.repo,
      client: hub.client,
      config,
      history: await unresolvedHistory(hub.client),
      currentSha: failedCandidate,
    });

    assert.equal(plan.current, failedCandidate);
    assert.deepEqual(
      plan.targets.map((t) => [t.source, t.sha, t.deploymentId ?? t.tag]),
      [
        ['deployment', good, goodDeployment],
        ['backup', broken, 'backup/production-20261127T090000Z'],
      ],
      'failed deployments are no target; the backup came with the fetch',
    );

    const before = hub.server.state.deployments.length;
    hub.server.resetRequests();
    const result = await redeploy(hub.client, config, plan.targets[0]!);

    assert.equal(hub.server.state.deployments.length, before, 'the workflow records the deployment, not EnvFlow');
    assert.equal(hub.server.requests.filter((r) => r.method === 'POST').length, 1);
    assert.deepEqual(result, {
      dispatched: true,
      inputs: { target: good, reason: 'rollback' },
      runUrl: `https://github.com/octo/service/actions/runs/${result.dispatched ? result.runUrl?.split('/').at(-1) : ''}`,
    });
    assert.deepEqual(
      hub.server.state.workflowDispatches.map((d) => [d.workflow, d.ref, d.inputs]),
      [['deploy.yml', 'refs/heads/main', { target: good, reason: 'rollback' }]],
    );
    assert.equal(await origin(fixture, 'rev-parse', 'main'), failedCandidate, 'a redeploy changes no branch');
  });

  it('a retried redeploy whose first answer was lost finds the run it started (by its run-name) instead of dispatching twice', async () => {
    await commitAndPush(fixture, 'main', 'The production workflow Set Up writes', {
      '.github/workflows/deploy.yml': deployWorkflow(config),
    });
    const target = { sha: good, source: 'deployment' as const };
    hub.server.state.workflowDispatches.length = 0;
    hub.server.faults.inject({ kind: 'dropAfterWrite', match: { method: 'POST', path: /\/dispatches$/ } });
    await assert.rejects(redeploy(hub.client, config, target), 'the answer to the first dispatch is lost');
    assert.equal(hub.server.state.workflowDispatches.length, 1, 'yet GitHub started the run');
    const [started] = hub.server.state.workflowRuns.filter((r) => r.event === 'workflow_dispatch').slice(-1);
    assert.equal(started.displayTitle, dispatchRunName({ target: good, reason: 'rollback' }));

    const retry = await redeploy(hub.client, config, target);
    assert.ok(!retry.dispatched && 'run' in retry, JSON.stringify(retry));
    assert.equal(retry.run.id, started.id);
    assert.equal(hub.server.state.workflowDispatches.length, 1, 'the retry dispatched nothing');

    // A run that ended without deploying (the vet job refused, say) is no reason to stop a new attempt.
    started.status = 'completed';
    started.conclusion = 'failure';
    const again = await redeploy(hub.client, config, target);
    assert.equal(again.dispatched, true);
    assert.equal(hub.server.state.workflowDispatches.length, 2);
  });

  it('reverts normal commits on a new branch whose files equal the target, leaving main alone, and opens a pull request', async () => {
    await commitAndPush(fixture, 'main', 'Change the README', { 'README.md': '# Changed\n' });
    const head = await commitAndPush(fixture, 'main', 'Add a feature file', { 'feature.txt': 'new\n' });
    await fixture.git('switch', '--quiet', 'develop');

    const result = await revert(good);

    assert.deepEqual(
      result.reverted.map((c) => c.subject),
      ['Add a feature file', 'Change the README'],
    );
    assert.equal(result.base, head);
    assert.match(result.branch, new RegExp(`^rollback/${good.slice(0, 7)}-\\d{8}T\\d{6}Z$`));
    assert.deepEqual(await rollbackBranches(), [result.branch]);
    assert.equal(await tree(`refs/heads/${result.branch}`), await tree(good), "the branch's files are the target's");
    assert.equal(await origin(fixture, 'rev-parse', 'main'), head, 'main on origin is unchanged');
    assert.equal(
      await origin(fixture, 'merge-base', '--is-ancestor', head, `refs/heads/${result.branch}`).then(() => true),
      true,
      'history is kept',
    );
    const pull = hub.server.state.pulls.find((p) => p.number === result.pullRequest.number);
    assert.deepEqual(
      [pull?.head, pull?.base, pull?.title],
      [result.branch, 'main', `Roll back production to ${good.slice(0, 7)}`],
    );
    assert.match(pull?.body ?? '', /- [0-9a-f]{7} Add a feature file\n- [0-9a-f]{7} Change the README/);
    assert.equal(await fixture.git('branch', '--show-current'), 'develop', 'the user is back on their branch');
  });

  it('reverts a merge commit against its first parent (and not the commits it merged)', async () => {
    await fixture.git('switch', '--quiet', '--create', 'feature/discount', 'origin/main');
    await fixture.commit('Discount model', { 'discount.txt': 'model\n' });
    await fixture.commit('Discount view', { 'discount.txt': 'model\nview\n', 'README.md': '# With discounts\n' });
    await fixture.git('push', '--quiet', 'origin', 'feature/discount');
    const number = hub.server.openPullRequest({ head: 'feature/discount', base: 'main', title: 'Discounts' });
    const merge = await hub.server.mergePullRequest(number);
    const head = await commitAndPush(fixture, 'main', 'Hotfix after the merge', { 'hotfix.txt': 'fix\n' });

    const result = await revert(good);

    assert.deepEqual(
      result.reverted.map((c) => [c.sha, c.parents.length]),
      [
        [head, 1],
        [merge, 2],
      ],
    );
    assert.equal(await tree(`refs/heads/${result.branch}`), await tree(good));
    assert.equal(await origin(fixture, 'rev-parse', 'main'), head, 'main on origin is unchanged');
    assert.equal(hub.server.state.pulls.filter((p) => p.base === 'main' && p.head === result.branch).length, 1);
  });

  it('refuses to revert to a commit inside a merged branch, and says to redeploy it instead', async () => {
    await fixture.git('switch', '--quiet', '--create', 'feature/inner', 'origin/main');
    const inner = await fixture.commit('Inner commit', { 'inner.txt': 'a\n' });
    await fixture.commit('Second inner commit', { 'inner.txt': 'b\n' });
    await fixture.git('push', '--quiet', 'origin', 'feature/inner');
    await hub.server.mergePullRequest(
      hub.server.openPullRequest({ head: 'feature/inner', base: 'main', title: 'Inner' }),
    );

    const preview = await previewRevert({
      git: guarded.repo,
      history: guarded.history,
      productionBranch: 'main',
      targetSha: inner,
    });
    assert.equal(preview.ok, false);
    assert.match(preview.ok ? '' : preview.reason, /merged into main.*redeploy it instead/);

    await assert.rejects(revert(inner), /redeploy it instead/);
    assert.deepEqual(await rollbackBranches(), []);
    assert.equal(hub.server.state.pulls.filter((p) => p.state === 'open').length, 0);
  });

  it('refuses to start with uncommitted changes, and creates nothing', async () => {
    await commitAndPush(fixture, 'main', 'Something to revert', { 'x.txt': 'x\n' });
    await fixture.write('wip.txt', 'work in progress\n');

    await assert.rejects(revert(good), /uncommitted changes: commit or stash them first/);
    assert.deepEqual(await rollbackBranches(), []);
    assert.equal((await fixture.git('branch', '--list', 'rollback/*')).trim(), '');
  });
});
