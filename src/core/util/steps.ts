/**
 * Multi-step commands (promote, roll back, back up) that fail half-way must say which
 * steps happened. Each step runs through `Steps.run`; a failure becomes a StepFailure
 * whose one sentence names the failed step, the steps already done, and that running
 * the command again finishes the job (each step is written to be repeated safely).
 */
import * as l10n from '@vscode/l10n';
import { userMessage, withoutStop } from './userMessage';

/** A step failed after others succeeded; `message` is the sentence the user sees. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';

  constructor(
    /** What succeeded before the failure, in order (e.g. "backed up production as backup/…"). */
    readonly done: readonly string[],
    /** The step that failed (e.g. "opening the release pull request"). */
    readonly failed: string,
    /** The original error: its kind or code still drives the UI (sign-in prompt, stale marking). */
    override readonly cause: unknown,
    command: string,
  ) {
    super(describeStepFailure(done, failed, userMessage(cause), command), { cause });
  }
}

/** One sentence: what failed, after what, why, and that re-running `command` finishes it. Pure. */
export function describeStepFailure(done: readonly string[], failed: string, reason: string, command: string): string {
  // Step names are lower-case phrases meant for the middle of a sentence; the sentence may start with one.
  return capitalized(
    done.length === 0
      ? l10n.t('{0} failed: {1}.', failed, withoutStop(reason))
      : done.length === 1
        ? l10n.t(
            '{0} failed after {1}: {2}; run {3} again to finish without repeating that.',
            failed,
            done[0] ?? '',
            withoutStop(reason),
            command,
          )
        : l10n.t(
            '{0} failed after {1}: {2}; run {3} again to finish without repeating those.',
            failed,
            joinWithAnd(done),
            withoutStop(reason),
            command,
          ),
  );
}

const capitalized = (sentence: string): string => sentence.charAt(0).toUpperCase() + sentence.slice(1);

/** "a, b and c" in the user's language. */
export function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items.at(-1) ?? '');
}

/** Runs a command's steps in order, remembering what each achieved. */
export class Steps {
  private readonly done: string[] = [];

  /** `command` is how the user runs it again, e.g. "EnvFlow: Promote". */
  constructor(private readonly command: string) {}

  /** What the steps so far achieved. */
  get completed(): readonly string[] {
    return this.done;
  }

  /**
   * Runs `body` as the step `doing`; on success records `did(result)` (when given).
   * A failure of a step after others succeeded becomes a StepFailure; the first step's
   * failure too, so the sentence names what failed.
   */
  async run<T>(doing: string, body: () => Promise<T>, did?: (result: T) => string | undefined): Promise<T> {
    let result: T;
    try {
      result = await body();
    } catch (error) {
      if (error instanceof StepFailure) {
        // A nested multi-step body (backup inside promote) already said which of its steps happened.
        throw new StepFailure([...this.done, ...error.done], error.failed, error.cause, this.command);
      }
      throw new StepFailure([...this.done], doing, error, this.command);
    }
    const achieved = did?.(result);
    if (achieved) {
      this.done.push(achieved);
    }
    return result;
  }
}

/** The error a StepFailure wraps (GitError, GitHubError, …), or `error` itself. */
export function rootCause(error: unknown): unknown {
  return error instanceof StepFailure ? rootCause(error.cause) : error;
}
