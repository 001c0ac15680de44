import type { SetupStep } from '../../../src/core/setup/plan';

/** Applies every step that can change something, in plan order; returns what each said. */
export async function applyAll(steps: readonly SetupStep[]): Promise<string[]> {
  const done: string[] = [];
  for (const step of steps) {
    if (step.apply) {
      done.push(await step.apply());
    }
  }
  return done;
}
