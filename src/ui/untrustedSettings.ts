import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { ignoredSettingsMessage, restrictedSettingsIn } from './restrictedSettings';

/**
 * In an untrusted workspace, tells the user once that the folders' own
 * `envflow.testCommand` / `envflow.github.apiUrl` are ignored (VS Code drops them;
 * EnvFlow says so, so nobody wonders why the folder's test command is not used).
 * Reads the settings files as text through `workspace.fs`: no process, no git.
 * Returns the sentence shown, or undefined when no folder sets them.
 */
export async function warnIgnoredRestrictedSettings(log: Logger): Promise<string | undefined> {
  const files = (vscode.workspace.workspaceFolders ?? []).map((folder) =>
    vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'),
  );
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') {
    files.push(workspaceFile);
  }
  const keys = new Set<string>();
  for (const file of files) {
    try {
      restrictedSettingsIn(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))).forEach((key) =>
        keys.add(key),
      );
    } catch {
      // No settings file: nothing to ignore.
    }
  }
  if (keys.size === 0) {
    return undefined;
  }
  const message = ignoredSettingsMessage([...keys]);
  log.info(message);
  void vscode.window.showWarningMessage(message, vscode.l10n.t('Manage Workspace Trust')).then((picked) => {
    if (picked) {
      void vscode.commands.executeCommand('workbench.trust.manage');
    }
  });
  return message;
}
