import * as vscode from 'vscode';
import { Container } from './container';
import type { EnvFlowApi } from './envflow';
import { shareBundleWithCore } from './ui/localization';

let container: Container | undefined;

/**
 * Builds the container and returns the public API. No git process, no socket and
 * no GitHub client on this path: the first refresh starts after activation returns.
 *
 * The synchronous part only yields: VS Code counts it against the window it activates
 * in, while it awaits the returned promise before running a command or filling a view
 * that triggered activation, so building the container a task later costs them nothing.
 */
export async function activate(context: vscode.ExtensionContext): Promise<EnvFlowApi> {
  // Marks, not fields of the API: the benchmark times the synchronous part and the first
  // tree from here, and the host test checks the container is built only after the yield
  // (test/bench/README.md).
  performance.mark('envflow:activate');
  const yielded = new Promise<void>((resolve) => setImmediate(resolve));
  performance.measure('envflow:activate:sync', 'envflow:activate');
  await yielded;
  performance.mark('envflow:container');
  const started = performance.now();
  // Before the container: its status bar items and first tree already speak the user's language.
  shareBundleWithCore();
  container = new Container(context);
  context.subscriptions.push(container);
  const activationMs = performance.now() - started;
  container.log.debug(`activated in ${activationMs.toFixed(1)} ms`);
  // The first discovery and refresh run after activation has returned.
  setTimeout(() => void container?.start(), 0);
  return container.api(activationMs);
}

export function deactivate(): void {
  container = undefined;
}
