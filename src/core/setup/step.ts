/** One setup step as the plan reads it and the run applies it, with the choices it asks for. */
import * as l10n from '@vscode/l10n';
import type { GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import type { FlowConfig } from '../model/flowConfig';

export type StepStatus = 'done' | 'missing' | 'partial' | 'blocked';

export interface SetupStep {
  readonly id: string;
  readonly title: string;
  readonly status: StepStatus;
  /** Exactly what applying changes, "Already done.", or why it is blocked: for the user. */
  readonly description: string;
  /** File steps: the file EnvFlow proposes, to show as a diff against the existing one. */
  readonly proposal?: { readonly path: string; readonly content: string };
  /** Choices the user makes before the step applies (approvals, reviewers); each shown with its options. */
  readonly questions?: readonly SetupQuestion[];
  /** Present when the step can change something; resolves with what it did. Unanswered questions take their default. */
  readonly apply?: (answers?: SetupAnswers) => Promise<string>;
  /** With `apply`: the step as a half-way failure's sentence names it ("creating develop at 1a2b3c4"). */
  readonly doing?: string;
}

export interface SetupChoice {
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
}

export interface SetupQuestion {
  readonly id: string;
  readonly prompt: string;
  readonly choices: readonly SetupChoice[];
  /** Taken when nobody is asked (automation, tests) and offered first. */
  readonly defaultChoice: string;
}

/** The develop step's title; other steps' sentences point the user at it by name. */
export const createBranchTitle = (branch: string): string => l10n.t('Create {0}', branch);

/** Question id → chosen choice id. */
export type SetupAnswers = Readonly<Record<string, string>>;

/** The chosen choice of a question, or its default when it was not answered with one of its choices. */
export function answerOf(question: SetupQuestion, answers: SetupAnswers | undefined): string {
  const answer = answers?.[question.id];
  return answer !== undefined && question.choices.some((choice) => choice.id === answer)
    ? answer
    : question.defaultChoice;
}

/**
 * GitHub refused a step for good (no admin rights, a plan without protection): the
 * other steps still run, and the sentence is said at the end, like a blocked step's.
 */
export class SetupStepRefused extends Error {}

export interface SetupContext {
  readonly root: string;
  readonly git: GitRepository;
  /** Undefined when signed out or the remote is not on GitHub; `offline` says why. */
  readonly client?: GitHubClient;
  readonly offline?: string;
  readonly config: FlowConfig;
  readonly remote?: string;
}
