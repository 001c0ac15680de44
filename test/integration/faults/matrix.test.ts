/**
 * The fault matrix (with "write done, answer lost" as the `dropAfterWrite` column):
 * every command × every fault, generated from commandTable.ts and faultTable.ts. Each
 * applicable case arms the fault, runs the command, checks the one sentence the user
 * sees, clears the fault the way the sentence says, runs the command again and checks
 * the job was done exactly once. Cases that cannot happen are listed with their reason.
 * Adding a command is one row in commandTable.ts; adding a fault, one row in faultTable.ts.
 */
import * as assert from 'node:assert/strict';
import { Commands } from '../../../src/constants';
import { userMessage } from '../../../src/core/util/userMessage';
import { openCase, type Template } from './caseContext';
import { commandRows, type CommandRow } from './commandTable';
import { clearGitHubFaults, githubFaults, gitFaults, isRateLimit, type FaultRow } from './faultTable';
import { isApplicable, type GitFaultPlan } from './gitPlans';
import { assertUserSentence } from './sentence';

/** The commands that run git or call GitHub: the ones a fault can reach (the others only show things). */
const SHOWING_COMMANDS = new Set<string>([Commands.showOutput, Commands.showChecks, Commands.showProduction, Commands.openOnGitHub]);
const ACTING_COMMANDS = Object.values(Commands).filter((id) => !SHOWING_COMMANDS.has(id));

/** Past any reset or retry-after the faults announce. */
const PAST_RATE_LIMIT_MS = 2 * 3600_000;

interface Cell {
  readonly command: CommandRow;
  readonly fault: FaultRow;
  /** Undefined when applicable. */
  readonly notApplicable?: string;
  arm(context: Parameters<CommandRow['start']>[0]): Promise<void>;
  clear(context: Parameters<CommandRow['start']>[0]): Promise<void>;
  readonly unaffected?: string;
}

function cellsOf(command: CommandRow): Cell[] {
  const cells: Cell[] = [];
  for (const fault of githubFaults) {
    const github = command.github;
    const notApplicable = 'notApplicable' in github ? github.notApplicable : fault.writesOnly && !github.writes ? 'it writes nothing to GitHub' : undefined;
    const target = 'target' in github ? github.target : undefined;
    cells.push({ command, fault, notApplicable, arm: (c) => fault.arm(c, target), clear: clearGitHubFaults });
  }
  for (const fault of gitFaults) {
    const plan = command.git[fault.id as keyof CommandRow['git']];
    const applicable: GitFaultPlan | undefined = isApplicable(plan) ? plan : undefined;
    cells.push({
      command,
      fault,
      notApplicable: applicable ? undefined : (plan as { notApplicable: string }).notApplicable,
      arm: (c) => applicable!.arm(c),
      clear: (c) => applicable!.clear(c),
      unaffected: applicable?.unaffected,
    });
  }
  return cells;
}

/** The sentence the user sees from one run, or undefined when it succeeded; test failures pass through. */
async function attempt(run: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof assert.AssertionError) {
      throw error;
    }
    return userMessage(error);
  }
}

describe('fault matrix: every command × every fault (real repositories, GitHub API server)', function () {
  this.timeout(60_000);
  const results = { run: 0, passed: 0 };
  const table: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    // Not-applicable cells and failures; ENVFLOW_FAULT_SENTENCES=1 adds every sentence the user saw.
    console.log(`\n${table.join('\n')}`);
    console.log(`fault matrix: ${results.run} cases, ${results.passed} passed`);
    const driven = new Set(commandRows.map((row) => row.command));
    const outside = ACTING_COMMANDS.filter((id) => !driven.has(id));
    console.log(`fault matrix commands: ${driven.size} of ${ACTING_COMMANDS.length} driven through their use cases${outside.length ? ` (not: ${outside.join(', ')})` : ''}`);
  });

  for (const command of commandRows) {
    describe(command.label, () => {
      let template: Template;
      before(async () => {
        template = await command.template();
      });
      after(() => template?.dispose());

      for (const cell of cellsOf(command)) {
        if (cell.notApplicable) {
          table.push(`  ${command.label} × ${cell.fault.label}: not applicable (${cell.notApplicable})`);
          continue;
        }
        it(`${cell.fault.label}${cell.unaffected ? ' (unaffected)' : ''}`, async () => {
          results.run += 1;
          const context = await openCase(template);
          try {
            const session = await command.start(context);
            await cell.arm(context);
            const sentence = await attempt(() => session.run());
            if (cell.unaffected) {
              assert.equal(sentence, undefined, `expected success (${cell.unaffected}), the user saw: ${sentence}`);
            } else {
              assert.ok(sentence, 'the fault reached the user as a sentence');
              assertUserSentence(sentence, cell.fault.wayOut);
            }
            await session.afterFault?.(sentence);
            await cell.clear(context);
            if (isRateLimit(cell.fault.id)) {
              context.clockOffsetMs += PAST_RATE_LIMIT_MS;
            }
            const again = await attempt(() => session.run());
            assert.equal(again, undefined, `the re-run after the fault cleared finishes the job, but the user saw: ${again}`);
            await session.verify();
            context.guarded.assertNothingForced();
            assert.deepEqual(unhandled, [], 'no unhandled rejection');
            if (process.env.ENVFLOW_FAULT_SENTENCES) {
              table.push(`  ${command.label} × ${cell.fault.label}: passed${sentence ? ` — "${sentence}"` : ''}`);
            }
            results.passed += 1;
          } catch (error) {
            table.push(`  ${command.label} × ${cell.fault.label}: FAILED`);
            throw error;
          } finally {
            await context.dispose();
          }
        });
      }
    });
  }
});
