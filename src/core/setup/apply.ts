/**
 * Applies a setup plan's steps in order, each through `Steps`: a failure half-way stops
 * there and its one sentence names the steps already applied, and a re-run (which reads
 * the real state again) applies only what is still missing. The UI command and the
 * fault matrix both run setup through this.
 */
import * as l10n from '@vscode/l10n';
import { rootCause, Steps } from '../util/steps';
import { SetupStepRefused, type SetupAnswers, type SetupQuestion, type SetupStep } from './plan';

/** How the user runs setup again, as the half-way sentence says. */

export type SetupAnswer = 'apply' | 'skip' | 'cancel';

export interface SetupRunResult {
  readonly applied: string[];
  readonly skipped: string[];
  readonly blocked: string[];
  /** The blocked steps' sentences, for the closing message. */
  readonly said: string[];
  /** The files written, to commit. */
  readonly written: string[];
}

export interface SetupRunOptions {
  /** Whether to apply `step` (`position` is e.g. "2/7"); blocked steps are not asked. */
  decide(step: SetupStep, position: string): Promise<SetupAnswer>;
  /** The step's questions, asked after Apply and before it applies; undefined cancels. Default: every question's default. */
  choose?(step: SetupStep, question: SetupQuestion): Promise<string | undefined>;
  /** Wraps each apply (a progress notification in the UI). */
  progress?<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Checked before each step. */
  cancelled?(): boolean;
}

/**
 * Goes through the steps not done; throws a StepFailure naming what was applied when a
 * step fails, except that a refusal for good (no admin rights) is said at the end and the
 * remaining steps still run.
 */
export async function applySetupSteps(
  pending: readonly SetupStep[],
  options: SetupRunOptions,
): Promise<SetupRunResult> {
  const result: SetupRunResult = { applied: [], skipped: [], blocked: [], said: [], written: [] };
  const steps = new Steps(l10n.t('EnvFlow: Set Up Repository'));
  const progress = options.progress ?? ((_title, work) => work());
  for (const [index, step] of pending.entries()) {
    if (options.cancelled?.()) {
      break;
    }
    if (step.status === 'blocked') {
      result.blocked.push(step.id);
      result.said.push(step.description);
      continue;
    }
    const answer = await options.decide(step, `${index + 1}/${pending.length}`);
    if (answer === 'cancel') {
      break;
    }
    const apply = step.apply;
    if (answer === 'skip' || !apply) {
      result.skipped.push(step.id);
      continue;
    }
    const answers = await answerQuestions(step, options);
    if (!answers) {
      break;
    }
    const doing = step.doing ?? step.title;
    try {
      await steps.run(
        doing,
        () => progress(`${step.title}…`, () => apply(answers)),
        () => doing,
      );
    } catch (error) {
      const cause = rootCause(error);
      if (!(cause instanceof SetupStepRefused)) {
        throw error;
      }
      result.blocked.push(step.id);
      result.said.push(cause.message);
      continue;
    }
    result.applied.push(step.id);
    if (step.proposal) {
      result.written.push(step.proposal.path);
    }
  }
  return result;
}

async function answerQuestions(step: SetupStep, options: SetupRunOptions): Promise<SetupAnswers | undefined> {
  const answers: Record<string, string> = {};
  for (const question of step.questions ?? []) {
    const chosen = options.choose ? await options.choose(step, question) : question.defaultChoice;
    if (chosen === undefined) {
      return undefined;
    }
    answers[question.id] = chosen;
  }
  return answers;
}

/** Applies every step that can change something, in plan order (automation and tests). */
export function applyEverySetupStep(pending: readonly SetupStep[]): Promise<SetupRunResult> {
  return applySetupSteps(pending, { decide: async () => 'apply' });
}
