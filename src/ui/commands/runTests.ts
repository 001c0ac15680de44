import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Logger } from '../../core/log';
import type { CancelSignal } from '../../core/usecases/port';
import { runTests, type TestRunnerPort } from '../../core/usecases/runTests';
import { resolveTestCommand, type TestCommandSource } from '../testing/commandSource';
import { TEST_TASK_NAME, TestRunner } from '../testing/testRunner';
import type { CommandSpec } from './registry';

export type { RunTestsOptions, RunTestsResult } from '../../core/usecases/runTests';

type Source = TestCommandSource & { readonly command: string };

/**
 * `envflow.runTests`: the tests run as a VS Code task in a terminal; the use case
 * decides what the run means. The runner is disposed with the extension, so
 * deactivation ends a run still going instead of leaving its processes behind.
 */
export function runTestsCommand(runner: TestRunner, logger: Logger): CommandSpec {
  const port: TestRunnerPort<Source> = {
    isRunning: (root) => runner.isRunning(root),
    resolve: async (root) => {
      const source = await resolveTestCommand(root);
      return source === 'dismissed' || !source
        ? source
        : { ...source, command: source.kind === 'task' ? `task: ${source.task.name}` : source.command };
    },
    run: async (source, root, cancellation) => {
      logger.info(`running tests in ${root}: ${source.command} (from ${source.label})`);
      const cancel = new vscode.CancellationTokenSource();
      const link = cancellation.onCancellationRequested(() => cancel.cancel());
      if (cancellation.isCancellationRequested) {
        cancel.cancel();
      }
      try {
        return await runner.run(source, root, cancel.token as CancelSignal);
      } finally {
        link.dispose();
        cancel.dispose();
      }
    },
    showOutput: (source) => ({
      kind: 'local',
      run: () => runner.showOutput(source?.kind === 'task' ? source.task.name : TEST_TASK_NAME),
    }),
  };
  return {
    id: Commands.runTests,
    progressTitle: () => vscode.l10n.t('Running tests'),
    needs: { repository: true },
    refreshes: 'local',
    run: runTests(port),
  };
}
