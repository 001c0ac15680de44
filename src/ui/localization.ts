import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Hands the bundle VS Code already loaded for the display language to `@vscode/l10n`,
 * which translates the sentences built outside the vscode module (core, the pure tree
 * and status bar models). No file is read: in English there is no bundle and every
 * sentence stays as written in the code.
 */
export function shareBundleWithCore(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}
