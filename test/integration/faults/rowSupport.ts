/** What every row of the fault matrix's command table is and uses: services over the case, and the sentence a run ended in. */
import type { CommandId } from '../../../src/constants';
import type { FaultMatch } from '../../../tools/githubServer/index';
import type { GitFaultId } from './faultTable';
import type { GitPlan } from './gitPlans';
import type { Outcome } from '../../../src/core/usecases/outcome';
import type { FixtureServices } from '../../support/usecases/fixtureServices';
import { caseServices } from '../../support/usecases/caseServices';
import type { ScriptedPort } from '../../support/usecases/scriptedPort';
import type { CaseContext, Template } from '../../support/faultCase';

/** One command run in one case: run it (again), then check what the user would. */
export interface Session {
  /** Runs the command; resolves with the sentence the user sees when it did not succeed (or throws). */
  run(): Promise<string | undefined>;
  /** After the faulted run: what already happened is named, what was shown stays. */
  afterFault?(sentence: string | undefined): Promise<void>;
  /** After the re-run: the job is done, exactly once. */
  verify(): Promise<void>;
}

export interface CommandRow {
  readonly id: string;
  /** The command whose use case the row runs. */
  readonly command: CommandId;
  readonly label: string;
  template(): Promise<Template>;
  /** GitHub faults hit the requests `target` selects (all when absent); `writes`: the command writes to GitHub. */
  readonly github: { readonly notApplicable: string } | { readonly target?: FaultMatch; readonly writes: boolean };
  readonly git: Readonly<Record<GitFaultId, GitPlan>>;
  start(context: CaseContext): Promise<Session>;
}

/** The use cases' services over the case's repository and API server. */
export function servicesFor(c: CaseContext, fetchEvery = 0): FixtureServices {
  return caseServices(c, { fetchEvery });
}

/** What the user read when a run did not get the job done; undefined when it did. */
export function sentenceOf(outcome: Outcome, port: ScriptedPort): string | undefined {
  switch (outcome.kind) {
    case 'done':
      return undefined;
    case 'cancelled':
      return outcome.sentence ?? port.questions.at(-1) ?? 'Cancelled.';
    default:
      return outcome.sentence;
  }
}
