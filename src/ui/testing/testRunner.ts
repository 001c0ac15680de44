import * as vscode from 'vscode';
import type { CancelSignal } from '../../core/usecases/port';
import type { TestProcessResult } from '../../core/usecases/runTests';
import { Disposable, toDisposable } from '../../util/disposable';
import type { TestCommandSource } from './commandSource';
import { TestPseudoterminal } from './testTerminal';

export type { TestProcessResult } from '../../core/usecases/runTests';

/** The name of EnvFlow's test task, and of its terminal. */
export const TEST_TASK_NAME = 'Run Tests';
const TASK_SOURCE = 'EnvFlow';

/**
 * Runs a repository's tests as a VS Code task, one run per repository at a time.
 * A shell command runs in EnvFlow's own task (a CustomExecution over
 * TestPseudoterminal); a configured test task runs as itself, so its problem
 * matchers and terminal settings apply, and reports only its exit code.
 * Disposing (deactivation) ends every run still going.
 */
export class TestRunner extends Disposable {
  private readonly running = new Map<string, () => void>();

  constructor() {
    super();
    this._register(toDisposable(() => [...this.running.values()].forEach((cancel) => cancel())));
  }

  isRunning(root: string): boolean {
    return this.running.has(root);
  }

  async run(source: TestCommandSource, root: string, token: CancelSignal): Promise<TestProcessResult> {
    if (this.running.has(root)) {
      throw new Error(vscode.l10n.t('Tests are already running for this repository: see the Run Tests terminal.'));
    }
    const cancel = new vscode.CancellationTokenSource();
    const link = token.onCancellationRequested(() => cancel.cancel());
    this.running.set(root, () => cancel.cancel());
    try {
      return source.kind === 'task'
        ? await this.runTask(source.task, cancel.token)
        : await this.runCommand(source.command, root, cancel.token);
    } finally {
      this.running.delete(root);
      link.dispose();
      cancel.dispose();
    }
  }

  /** Brings the terminal of the latest run of the task called `taskName` to the front. */
  async showOutput(taskName: string): Promise<void> {
    // A task's terminal carries the task's name (with the folder in a multi-root workspace).
    const terminal = [...vscode.window.terminals].reverse().find((t) => t.name.includes(taskName));
    if (terminal) {
      terminal.show(true);
    } else {
      await vscode.commands.executeCommand('workbench.action.terminal.focus');
    }
  }

  private async runCommand(command: string, root: string, token: vscode.CancellationToken): Promise<TestProcessResult> {
    const pty = new TestPseudoterminal(command, root);
    const task = new vscode.Task(
      { type: 'envflow', command },
      folderOf(root) ?? vscode.TaskScope.Workspace,
      TEST_TASK_NAME,
      TASK_SOURCE,
      new vscode.CustomExecution(async () => pty),
    );
    task.group = vscode.TaskGroup.Test;
    // Shown as it streams but without taking focus from the editor; one terminal reused per run.
    task.presentationOptions = {
      reveal: vscode.TaskRevealKind.Always,
      focus: false,
      panel: vscode.TaskPanelKind.Dedicated,
      clear: true,
      showReuseMessage: false,
      echo: false,
    };
    let execution: vscode.TaskExecution | undefined;
    const cancelled = token.onCancellationRequested(() => pty.cancel());
    // If VS Code ends the task before opening the terminal, the command never ran.
    const ended = vscode.tasks.onDidEndTask((e) => {
      if (e.execution === execution && !pty.hasStarted) {
        pty.cancel();
      }
    });
    try {
      execution = await vscode.tasks.executeTask(task);
      if (token.isCancellationRequested) {
        pty.cancel();
      }
      return await pty.result;
    } finally {
      cancelled.dispose();
      ended.dispose();
    }
  }

  private async runTask(task: vscode.Task, token: vscode.CancellationToken): Promise<TestProcessResult> {
    const started = Date.now();
    let execution: vscode.TaskExecution | undefined;
    let exitCode: number | undefined;
    let userCancelled = false;
    const mine = (e: { execution: vscode.TaskExecution }) => e.execution === execution || e.execution.task === task;
    const disposables: vscode.Disposable[] = [];
    const finished = new Promise<void>((resolve) => {
      disposables.push(
        vscode.tasks.onDidEndTaskProcess((e) => {
          if (mine(e)) {
            exitCode = e.exitCode;
          }
        }),
        // A task's process ends before the task does; a task without a process ends only here.
        vscode.tasks.onDidEndTask((e) => {
          if (mine(e)) {
            resolve();
          }
        }),
      );
    });
    disposables.push(
      token.onCancellationRequested(() => {
        userCancelled = true;
        execution?.terminate();
      }),
    );
    try {
      execution = await vscode.tasks.executeTask(task);
      if (token.isCancellationRequested) {
        userCancelled = true;
        execution.terminate();
      }
      await finished;
      return { exitCode, cancelled: userCancelled, durationMs: Date.now() - started };
    } finally {
      disposables.forEach((d) => d.dispose());
    }
  }
}

/** The workspace folder that is the repository or lies inside it. */
function folderOf(root: string): vscode.WorkspaceFolder | undefined {
  const holding = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
  return holding ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.fsPath.startsWith(root));
}
