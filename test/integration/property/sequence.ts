/**
 * One sequence of the property: a fresh world, the starting state, then each action
 * followed by the checks. Throws with the story so far when a check fails.
 */
import * as fc from 'fast-check';
import { forbiddenGit } from '../../support/gitSafety';
import { git } from '../../support/gitFixtures';
import { actionArb, runAction, type Action } from './actions';
import { bareBranchSha, readReachable } from './reachability';
import { applyStartState, startStateArb, type StartState } from './startState';
import type { WorkModel } from './workModel';
import { config, createWorld, PATHS, type Template, type World } from './world';

const SHARED = [config.developBranch, config.productionBranch];

/** The property's input: a starting state and 3 to 6 actions (each costs real git processes; the soak run makes up in numbers). */
export const sequenceArb = fc.tuple(startStateArb, fc.array(actionArb, { minLength: 3, maxLength: 6 }));

/** Tracks what must hold from one step to the next: origin's shared branches and the git processes checked so far. */
class Watch {
  private readonly origin = new Map<string, string>();
  private checkedProcesses = 0;

  constructor(private readonly world: World) {}

  async start(): Promise<void> {
    for (const branch of SHARED) {
      this.origin.set(branch, (await bareBranchSha(this.world.fixture.origin, branch))!);
    }
    this.checkedProcesses = this.world.guarded.processes.length;
  }

  /** What is wrong after a step, one line each. */
  async violations(model: WorkModel): Promise<string[]> {
    const { fixture, guarded } = this.world;
    const problems = model.missing(await readReachable(fixture.root, PATHS));
    for (const branch of SHARED) {
      const before = this.origin.get(branch)!;
      const now = await bareBranchSha(fixture.origin, branch);
      if (!now) {
        problems.push(`${branch} was deleted on origin`);
      } else if (now !== before) {
        // A fast-forward push and a pull request merged on the server both keep the old head as an ancestor.
        const forward = await git(fixture.origin, ['merge-base', '--is-ancestor', before, now]).then(
          () => true,
          () => false,
        );
        if (!forward) {
          problems.push(
            `${branch} on origin moved from ${before.slice(0, 7)} to ${now.slice(0, 7)}, which does not contain it`,
          );
        }
        this.origin.set(branch, now);
      }
    }
    for (const args of guarded.processes.slice(this.checkedProcesses)) {
      const why = forbiddenGit(args);
      if (why) {
        problems.push(`EnvFlow ran git ${args.join(' ')} (${why})`);
      }
    }
    this.checkedProcesses = guarded.processes.length;
    return problems;
  }
}

function describeAction(action: Action): string {
  return JSON.stringify(action, (_key, value: unknown) =>
    value instanceof Uint8Array ? `base64:${Buffer.from(value).toString('base64')}` : value,
  );
}

export async function runSequence(
  template: Template,
  parent: string,
  start: StartState,
  actions: readonly Action[],
): Promise<void> {
  const world = await createWorld(template, parent);
  const story: string[] = [];
  try {
    const model = await applyStartState(world, start);
    const watch = new Watch(world);
    await watch.start();
    const initial = await watch.violations(model);
    if (initial.length > 0) {
      throw new Error(`the starting state already breaks the model:\n${initial.join('\n')}`);
    }
    for (const [i, action] of actions.entries()) {
      story.push(`${i + 1}. ${describeAction(action)} → ${await runAction(world, model, action)}`);
      const problems = await watch.violations(model);
      if (problems.length > 0) {
        throw new Error(`after step ${i + 1}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      }
    }
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nsteps:\n${story.join('\n')}`);
  } finally {
    await world.dispose();
  }
}
