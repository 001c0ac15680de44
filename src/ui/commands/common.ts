import * as vscode from 'vscode';
import type { CommandServices } from './services';
import type { RepositoryModel } from '../../core/flow/repositoryModel';
import { notificationText } from '../format';
import { openWebUrl } from '../openWebUrl';

/** The repository a command acts on, or one sentence with the way out. */
export function requireRepository(c: CommandServices): RepositoryModel {
  const model = c.repositories.pick();
  if (!model) {
    throw new Error('EnvFlow found no git repository in this workspace: open a folder that holds one.');
  }
  return model;
}

/**
 * Tells the user what a command did, with an "Open on GitHub" button. Never awaited by
 * the command: its progress and the busy state end now, not when the toast is closed.
 */
export function announce(message: string, url: string): void {
  void vscode.window
    .showInformationMessage(notificationText(message), 'Open on GitHub')
    .then((action) => action && openWebUrl(url));
}
