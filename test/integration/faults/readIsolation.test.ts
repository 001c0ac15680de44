/**
 * Read isolation: every GitHub read a refresh makes × every way one read alone fails
 * (readTable.ts). Each read gets one model, refreshed once; each case then changes
 * everything on GitHub, breaks that one read's route on the API server, refreshes, then
 * clears the fault and refreshes again for the truth (the next case's last good state). The broken read's fields must keep the first refresh's values,
 * its rows must say it is out of date and why in one sentence, and everything else must
 * equal the truth: one failed read never blanks the rest.
 */
import * as assert from 'node:assert/strict';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositorySnapshot } from '../../../src/core/model/snapshot';
import { buildTree, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { githubModel } from '../../support/githubModel';
import { timestamp } from '../../../tools/githubServer/state';
import { openCounted, type CountedRepository } from '../../support/openRepository';
import { readFaults, readRows, split, type ReadFaultRow, type ReadRow } from './readTable';
import { CLIENT_TIMEOUT_MS } from '../../support/faultCase';
import { assertUserSentence } from './sentence';

describe('read isolation: each GitHub read fails alone (real repository, GitHub API server)', function () {
  this.timeout(60_000);
  const results = { run: 0, passed: 0 };
  let fx: GitHubFixture;
  let counted: CountedRepository;
  let config: FlowConfig;
  let sha: { develop: string; main: string; feature: string };
  let deployments: { development: number; production: number };
  let featurePr: number;
  let step = 0;

  before(async () => {
    fx = await createGitHubFixture({ name: 'read-isolation', developAhead: 1 });
    const { repo, server } = fx;
    await repo.git('switch', '--quiet', '--create', 'feature/login', 'develop');
    await repo.commit('Add login', { 'login.txt': 'login\n' });
    await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/login');
    await repo.git('fetch', '--quiet', 'origin');
    sha = {
      develop: await repo.git('rev-parse', 'develop'),
      main: await repo.git('rev-parse', 'main'),
      feature: await repo.git('rev-parse', 'HEAD'),
    };
    featurePr = server.openPullRequest({ head: 'feature/login', base: 'develop', title: 'Add login' });
    server.openPullRequest({ head: 'develop', base: 'main', title: 'Release' });
    deployments = {
      development: server.addDeployment({ ref: 'develop', environment: 'development' }),
      production: server.addDeployment({ ref: 'main', environment: 'production' }),
    };
    server.addDependabotAlert({ severity: 'high', package: 'lodash', summary: 'Prototype pollution' });
    for (const name of ['development', 'production']) {
      server.state.environmentNamed(name);
    }
    waitForApproval('production');
    changeEverything();
    config = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
    counted = await openCounted(repo.root);
  });

  after(async () => {
    console.log(`read isolation: ${results.run} cases, ${results.passed} passed`);
    await fx?.dispose();
  });

  /**
   * A new answer for every read: a running check and a pending status on every commit
   * (running, so they are read again each refresh), a new rollout step for both
   * deployments, a flipped review (which moves the pull request), one more alert and a
   * longer wait timer on both environments.
   */
  function changeEverything(): void {
    const server = fx.server;
    step += 1;
    for (const commit of Object.values(sha)) {
      server.addCheckRun(commit, { name: `step ${step}`, status: 'in_progress' });
      server.addCommitStatus(commit, { context: `ci/step-${step}`, state: 'pending' });
    }
    for (const id of Object.values(deployments)) {
      server.addDeploymentStatus(id, { state: 'in_progress', description: `Rolling out: step ${step}` });
      // Its `updated_at` moves a second a step too: within one second the list of deployments would answer
      // unchanged, and what depends on it being read again (a missing environment) would not be.
      server.state.deployments.find((d) => d.id === id)!.updatedAt = timestamp(Date.UTC(2026, 0, 1) + step * 1000);
    }
    server.addPullRequestReview(featurePr, { state: step % 2 ? 'APPROVED' : 'CHANGES_REQUESTED', login: 'grace' });
    // GitHub's `updated_at` has one-second resolution; a step is faster than that.
    const pull = server.state.pulls.find((p) => p.number === featurePr);
    pull!.updatedAt = timestamp(Date.UTC(2026, 0, 1) + step * 1000);
    server.addDependabotAlert({ severity: 'medium', package: `package-${step}`, summary: 'Prototype pollution' });
    for (const environment of server.state.environments.values()) {
      environment.waitTimer = step;
    }
    waitForApproval(step % 2 ? 'development' : 'production');
    server.addCodeScanningAlert({ severity: step % 2 ? 'high' : 'medium', ruleId: `rule-${step}` });
    server.addSecretScanningAlert({ displayName: `Token ${step}` });
  }

  /** One more deployment run waiting on the environment's required reviewers (the signed-in user among them). */
  function waitForApproval(environment: string): void {
    const runId = fx.server.addWorkflowRun({ name: `Deploy ${step}`, branch: 'main', status: 'in_progress' });
    fx.server.addPendingDeployment({
      runId,
      environment,
      reviewers: [{ type: 'User', name: 'ada-developer' }],
      waitingSince: timestamp(Date.UTC(2026, 0, 1) + step * 1000),
    });
  }

  function newModel(): RepositoryModel {
    return githubModel(fx, {
      git: counted.repo,
      config: () => config,
      client: { retryBaseMs: 1, requestTimeoutMs: CLIENT_TIMEOUT_MS },
      fetchEvery: 0,
      // Alerts and rules are re-read now and then, not every refresh: here every refresh.
      readerOptions: { recheckAfter: 1 },
    });
  }

  for (const row of readRows) {
    describe(row.read, () => {
      let model: RepositoryModel;
      let good: RepositorySnapshot;
      before(async () => {
        model = newModel();
        good = (await model.refresh('full')).snapshot;
      });
      for (const fault of readFaults) {
        it(fault.label, async () => {
          results.run += 1;
          good = await runCase(model, good, row, fault);
          results.passed += 1;
        });
      }
    });
  }

  /** Returns the fault-free snapshot that ends the case. */
  async function runCase(
    model: RepositoryModel,
    good: RepositorySnapshot,
    row: ReadRow,
    fault: ReadFaultRow,
  ): Promise<RepositorySnapshot> {
    assert.deepEqual(good.readErrors, {}, 'the last refresh was fault-free');
    changeEverything();
    fx.server.faults.inject({ ...fault.fault, times: Infinity, match: { method: 'GET', path: row.route } });
    let faulty: RepositorySnapshot;
    try {
      faulty = (await model.refresh('full')).snapshot;
    } finally {
      fx.server.faults.clear();
    }
    const truth = (await model.refresh('full')).snapshot;
    assert.deepEqual(truth.readErrors, {}, 'fresh again once the fault cleared');
    assert.equal(faulty.connection.state, 'ok', 'one read failing is not a connection failure');
    assert.equal(faulty.stale, false);

    const [before, during, after] = [good, faulty, truth].map((s) => split(s, row));
    assert.notDeepEqual(after.fed, before.fed, 'GitHub changed what this read returns, so keeping the old value shows');
    assert.deepEqual(during.rest, after.rest, 'every other field equals a fault-free refresh');

    const verdict = row.verdicts?.includes(fault.id);
    if (verdict) {
      assert.deepEqual(faulty.readErrors, {}, 'a verdict is an answer, not a failure');
      assert.equal(faulty.production[row.verdictPart ?? 'security']?.available, false);
    } else {
      assert.deepEqual(during.fed, before.fed, 'the failed read keeps its last good value');
      assert.deepEqual(Object.keys(faulty.readErrors), [row.read], 'only this read failed');
      assertUserSentence(faulty.readErrors[row.read]!.message, fault.wayOut);
    }
    assertRows(faulty, truth, row, verdict ? undefined : faulty.readErrors[row.read]!.message);
    return truth;
  }

  /** The tree as the user sees it: this read's rows marked (or answered), every other row as in a fault-free refresh. */
  function assertRows(
    faulty: RepositorySnapshot,
    truth: RepositorySnapshot,
    row: ReadRow,
    message: string | undefined,
  ): void {
    const now = Date.parse(truth.takenAt);
    const shown = rowsOf(buildTree([faulty], now));
    const fresh = rowsOf(buildTree([truth], now));
    for (const [id, node] of shown) {
      const marked = /\boutOfDate\b/.test(node.contextValue ?? '');
      if (row.rows.test(id)) {
        if (marked) {
          assert.ok(node.tooltip?.includes('Could not read'), `${id} says why: ${node.tooltip}`);
        }
        continue;
      }
      assert.ok(!marked, `${id} is not this read's row and is not marked`);
      assert.deepEqual(node, fresh.get(id), `${id} is untouched`);
    }
    const wanted = row.primaryRow;
    const primary = typeof wanted === 'string' ? shown.get(wanted) : [...shown].find(([id]) => wanted.test(id))?.[1];
    assert.ok(primary, `${row.primaryRow} is shown`);
    if (message) {
      assert.match(primary.contextValue ?? '', /\boutOfDate\b/, `${row.primaryRow} is marked out of date`);
      assert.match(primary.description ?? primary.label, /out of date|could not be read/);
    } else {
      assert.match(primary.label, /unavailable/, `${row.primaryRow} says why`);
    }
  }
});

/** Every row of the tree by id, without its children (each child is a row of its own). */
function rowsOf(nodes: readonly TreeNodeData[], into = new Map<string, TreeNodeData>()): Map<string, TreeNodeData> {
  for (const { children, ...node } of nodes) {
    into.set(node.id, node);
    rowsOf(children ?? [], into);
  }
  return into;
}
