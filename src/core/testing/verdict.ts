/**
 * Decides what a finished test run means for the gate: a record for the exact commit
 * and working tree it ran on, or the reason there is none. A record is a promise to
 * the pull-request gate ("these tests passed on this tree"), so anything that breaks
 * that promise (a cancel, HEAD or files changing mid-run, a command that never ran)
 * leaves no record rather than a doubtful one.
 */
import * as l10n from '@vscode/l10n';
import type { LocalTestRecord } from '../model/snapshot';
import type { TestCounts } from './counts';

/** HEAD and the working tree, read before and after the run. */
export interface TreeIdentity {
  /** Undefined on an unborn branch. */
  readonly head?: string;
  /** `fingerprintOf(git, state)`. */
  readonly fingerprint: string;
}

export interface FinishedRun {
  readonly command: string;
  readonly before: TreeIdentity;
  readonly after: TreeIdentity;
  /** Undefined when the process ended by a signal or its exit code is unknown. */
  readonly exitCode?: number;
  /** Ended by a signal nobody here sent (out of memory, killed from outside). */
  readonly signal?: string;
  readonly cancelled: boolean;
  readonly startError?: string;
  readonly counts: TestCounts;
  readonly durationMs: number;
  readonly finishedAt: Date;
}

export type NotRecordedReason =
  'cancelled' | 'couldNotStart' | 'unknownExit' | 'noCommit' | 'headMoved' | 'filesChanged';

export type RunVerdict =
  | { readonly kind: 'recorded'; readonly record: LocalTestRecord }
  | {
      readonly kind: 'notRecorded';
      readonly reason: NotRecordedReason;
      /** What the tests said, when they did run to the end. */
      readonly outcome?: 'passed' | 'failed';
      /** One sentence for the user. */
      readonly message: string;
    };

/** POSIX shells exit 126 (not executable) and 127 (not found) when the command itself cannot run. */
const SHELL_COULD_NOT_RUN = new Set([126, 127]);

export function judgeRun(run: FinishedRun): RunVerdict {
  if (run.cancelled) {
    return {
      kind: 'notRecorded',
      reason: 'cancelled',
      message: l10n.t('The test run was cancelled; nothing was recorded.'),
    };
  }
  if (run.startError !== undefined || (run.exitCode !== undefined && SHELL_COULD_NOT_RUN.has(run.exitCode))) {
    const why =
      run.startError ?? (run.exitCode === 127 ? l10n.t('command not found') : l10n.t('command not executable'));
    return {
      kind: 'notRecorded',
      reason: 'couldNotStart',
      message: l10n.t('The test command {0} could not run ({1}); nothing was recorded.', `\`${run.command}\``, why),
    };
  }
  if (run.exitCode === undefined && run.signal === undefined) {
    return {
      kind: 'notRecorded',
      reason: 'unknownExit',
      message: l10n.t('The test task ended without an exit code, so its result is unknown; nothing was recorded.'),
    };
  }
  const outcome = run.exitCode === 0 ? 'passed' : 'failed';
  if (!run.before.head) {
    return {
      kind: 'notRecorded',
      reason: 'noCommit',
      outcome,
      message: `${testsOutcome(outcome)}${l10n.t(', but the branch has no commit yet: a result is recorded for a commit.')}`,
    };
  }
  if (run.after.head !== run.before.head) {
    return {
      kind: 'notRecorded',
      reason: 'headMoved',
      outcome,
      message: `${testsOutcome(outcome)}${l10n.t(', but HEAD moved during the run, so the result is not recorded: run the tests again.')}`,
    };
  }
  if (run.after.fingerprint !== run.before.fingerprint) {
    return {
      kind: 'notRecorded',
      reason: 'filesChanged',
      outcome,
      message: `${testsOutcome(outcome)}${l10n.t(', but files changed during the run, so the result is not recorded: run the tests again.')}`,
    };
  }
  return {
    kind: 'recorded',
    record: {
      outcome,
      commit: run.before.head,
      treeFingerprint: run.before.fingerprint,
      command: run.command,
      ...definedCounts(run.counts),
      durationMs: run.durationMs,
      finishedAt: run.finishedAt.toISOString(),
    },
  };
}

/** Only the counts the output gave: an absent count is unknown, not zero. */
function definedCounts(counts: TestCounts): TestCounts {
  const result: TestCounts = {};
  for (const key of ['passed', 'failed', 'skipped'] as const) {
    if (counts[key] !== undefined) {
      result[key] = counts[key];
    }
  }
  return result;
}

/** "Tests passed" or "Tests failed", the start of every sentence about a run's result. */
export function testsOutcome(outcome: 'passed' | 'failed'): string {
  return outcome === 'passed' ? l10n.t('Tests passed') : l10n.t('Tests failed');
}

/** `3 passed, 1 failed, 2 skipped`, leaving out unknown counts; empty when none is known. */
export function describeCounts(counts: TestCounts): string {
  const parts: string[] = [];
  if (counts.passed !== undefined) {
    parts.push(l10n.t('{0} passed', counts.passed));
  }
  if (counts.failed !== undefined && (counts.failed > 0 || counts.passed === undefined)) {
    parts.push(l10n.t('{0} failed', counts.failed));
  }
  if (counts.skipped) {
    parts.push(l10n.t('{0} skipped', counts.skipped));
  }
  return parts.join(', ');
}

/** `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
