import * as vscode from 'vscode';
import type { CommandId } from '../../constants';
import type { CommandSpec } from './registry';

/**
 * Commands whose behaviour ships in a later release are registered all the same,
 * so key bindings and menus resolve, and say plainly that they are not built yet.
 */
export function notYetAvailable(id: CommandId, title: string): CommandSpec {
  return {
    id,
    run: async () => {
      await vscode.window.showInformationMessage(`EnvFlow: "${title}" is not available in this version yet.`);
    },
  };
}
