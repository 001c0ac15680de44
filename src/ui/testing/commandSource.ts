import * as vscode from 'vscode';
import { detectTestCommand } from '../../core/testing/detect';
import { isInside } from '../../core/util/paths';
import { readFlowConfig } from '../config';

/** How a repository's tests are run, in the order the README gives for `envflow.runTests`: the setting, then what the repository itself declares. */
export type TestCommandSource =
  | { readonly kind: 'setting'; readonly command: string; readonly label: string }
  | { readonly kind: 'task'; readonly task: vscode.Task; readonly label: string }
  | { readonly kind: 'detected'; readonly command: string; readonly label: string };

/**
 * The `envflow.testCommand` setting, else a task of the `test` group the user
 * configured, else the project's conventional command; undefined when there is none.
 * Undefined is also returned when the user dismisses the choice between several tasks.
 */
export async function resolveTestCommand(root: string): Promise<TestCommandSource | 'dismissed' | undefined> {
  const setting = readFlowConfig(vscode.Uri.file(root)).testCommand.trim();
  if (setting) {
    return { kind: 'setting', command: setting, label: 'envflow.testCommand' };
  }
  const task = await pickTestTask(root);
  if (task === 'dismissed') {
    return task;
  }
  if (task) {
    return { kind: 'task', task, label: `task "${task.name}"` };
  }
  const detected = await detectTestCommand(root);
  return detected && { kind: 'detected', command: detected.command, label: detected.source };
}

/**
 * Only tasks the user configured count (tasks.json or user tasks, or any task the user
 * made the default test task): providers such as the npm extension auto-detect a
 * `test` task for every script, and running those through the task system would hide
 * the output EnvFlow reads counts from, while detection finds the same script anyway.
 */
async function pickTestTask(root: string): Promise<vscode.Task | 'dismissed' | undefined> {
  const tasks = (await vscode.tasks.fetchTasks()).filter(
    (t) =>
      t.group?.id === vscode.TaskGroup.Test.id &&
      (CONFIGURED.has(t.source) || t.group.isDefault === true) &&
      appliesTo(t, root),
  );
  const preferred = tasks.find((t) => t.group?.isDefault) ?? (tasks.length === 1 ? tasks[0] : undefined);
  if (preferred || tasks.length === 0) {
    return preferred;
  }
  const picked = await vscode.window.showQuickPick(
    tasks.map((task) => ({ label: task.name, detail: task.detail, task })),
    {
      title: vscode.l10n.t('Run Tests Locally'),
      placeHolder: vscode.l10n.t('Which test task runs the tests of this repository?'),
    },
  );
  return picked?.task ?? 'dismissed';
}

/** `Task.source` of tasks from tasks.json and from the user's tasks. */
const CONFIGURED = new Set(['Workspace', 'User']);

/** A folder task applies when its folder is the repository or inside it, or holds it. */
function appliesTo(task: vscode.Task, root: string): boolean {
  const scope = task.scope;
  if (typeof scope !== 'object' || scope === null) {
    return true;
  }
  const folder = scope.uri.fsPath;
  return isInside(root, folder) || isInside(folder, root);
}
