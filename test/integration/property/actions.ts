/**
 * The user's actions: their own edits, `git add` and `git commit`, and EnvFlow's
 * commands driven through the same core functions the commands call (their modals
 * answered by the action's random choice). A refusal (a gate, git saying "commit or
 * stash first", a push rejected) is an outcome, not a failure: the property is about
 * what happens to the user's work, whatever the command decides.
 */
import * as fc from 'fast-check';
import { HOTFIX_PREFIX } from '../../../src/core/model/flowConfig';
import { NOT_OVERRIDABLE_PULL_REQUEST_FAILURES, openPullRequestGate } from '../../../src/core/flow/gates';
import { pullRequestBody, pullRequestTitle } from '../../../src/core/flow/pullRequestText';
import { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { switchCarryingChanges } from '../../../src/core/git/carryChanges';
import { updateFromBase } from '../../../src/core/git/updateFromBase';
import { openReleasePullRequest } from '../../../src/core/release/promote';
import { findOrCreatePullRequest } from '../../../src/core/release/pullRequests';
import { planRollback, previewRevert, redeploy, revertToTarget } from '../../../src/core/release/rollback';
import { syncDevelop } from '../../../src/core/release/sync';
import { fingerprintOf } from '../../../src/core/flow/repositoryModel';
import { runShellCommand } from '../../../src/core/testing/shellProcess';
import { judgeRun, type TreeIdentity } from '../../../src/core/testing/verdict';
import { commit, edit, stage, writeArb, type FileWrite } from './startState';
import { teammatePush } from './teammate';
import type { WorkModel } from './workModel';
import { config, PATHS, type UserPath, type World } from './world';

export type Action =
  | { readonly kind: 'edit'; readonly write: FileWrite }
  | { readonly kind: 'stage'; readonly path: UserPath }
  | { readonly kind: 'commit' }
  | { readonly kind: 'startBranch' | 'startHotfix'; readonly consent: boolean }
  | { readonly kind: 'runTests' }
  | { readonly kind: 'openPullRequest'; readonly override: boolean }
  | { readonly kind: 'updateFromDevelop' }
  | { readonly kind: 'promote' }
  | { readonly kind: 'rollback'; readonly target: number; readonly revert: boolean }
  | { readonly kind: 'syncDevelop' }
  | { readonly kind: 'mergePullRequest'; readonly which: number }
  | { readonly kind: 'teammatePush'; readonly branch: 'develop' | 'main'; readonly path: 'app.txt' | 'README.md' | 'team.txt' };

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: writeArb.map((write) => ({ kind: 'edit' as const, write })) },
  { weight: 2, arbitrary: fc.constantFrom(...PATHS).map((path) => ({ kind: 'stage' as const, path })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('startBranch' as const, 'startHotfix' as const), consent: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'runTests' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('openPullRequest' as const), override: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'updateFromDevelop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'promote' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rollback' as const), target: fc.nat(3), revert: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'syncDevelop' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mergePullRequest' as const), which: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('teammatePush' as const),
      branch: fc.constantFrom('develop' as const, 'main' as const),
      path: fc.constantFrom('app.txt' as const, 'README.md' as const, 'team.txt' as const),
    }),
  },
);

/** The property stands in for the GitHub connection, so these never apply. */
const CONNECTION_CODES = new Set(['localOnly', 'signedOut']);

/** Runs one action; returns what happened in a few words (for the failure report). */
export async function runAction(world: World, model: WorkModel, action: Action): Promise<string> {
  try {
    return (await perform(world, model, action)) ?? 'done';
  } catch (error) {
    return `refused: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

async function perform(world: World, model: WorkModel, action: Action): Promise<string | void> {
  const repo = world.guarded.repo;
  switch (action.kind) {
    case 'edit':
      return edit(world, model, action.write);
    case 'stage':
      return stage(world, model, action.path);
    case 'commit':
      return commit(world, model, 'User change');
    case 'startBranch':
    case 'startHotfix': {
      const base = action.kind === 'startBranch' ? config.developBranch : config.productionBranch;
      const prefix = action.kind === 'startBranch' ? 'feature' : HOTFIX_PREFIX;
      const branch = `${prefix}/p${++world.branches}`;
      await repo.fetch('origin', [base]);
      return switchCarryingChanges(repo, branch, `origin/${base}`, async () => action.consent);
    }
    case 'runTests':
      return runTests(world);
    case 'openPullRequest':
      return openPullRequest(world, action.override);
    case 'updateFromDevelop': {
      const state = await repo.readState(config.developBranch, config.productionBranch);
      const hotfix = state.branch?.startsWith(`${HOTFIX_PREFIX}/`) ?? false;
      return updateFromBase(repo, hotfix ? config.productionBranch : config.developBranch);
    }
    case 'promote': {
      await repo.fetch('origin', [config.developBranch, config.productionBranch]);
      return (await openReleasePullRequest({ git: repo, client: world.client, config })).kind;
    }
    case 'rollback':
      return rollback(world, action.target, action.revert);
    case 'syncDevelop':
      return (await syncDevelop({ git: repo, client: world.client, config })).kind;
    case 'mergePullRequest': {
      // A reviewer merges an open pull request on GitHub: the one way shared branches may move besides a fast-forward push.
      const open = world.server.state.pulls.filter((p) => p.state === 'open');
      const pull = open[action.which % Math.max(1, open.length)];
      return pull ? `merged #${pull.number} as ${(await world.server.mergePullRequest(pull.number)).slice(0, 7)}` : 'no open pull request';
    }
    case 'teammatePush':
      return teammatePush(world, action.branch, action.path, `teammate's ${action.path} on ${action.branch}\n`);
  }
}

