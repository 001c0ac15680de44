/** Helpers shared by the host suites: activation and waiting on what EnvFlow shows. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { AlertEvent, CommandRunEvent, EnvFlowApi, RepositorySnapshot } from '../../src/envflow';

export async function activateEnvFlow(): Promise<EnvFlowApi> {
  const extension = vscode.extensions.getExtension<EnvFlowApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this host`);
  }
  return extension.activate();
}

/** Resolves with the first snapshot matching `predicate`, failing after `timeoutMs`. */
export async function waitForSnapshot(
  api: EnvFlowApi,
  predicate: (snapshot: RepositorySnapshot) => boolean,
  timeoutMs = 20_000,
): Promise<RepositorySnapshot> {
  const current = api.getSnapshot();
  if (current && predicate(current)) {
    return current;
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no matching snapshot within ${timeoutMs} ms; last: ${JSON.stringify(api.getSnapshot())?.slice(0, 1500)}`));
    }, timeoutMs);
    const listener = api.onDidChangeSnapshot((event) => {
      if (predicate(event.snapshot)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(event.snapshot);
      }
    });
  });
}

/** The next snapshot EnvFlow publishes (any refresh), failing after `timeoutMs`. */
export function nextSnapshot(api: EnvFlowApi, timeoutMs = 30_000): Promise<RepositorySnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no refresh within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = api.onDidChangeSnapshot((event) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(event.snapshot);
    });
  });
}

/**
 * Runs an EnvFlow command and resolves with what it returned and how it ended
 * (`onDidRunCommand`), so a test can tell a refusal from a cancel from a failure.
 */
export async function runCommand<T = unknown>(api: EnvFlowApi, command: string, ...args: unknown[]): Promise<{ value: T | undefined; run: CommandRunEvent }> {
  let run: CommandRunEvent | undefined;
  const listener = api.onDidRunCommand((event) => {
    // The first run of this command to end is this one: a command it starts (the gate's fix) ends before it.
    if (event.command === command && !run) {
      run = event;
    }
  });
  try {
    const value = await vscode.commands.executeCommand<T>(command, ...args);
    assert.ok(run, `${command} ended without reporting how`);
    return { value, run };
  } finally {
    listener.dispose();
  }
}

/** The next change of the workspace's folders (`updateWorkspaceFolders` resolves before it is applied). */
export function nextFoldersChange(): Promise<vscode.WorkspaceFoldersChangeEvent> {
  return new Promise((resolve) => {
    const listener = vscode.workspace.onDidChangeWorkspaceFolders((event) => {
      listener.dispose();
      resolve(event);
    });
  });
}

/** Collects the alerts EnvFlow raises from now on. */
export function recordAlerts(api: EnvFlowApi): { readonly alerts: AlertEvent[]; dispose(): void } {
  const alerts: AlertEvent[] = [];
  const listener = api.onDidAlert((alert) => alerts.push(alert));
  return { alerts, dispose: () => listener.dispose() };
}

/** Prints a figure so it shows in the launcher's output next to the test (see scripts/mocha-reporter.cjs). */
export function report(line: string): void {
  const reporter = (globalThis as { envflowTestReport?: (line: string) => void }).envflowTestReport;
  (reporter ?? console.log)(line);
}
