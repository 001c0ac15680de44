/**
 * Issue #9 item 2, "no lost work, by property": random sequences of user actions on
 * random starting repositories; after every step, every byte the user had is still
 * reachable and origin's develop and main only moved forward (a fast-forward push or a
 * pull request merged on the server), with no git process forcing anything.
 *
 * ENVFLOW_PROPERTY_RUNS (default 500) sets the number of sequences, ENVFLOW_PROPERTY_SEED
 * and ENVFLOW_PROPERTY_PATH replay a reported failure.
 */
import * as fc from 'fast-check';
import { forbiddenGit } from '../../support/gitSafety';
import { actionArb, runAction, type Action } from './actions';
import { bareBranchSha, readReachable } from './reachability';
import { applyStartState, startStateArb, type StartState } from './startState';
import { config, createRunDir, createTemplate, createWorld, PATHS, type World } from './world';
import type { WorkModel } from './workModel';
import { git } from '../../support/gitFixtures';

const runs = Number(process.env.ENVFLOW_PROPERTY_RUNS ?? 500);
const seed = process.env.ENVFLOW_PROPERTY_SEED ? Number(process.env.ENVFLOW_PROPERTY_SEED) : Date.now() % 2 ** 31;
const replayPath = process.env.ENVFLOW_PROPERTY_PATH;
const SHARED = [config.developBranch, config.productionBranch];

/** Checks the property after a step; returns what is wrong, one line each. */
async function violations(world: World, model: WorkModel, origin: Map<string, string>, checkedProcesses: { count: number }): Promise<string[]> {
  const problems = model.missing(await readReachable(world.fixture.root, PATHS));
  for (const branch of SHARED) {
    const before = origin.get(branch)!;
    const now = await bareBranchSha(world.fixture.origin, branch);
    if (!now) {
      problems.push(`${branch} was deleted on origin`);
    } else if (now !== before) {
      try {
        await git(world.fixture.origin, ['merge-base', '--is-ancestor', before, now]);
        origin.set(branch, now);
      } catch {
        problems.push(`${branch} on origin moved from ${before.slice(0, 7)} to ${now.slice(0, 7)}, which does not contain it`);
      }
    }
  }
  const processes = world.guarded.processes.slice(checkedProcesses.count);
  checkedProcesses.count = world.guarded.processes.length;
  for (const args of processes) {
    const why = forbiddenGit(args);
    if (why) {
      problems.push(`EnvFlow ran git ${args.join(' ')} (${why})`);
    }
  }
  return problems;
}

describe('No lost work, by property (issue #9)', function () {
  // The run count decides the time; the soak run passes --timeout 0.
  this.timeout(Math.max(120_000, runs * 1_000));
  let template: Awaited<ReturnType<typeof createTemplate>> | undefined;
  let runDir: Awaited<ReturnType<typeof createRunDir>> | undefined;
  let passed = 0;

  before(async () => {
    template = await createTemplate();
    runDir = await createRunDir();
  });

  after(async () => {
    await template?.dispose();
    await runDir?.dispose();
    if (passed > 0) {
      console.log(`property sequences: ${passed}, every byte reachable`);
    }
  });

  it(`keeps every byte reachable and never rewrites develop or main (${runs} sequences)`, async () => {
    let sequences = 0;
    const property = fc.asyncProperty(startStateArb, fc.array(actionArb, { minLength: 3, maxLength: 8 }), async (start: StartState, actions: readonly Action[]) => {
      sequences += 1;
      const world = await createWorld(template!, runDir!.dir);
      const story: string[] = [];
      try {
        const model = await applyStartState(world, start);
        const origin = new Map<string, string>();
        for (const branch of SHARED) {
          origin.set(branch, (await bareBranchSha(world.fixture.origin, branch))!);
        }
        const checked = { count: world.guarded.processes.length };
        const initial = await violations(world, model, origin, checked);
        if (initial.length > 0) {
          throw new Error(`the starting state already breaks the model:\n${initial.join('\n')}`);
        }
        for (const [i, action] of actions.entries()) {
          const outcome = await runAction(world, model, action);
          story.push(`${i + 1}. ${JSON.stringify(action, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))} → ${outcome}`);
          const problems = await violations(world, model, origin, checked);
          if (problems.length > 0) {
            throw new Error(`after step ${i + 1}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
          }
        }
      } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\nsteps:\n${story.join('\n')}`);
      } finally {
        await world.dispose();
      }
    });
    const details = await fc.check(property, { numRuns: runs, seed, path: replayPath, endOnFailure: false, maxSkipsPerRun: 0 });
    if (details.failed) {
      throw new Error(
        [
          `The no-lost-work property failed after ${details.numRuns} sequences (${sequences} run while shrinking).`,
          `Replay: ENVFLOW_PROPERTY_SEED=${details.seed} ENVFLOW_PROPERTY_PATH=${details.counterexamplePath ?? ''} ENVFLOW_PROPERTY_RUNS=1`,
          `Shrunk counterexample: ${fc.stringify(details.counterexample)}`,
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
        ].join('\n'),
      );
    }
    passed = details.numRuns;
  });
});