/** `envflow.runTests` with a test command that edits nothing: record the result for HEAD and the tree. */
async function runTests(world: World): Promise<string> {
  const identity = async (): Promise<TreeIdentity> => {
    const state = await world.guarded.repo.readState(config.developBranch, config.productionBranch);
    return { head: state.headSha, fingerprint: await fingerprintOf(world.guarded.repo, state) };
  };
  const before = await identity();
  const result = await runShellCommand({ command: 'true', cwd: world.fixture.root });
  const verdict = judgeRun({ command: 'true', before, after: await identity(), ...result, counts: {}, finishedAt: new Date() });
  if (verdict.kind === 'recorded') {
    world.testRecord = verdict.record;
    return `tests ${verdict.record.outcome}`;
  }
  return `not recorded: ${verdict.reason}`;
}

/** `envflow.openPullRequest`: the gate (overridden when it allows and the user chose to), push, then show or open the PR. */
async function openPullRequest(world: World, override: boolean): Promise<string> {
  const repo = world.guarded.repo;
  const model = new RepositoryModel({ git: repo, config: () => config, connect: async () => undefined, testRecord: () => world.testRecord, fetchEvery: 0 });
  const { snapshot } = await model.refresh('local');
  const branch = snapshot.local.branch;
  const hotfix = branch?.startsWith(`${HOTFIX_PREFIX}/`) ?? false;
  const base = hotfix ? config.productionBranch : config.developBranch;
  const divergence = hotfix
    ? { ahead: (await repo.log(`origin/${base}..HEAD`, 1000)).length, behind: (await repo.log(`HEAD..origin/${base}`, 1000)).length }
    : undefined;
  const gate = openPullRequestGate(snapshot, config, { hotfix, baseDivergence: divergence });
  const failures = gate.ok ? [] : gate.failures.filter((f) => !CONNECTION_CODES.has(f.code));
  if (failures.length > 0 && (!override || failures.some((f) => NOT_OVERRIDABLE_PULL_REQUEST_FAILURES.has(f.code)))) {
    return `gate closed: ${failures.map((f) => f.code).join(', ')}`;
  }
  if (!branch || !snapshot.local.headSha) {
    return 'no branch';
  }
  await repo.push('origin', branch, { setUpstream: !snapshot.local.upstream });
  const commits = await repo.log(`origin/${base}..HEAD`, 100);
  const { pullRequest, created } = await findOrCreatePullRequest(world.client, {
    head: branch,
    base,
    title: pullRequestTitle(branch, commits),
    body: pullRequestBody({ branch, base, commits, testRecord: world.testRecord, headSha: snapshot.local.headSha, overridden: failures }),
  });
  return `${created ? 'opened' : 'showed'} #${pullRequest.number}`;
}

/** `envflow.rollbackProduction`: plan, pick a target, then redeploy it or open the revert pull request. */
async function rollback(world: World, which: number, revert: boolean): Promise<string> {
  const repo = world.guarded.repo;
  const deployments = await world.client.listDeployments(config.productionEnvironment, 10);
  const history = deployments.data.map((raw) => ({ ...raw, state: 'none' as const }));
  const plan = await planRollback({ git: repo, config, client: world.client, history, currentSha: history[0]?.sha });
  const target = plan.targets[which % Math.max(1, plan.targets.length)];
  if (!target) {
    return 'no rollback target';
  }
  const preview = await previewRevert({ git: repo, history: world.guarded.history, productionBranch: config.productionBranch, targetSha: target.sha, fetch: false });
  if (revert && preview.ok) {
    const result = await revertToTarget({ git: repo, history: world.guarded.history, client: world.client, config, target });
    return `revert PR #${result.pullRequest.number}`;
  }
  const result = await redeploy(world.client, config, target);
  return result.dispatched ? `started the production workflow for ${target.sha.slice(0, 7)}` : `reused #${result.deployment.id}`;
}
