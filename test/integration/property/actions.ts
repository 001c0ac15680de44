/**
 * The user's actions: their own edits, `git add` and `git commit`, and EnvFlow's
 * commands run through their real use cases (their questions answered by the action's
 * random choice). A refusal (a gate, git saying "commit or stash first", a push
 * rejected) is an outcome, not a failure: the property is about what happens to the
 * user's work, whatever the command decides.
 */
import * as fc from 'fast-check';
import { HOTFIX_PREFIX } from '../../../src/core/model/flowConfig';
import { updateFromBase } from '../../../src/core/git/updateFromBase';
import { openPullRequest } from '../../../src/core/usecases/openPullRequest';
import type { Outcome } from '../../../src/core/usecases/outcome';
import { promote } from '../../../src/core/usecases/promote';
import { rollbackProduction } from '../../../src/core/usecases/rollbackProduction';
import { runTests } from '../../../src/core/usecases/runTests';
import { startBranch } from '../../../src/core/usecases/startBranch';
import { syncDevelop } from '../../../src/core/usecases/syncDevelop';
import { shellTests } from '../../support/usecases/fixtureServices';
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
      const from = action.kind === 'startBranch' ? 'develop' : 'production';
      const name = `p${++world.branches}`;
      // Asked whether to carry conflicting changes through a stash, the user answers with the action's consent.
      return said(await world.services.run(startBranch(from), { prefix: 'feature', name }, { confirm: (_q, choices) => (action.consent ? choices[0]?.value : undefined) }));
    }
    case 'runTests':
      return said(await world.services.run(runTests(shellTests('true'))));
    case 'openPullRequest':
      // The gate's fixes are the user's own later actions; the override is taken when the action says so and the gate allows it.
      return said(await world.services.run(openPullRequest, { draft: false }, { confirm: (_q, choices) => (action.override ? choices.find((c) => c.value === 'override')?.value : undefined) }));
    case 'updateFromDevelop': {
      const state = await repo.readState(config.developBranch, config.productionBranch);
      const hotfix = state.branch?.startsWith(`${HOTFIX_PREFIX}/`) ?? false;
      return updateFromBase(repo, hotfix ? config.productionBranch : config.developBranch);
    }
    case 'promote':
      await developCheckedAndDeployed(world);
      return said(await world.services.run(promote));
    case 'rollback':
      return said(
        await world.services.run(rollbackProduction, undefined, {
          pick: (_request, items) => items[action.target % Math.max(1, items.length)]?.value,
          confirm: (_q, choices) => (choices.find((c) => c.value === (action.revert ? 'revert' : 'redeploy')) ?? choices[0])?.value,
        }),
      );
    case 'syncDevelop':
      return said(await world.services.run(syncDevelop));
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

/** How a command ended, in a few words. */
function said({ outcome }: { outcome: Outcome }): string {
  return outcome.kind === 'done' ? (outcome.sentence ?? 'done') : `${outcome.kind}: ${outcome.sentence ?? ''}`;
}

/** CI went green on origin's develop and it deployed to development, so the promote gate can open. */
async function developCheckedAndDeployed(world: World): Promise<void> {
  const head = await world.fixture.git('rev-parse', 'refs/remotes/origin/develop').catch(() => undefined);
  if (!head || world.server.state.deployments.some((d) => d.sha === head && d.environment === config.developmentEnvironment)) {
    return;
  }
  world.server.addCheckRun(head, { name: 'ci', status: 'completed', conclusion: 'success' });
  const deployment = world.server.addDeployment({ ref: 'develop', sha: head, environment: config.developmentEnvironment });
  world.server.addDeploymentStatus(deployment, { state: 'success' });
}
