/**
 * Run Tests: runs the repository's tests and records the result for the exact HEAD and
 * working tree it ran on. Where and how they run (a VS Code task and its terminal) is
 * the runner's business, behind `TestRunnerPort`.
 */
import * as l10n from '@vscode/l10n';
import { Settings } from '../model/ids';
import type { FlowConfig } from '../model/flowConfig';
import type { LocalTestRecord } from '../model/snapshot';
import { shortSha } from '../model/sha';
import { fingerprintOf } from '../flow/repositoryModel';
import type { GitRepository } from '../git/repository';
import { parseTestCounts } from '../testing/counts';
import {
  describeCounts,
  testsOutcome,
  formatDuration,
  judgeRun,
  type NotRecordedReason,
  type RunVerdict,
  type TreeIdentity,
} from '../testing/verdict';
import { done, refused, type Outcome } from './outcome';
import type { CancelSignal, Choice, FollowUp, InteractionPort } from './port';
import type { UseCaseInput } from './services';

/** How the tests of a repository run: what the user reads about it and where its output is. */
export interface TestSource {
  /** What ran, as recorded: the shell command, or `task: <name>`. */
  readonly command: string;
  /** Where the command came from (`envflow.testCommand`, a task, detected). */
  readonly label: string;
}

/** What a run produced; `output` only when EnvFlow could read it. */
export interface TestProcessResult {
  readonly exitCode?: number;
  readonly signal?: string;
  readonly cancelled: boolean;
  readonly startError?: string;
  readonly output?: string;
  readonly durationMs: number;
}

export interface TestRunnerPort<S extends TestSource = TestSource> {
  isRunning(root: string): boolean;
  /** The test command; 'dismissed' when the user closed the choice between several, undefined when there is none. */
  resolve(root: string): Promise<S | 'dismissed' | undefined>;
  run(source: S, root: string, cancellation: CancelSignal): Promise<TestProcessResult>;
  /** The action that brings the run's output to the front. */
  showOutput(source?: S): FollowUp;
}

/** Automation arguments: `cancellation` ends the run like the progress notification's Cancel button. */
export interface RunTestsOptions {
  readonly cancellation?: CancelSignal;
}

/** What `envflow.runTests` resolves to when it ran. */
export interface RunTestsResult {
  readonly recorded: boolean;
  /** Absent when the tests did not run to the end. */
  readonly outcome?: 'passed' | 'failed';
  readonly reason?: NotRecordedReason;
  readonly record?: LocalTestRecord;
  readonly message: string;
}

export function runTests<S extends TestSource>(runner: TestRunnerPort<S>) {
  return async ({ port, repo, args }: UseCaseInput): Promise<Outcome<RunTestsResult>> => {
    if (runner.isRunning(repo.root)) {
      const sentence = l10n.t('Tests are already running for this repository.');
      port.notify({ severity: 'info', message: sentence, actions: [showOutput(runner)] });
      return refused(sentence);
    }
    port.progress(l10n.t('Finding the test command…'));
    const source = await runner.resolve(repo.root);
    if (source === 'dismissed') {
      return { kind: 'cancelled' };
    }
    if (!source) {
      const sentence = l10n.t(
        'EnvFlow found no test command for this repository: set {0}, for example to "npm test".',
        `${Settings.section}.${Settings.testCommand}`,
      );
      const openSettings: FollowUp = {
        kind: 'command',
        command: 'workbench.action.openSettings',
        args: [`${Settings.section}.${Settings.testCommand}`],
      };
      port.notify({
        severity: 'info',
        message: sentence,
        actions: [{ label: l10n.t('Open Settings'), value: openSettings }],
      });
      return refused(sentence);
    }
    const before = await identity(repo.git, repo.config);
    port.progress(`${source.command} (${source.label})`);
    const result = await runner.run(source, repo.root, either(port.cancellation, cancellationOf(args)));
    // A cancelled run records nothing, so it needs no second read of the tree.
    const after = result.cancelled ? before : await identity(repo.git, repo.config);
    const verdict = judgeRun({
      command: source.command,
      before,
      after,
      exitCode: result.exitCode,
      signal: result.signal,
      cancelled: result.cancelled,
      startError: result.startError,
      counts: result.output === undefined ? {} : parseTestCounts(result.output),
      durationMs: result.durationMs,
      finishedAt: repo.now(),
    });
    if (verdict.kind === 'recorded') {
      await repo.saveTestRecord(verdict.record);
    }
    tell(port, verdict, showOutput(runner, source));
    return verdict.kind === 'recorded'
      ? done(
          { recorded: true, outcome: verdict.record.outcome, record: verdict.record, message: summary(verdict.record) },
          summary(verdict.record),
        )
      : done(
          { recorded: false, outcome: verdict.outcome, reason: verdict.reason, message: verdict.message },
          verdict.message,
        );
  };
}

/** HEAD and the fingerprint the model compares a record against. */
async function identity(git: GitRepository, config: FlowConfig): Promise<TreeIdentity> {
  const state = await git.readState(config.developBranch, config.productionBranch);
  return { head: state.headSha, fingerprint: await fingerprintOf(git, state) };
}

function showOutput<S extends TestSource>(runner: TestRunnerPort<S>, source?: S): Choice<FollowUp> {
  return { label: l10n.t('Show Output'), value: runner.showOutput(source) };
}

function tell(port: InteractionPort, verdict: RunVerdict, output: Choice<FollowUp>): void {
  if (verdict.kind === 'notRecorded') {
    if (verdict.reason !== 'cancelled') {
      port.notify({ severity: 'warning', message: verdict.message, actions: [output] });
    }
    return;
  }
  const passed = verdict.record.outcome === 'passed';
  port.notify({
    severity: passed ? 'info' : 'error',
    message: summary(verdict.record),
    actions: passed ? [] : [output],
  });
}

function summary(record: LocalTestRecord): string {
  const counts = describeCounts(record);
  const detail = counts
    ? l10n.t('{0} in {1}', counts, formatDuration(record.durationMs))
    : l10n.t('in {0}', formatDuration(record.durationMs));
  return l10n.t('{0} on {1}: {2}.', testsOutcome(record.outcome), shortSha(record.commit), detail);
}

function cancellationOf(raw: unknown): CancelSignal | undefined {
  const candidate = (
    typeof raw === 'object' && raw !== null ? (raw as { cancellation?: unknown }).cancellation : undefined
  ) as Partial<CancelSignal> | undefined;
  return candidate &&
    typeof candidate.onCancellationRequested === 'function' &&
    typeof candidate.isCancellationRequested === 'boolean'
    ? (candidate as CancelSignal)
    : undefined;
}

/** Cancelled when either is. */
function either(first: CancelSignal, second: CancelSignal | undefined): CancelSignal {
  if (!second) {
    return first;
  }
  return {
    get isCancellationRequested() {
      return first.isCancellationRequested || second.isCancellationRequested;
    },
    onCancellationRequested(listener) {
      const links = [first.onCancellationRequested(listener), second.onCancellationRequested(listener)];
      return { dispose: () => links.forEach((link) => link.dispose()) };
    },
  };
}
