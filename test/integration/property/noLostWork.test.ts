/**
 * No lost work, by property: random sequences of user actions on
 * random starting repositories; after every step, every byte the user had is still
 * reachable and origin's develop and main only moved forward (a fast-forward push or a
 * pull request merged on the server), with no git process forcing anything.
 *
 * ENVFLOW_PROPERTY_RUNS (default 500; 5,000 under `npm run test:soak`) sets the number
 * of sequences. They run in ENVFLOW_PROPERTY_LANES (default 3) concurrent lanes, lane i
 * with seed SEED + i, so git processes overlap; a failure names its lane's seed and
 * path, and ENVFLOW_PROPERTY_SEED + ENVFLOW_PROPERTY_PATH replay it in one lane.
 */
import * as fc from 'fast-check';
import { runSequence, sequenceArb } from './sequence';
import { createRunDir, createTemplate, type Template } from './world';

/** `npm run test:soak`: the same property, 5,000 sequences, no time limit. */
const soak = process.env.npm_lifecycle_event === 'test:soak';
const runs = Number(process.env.ENVFLOW_PROPERTY_RUNS ?? (soak ? 5000 : 500));
const seed = process.env.ENVFLOW_PROPERTY_SEED ? Number(process.env.ENVFLOW_PROPERTY_SEED) : Date.now() % 2 ** 31;
const replayPath = process.env.ENVFLOW_PROPERTY_PATH || undefined;
const lanes = replayPath ? 1 : Math.max(1, Number(process.env.ENVFLOW_PROPERTY_LANES ?? 3));
/** Shrinking stops this long after a lane's first failure: each candidate is a whole sequence on real git. */
const SHRINK_BUDGET_MS = 45_000;

describe('No lost work, by property', function () {
  // The run count decides the time; the soak run has none.
  this.timeout(soak ? 0 : Math.max(180_000, runs * 1_000));
  let template: Template | undefined;
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

  /**
   * One lane's property. Once the shrink budget after its first failure is spent,
   * candidates pass without running, which ends shrinking at the smallest failure so far.
   */
  function laneProperty() {
    let firstFailure: number | undefined;
    return fc.asyncProperty(sequenceArb, async ([start, actions]) => {
      if (firstFailure !== undefined && Date.now() - firstFailure > SHRINK_BUDGET_MS) {
        return;
      }
      try {
        await runSequence(template!, runDir!.dir, start, actions);
      } catch (error) {
        firstFailure ??= Date.now();
        throw error;
      }
    });
  }

  it(`keeps every byte reachable and never rewrites develop or main (${runs} sequences, seed ${seed})`, async () => {
    const laneRuns = Array.from(
      { length: lanes },
      (_, lane) => Math.floor(runs / lanes) + (lane < runs % lanes ? 1 : 0),
    );
    const results = await Promise.all(
      laneRuns.map((numRuns, lane) => fc.check(laneProperty(), { numRuns, seed: seed + lane, path: replayPath })),
    );
    const failed = results.find((details) => details.failed);
    if (failed) {
      throw new Error(
        [
          `The no-lost-work property failed after ${failed.numRuns} sequences of a lane.`,
          `Replay: ENVFLOW_PROPERTY_SEED=${failed.seed} ENVFLOW_PROPERTY_PATH=${failed.counterexamplePath ?? ''}`,
          `Shrunk counterexample: ${fc.stringify(failed.counterexample)}`,
          failed.errorInstance instanceof Error ? failed.errorInstance.message : String(failed.errorInstance),
        ].join('\n'),
      );
    }
    passed = results.reduce((sum, details) => sum + details.numRuns, 0);
  });
});
