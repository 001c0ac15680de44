/**
 * The interaction port with scripted answers, for driving the real use cases in plain
 * Node: every question goes to the script (by default the first choice, like pressing
 * Enter; no typed input), every notice and follow-up is recorded, and a follow-up to
 * another command can run that command's use case too.
 */
import type {
  CancelSignal,
  Choice,
  FollowUp,
  InputRequest,
  InteractionPort,
  Notice,
  PickRequest,
  Question,
} from '../../../src/core/usecases/port';

export interface Script {
  confirm?<T>(question: Question, choices: readonly Choice<T>[]): T | undefined;
  pick?<T>(request: PickRequest, items: readonly Choice<T>[]): T | undefined;
  input?(request: InputRequest): string | undefined;
  /** Carries out a follow-up (e.g. runs the tests for the gate's "Run the tests"). */
  follow?(followUp: FollowUp): Promise<void>;
}

const neverCancelled: CancelSignal = {
  isCancellationRequested: false,
  onCancellationRequested: () => ({ dispose: () => undefined }),
};

export class ScriptedPort implements InteractionPort {
  readonly questions: string[] = [];
  readonly notices: Notice[] = [];
  readonly followed: FollowUp[] = [];
  readonly progressed: string[] = [];

  constructor(private readonly script: Script = {}) {}

  readonly cancelled = (): boolean => false;
  readonly cancellation = neverCancelled;

  async confirm<T>(question: Question, choices: readonly Choice<T>[]): Promise<T | undefined> {
    this.questions.push(question.message);
    return this.script.confirm ? this.script.confirm(question, choices) : choices[0]?.value;
  }

  async pick<T>(request: PickRequest, items: readonly Choice<T>[]): Promise<T | undefined> {
    this.questions.push(request.title);
    return this.script.pick ? this.script.pick(request, items) : items[0]?.value;
  }

  async input(request: InputRequest): Promise<string | undefined> {
    this.questions.push(request.title);
    return this.script.input?.(request);
  }

  progress(message: string): void {
    this.progressed.push(message);
  }

  task<T>(title: string, work: () => Promise<T>): Promise<T> {
    this.progressed.push(title);
    return work();
  }

  notify(notice: Notice): void {
    this.notices.push(notice);
  }

  async follow(followUp: FollowUp): Promise<void> {
    this.followed.push(followUp);
    await this.script.follow?.(followUp);
  }
}
