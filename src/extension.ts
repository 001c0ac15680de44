import * as vscode from 'vscode';
import { Container } from './container';
import type { EnvFlowApi } from './envflow';

let container: Container | undefined;

/**
 * Builds the container and returns the public API. No git process, no socket and
 * no GitHub client on this path: the first refresh starts after activation returns.
 */
export function activate(context: vscode.ExtensionContext): EnvFlowApi {
  // A mark, not a field of the API: the benchmark times the first tree from here (test/bench/README.md).
  const started = performance.mark('envflow:activate').startTime;
  container = new Container(context);
  context.subscriptions.push(container);
  const activationMs = performance.now() - started;
  container.log.info(`activated in ${activationMs.toFixed(1)} ms`);
  // The first discovery and refresh run after activation has returned.
  setTimeout(() => void container?.start(), 0);
  return container.api(activationMs);
}

export function deactivate(): void {
  container = undefined;
}
