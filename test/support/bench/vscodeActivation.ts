/**
 * VS Code's own activation figures, the ones "Developer: Show Running Extensions" shows:
 * code loading plus the activate() call, as the extension host timed them. No extension
 * API exposes them, but the workbench's "Developer: Startup Performance" document lists
 * the same times per extension (Load Code, Call Activate), and an extension may open
 * that document like any other.
 */
import * as vscode from 'vscode';
import { waitUntil } from '../waitUntil';

const STARTUP_PERFORMANCE = vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' });

export interface VsCodeActivation {
  readonly extensionId: string;
  /** Load Code + Call Activate: the Running Extensions figure. */
  readonly ms: number;
  readonly loadCodeMs: number;
  readonly callActivateMs: number;
  /** Whether VS Code counted it as startup activation (Eager). */
  readonly startup: boolean;
  readonly activationEvent: string;
}

/** Every activated extension's figures, once `extensionId` is among them. */
export async function vscodeActivations(extensionId: string, timeoutMs = 30_000): Promise<VsCodeActivation[]> {
  // The workbench registers the `perf:` document only once this command ran.
  await vscode.commands.executeCommand('perfview.show');
  const document = await vscode.workspace.openTextDocument(STARTUP_PERFORMANCE);
  let rows: VsCodeActivation[] = [];
  // The document says "Loading..." until the window reached its last startup phase.
  await waitUntil(
    `VS Code's Startup Performance lists ${extensionId}`,
    () => (rows = activationRows(document.getText())).some((row) => sameId(row.extensionId, extensionId)),
    timeoutMs,
  );
  return rows;
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The rows of `| Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |`. */
function activationRows(text: string): VsCodeActivation[] {
  const heading = text.indexOf('## Extension Activation Stats');
  if (heading < 0) {
    return [];
  }
  const table = text.slice(heading).split('\n\n')[1] ?? '';
  return table
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells.length >= 6)
    .map(([extensionId, eager, loadCode, callActivate, , activationEvent]) => ({
      extensionId: extensionId!,
      ms: Number(loadCode) + Number(callActivate),
      loadCodeMs: Number(loadCode),
      callActivateMs: Number(callActivate),
      startup: eager === 'true',
      activationEvent: activationEvent!,
    }));
}
