import * as vscode from 'vscode';
import { Commands, Settings } from '../../constants';
import type { CommandServices } from './services';
import type { FlowConfig } from '../../core/model/flowConfig';
import { fingerprintOf, type RepositoryModel } from '../../core/flow/repositoryModel';
import type { LocalTestRecord } from '../../core/model/snapshot';
import type { GitRepository } from '../../core/git/repository';
import { parseTestCounts } from '../../core/testing/counts';
import { describeCounts, formatDuration, judgeRun, type NotRecordedReason, type RunVerdict, type TreeIdentity } from '../../core/testing/verdict';
import { readFlowConfig } from '../config';
import { resolveTestCommand, type TestCommandSource } from '../testing/commandSource';
import { TEST_TASK_NAME, TestRunner } from '../testing/testRunner';
import type { CommandContext, CommandSpec } from './registry';

/**
 * Arguments for automation (tests, other extensions): `cancellation` ends the run
 * like the progress notification's Cancel button does.
 */
export interface RunTestsOptions {
  readonly cancellation?: vscode.CancellationToken;
}

/** What `envflow.runTests` resolves to; undefined when it ran nothing. */
export interface RunTestsResult {
  readonly recorded: boolean;
  /** Absent when the tests did not run to the end. */
  readonly outcome?: 'passed' | 'failed';
  readonly reason?: NotRecordedReason;
  readonly record?: LocalTestRecord;
  readonly message: string;
}

/**
 * `envflow.runTests`: runs the repository's tests in a terminal and
 * records the result for the exact HEAD and working tree it ran on.
 */
export function runTestsCommand(c: CommandServices): CommandSpec {
  const runner = new TestRunner();
  // Deactivation ends a run still going instead of leaving its processes behind.
  c.context.subscriptions.push(runner);
  return {
    id: Commands.runTests,
    mutates: false,
    progressTitle: 'Running tests',
    run: (ctx, options) => runTests(c, runner, ctx, options),
  };
}

async function runTests(c: CommandServices, runner: TestRunner, ctx: CommandContext, raw: unknown): Promise<RunTestsResult | undefined> {
  const model = c.repositories.pick();
  if (!model) {
    throw new Error('EnvFlow found no git repository in this workspace: open a folder that holds one.');
  }
  if (runner.isRunning(model.root)) {
    offer(vscode.window.showInformationMessage('Tests are already running for this repository.', 'Show Output'), () => runner.showOutput(TEST_TASK_NAME));
    return undefined;
  }
  ctx.progress.report({ message: 'Finding the test command…' });
  const source = await resolveTestCommand(model.root);
  if (source === 'dismissed') {
    return undefined;
  }
  if (!source) {
    offer(
      vscode.window.showInformationMessage(
        'EnvFlow found no test command for this repository: set envflow.testCommand, for example to "npm test".',
        'Open Settings',
      ),
      () => vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${Settings.testCommand}`),
    );
    return undefined;
  }
  return runAndRecord(c, runner, model, source, ctx, cancellationOf(raw));
}

async function runAndRecord(
  c: CommandServices,
  runner: TestRunner,
  model: RepositoryModel,
  source: TestCommandSource,
  ctx: CommandContext,
  extraToken: vscode.CancellationToken | undefined,
): Promise<RunTestsResult> {
  const root = model.root;
  const git = c.gitOf(model);
  const config = readFlowConfig(vscode.Uri.file(root));
  const command = source.kind === 'task' ? `task: ${source.task.name}` : source.command;
  const before = await identity(git, config);
  const cancel = new vscode.CancellationTokenSource();
  const links = [ctx.token, extraToken].map((t) => t?.onCancellationRequested(() => cancel.cancel()));
  if (ctx.token.isCancellationRequested || extraToken?.isCancellationRequested) {
    cancel.cancel();
  }
  ctx.progress.report({ message: `${command} (${source.label})` });
  c.log.info(`running tests in ${root}: ${command} (from ${source.label})`);
  try {
    const result = await runner.run(source, root, cancel.token);
    // A cancelled run records nothing, so it needs no second read of the tree.
    const after = result.cancelled ? before : await identity(git, config);
    const verdict = judgeRun({
      command,
      before,
      after,
      exitCode: result.exitCode,
      signal: result.signal,
      cancelled: result.cancelled,
      startError: result.startError,
      counts: result.output === undefined ? {} : parseTestCounts(result.output),
      durationMs: result.durationMs,
      finishedAt: new Date(),
    });
    c.log.info(`tests in ${root}: ${verdict.kind === 'recorded' ? `${verdict.record.outcome}, recorded` : `not recorded (${verdict.reason})`}, exit ${result.exitCode ?? result.signal ?? 'unknown'}`);
    if (verdict.kind === 'recorded') {
      await c.testRecords.set(root, verdict.record);
      await c.repositories.refresh(model, 'local');
    }
    announce(verdict, () => runner.showOutput(source.kind === 'task' ? source.task.name : TEST_TASK_NAME));
    return verdict.kind === 'recorded'
      ? { recorded: true, outcome: verdict.record.outcome, record: verdict.record, message: summary(verdict.record) }
      : { recorded: false, outcome: verdict.outcome, reason: verdict.reason, message: verdict.message };
  } finally {
    links.forEach((l) => l?.dispose());
    cancel.dispose();
  }
}

/** HEAD and the fingerprint the model compares a record against. */
async function identity(git: GitRepository, config: FlowConfig): Promise<TreeIdentity> {
  const state = await git.readState(config.developBranch, config.productionBranch);
  return { head: state.headSha, fingerprint: await fingerprintOf(git, state) };
}

/** The notification: never awaited, so the command (and its progress) ends with the run. */
function announce(verdict: RunVerdict, showOutput: () => Promise<void>): void {
  if (verdict.kind === 'notRecorded') {
    if (verdict.reason !== 'cancelled') {
      offer(vscode.window.showWarningMessage(verdict.message, 'Show Output'), showOutput);
    }
    return;
  }
  if (verdict.record.outcome === 'passed') {
    void vscode.window.showInformationMessage(summary(verdict.record));
  } else {
    offer(vscode.window.showErrorMessage(summary(verdict.record), 'Show Output'), showOutput);
  }
}

function summary(record: LocalTestRecord): string {
  const counts = describeCounts(record);
  const detail = counts ? `${counts} in ${formatDuration(record.durationMs)}` : `in ${formatDuration(record.durationMs)}`;
  return `Tests ${record.outcome} on ${record.commit.slice(0, 7)}: ${detail}.`;
}

function offer(choice: Thenable<string | undefined>, act: () => Thenable<unknown> | Promise<unknown>): void {
  void Promise.resolve(choice).then((picked) => (picked ? act() : undefined));
}

function cancellationOf(raw: unknown): vscode.CancellationToken | undefined {
  const token = (typeof raw === 'object' && raw !== null ? (raw as RunTestsOptions).cancellation : undefined) as unknown;
  const candidate = token as Partial<vscode.CancellationToken> | undefined;
  return candidate && typeof candidate.onCancellationRequested === 'function' && typeof candidate.isCancellationRequested === 'boolean'
    ? (candidate as vscode.CancellationToken)
    : undefined;
}
