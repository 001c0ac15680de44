import * as vscode from 'vscode';
import { Commands, Views } from '../../constants';
import type { CommandServices } from './services';
import { readFlowConfig } from '../config';
import { signOutOfGitHub } from '../signOut';
import { EnvElement } from '../views/environmentsTree';
import type { CommandSpec } from './registry';
import { openWebUrl } from '../openWebUrl';

/** Commands that show, refresh and sign in: everything except the workflow actions. */
export function viewCommands(c: CommandServices): CommandSpec[] {
  return [
    {
      id: Commands.refresh,
      progressTitle: 'Refreshing',
      progressLocation: 'view',
      run: async () => {
        await c.start();
        await c.repositories.refreshAll('full');
      },
    },
    { id: Commands.showOutput, run: () => c.log.show() },
    {
      id: Commands.signIn,
      run: async (_ctx, options?: unknown) => {
        const apiUrl = readFlowConfig(c.repositories.pick()?.root ? vscode.Uri.file(c.repositories.pick()!.root) : undefined).apiUrl;
        const token = isTokenArgument(options) ? options.token : undefined;
        const signedIn = await c.auth.signIn(apiUrl, token);
        if (signedIn) {
          c.repositories.all.forEach((m) => m.invalidateConnection());
          await c.repositories.refreshAll('full', 'signIn');
        }
        return signedIn !== undefined;
      },
    },
    {
      id: Commands.signOut,
      run: async () => {
        const apiUrl = readFlowConfig().apiUrl;
        const hadToken = await signOutOfGitHub(c.auth, apiUrl);
        c.repositories.all.forEach((m) => m.invalidateConnection());
        await c.repositories.refreshAll('full', 'signOut');
        if (!hadToken) {
          void vscode.window.showInformationMessage(
            'EnvFlow uses your VS Code GitHub account: sign out of it from the Accounts menu.',
          );
        }
      },
    },
    {
      id: Commands.showChecks,
      run: async () => {
        const snapshot = c.repositories.pick()?.snapshot;
        const web = snapshot?.github?.webUrl;
        if (!snapshot || !web || !snapshot.local.headSha) {
          void vscode.window.showInformationMessage('EnvFlow: checks are shown once the repository is on GitHub and you are signed in.');
          return;
        }
        const pr = snapshot.local.pullRequest;
        const url = pr && pr.headSha === snapshot.local.headSha ? `${pr.url}/checks` : `${web}/commit/${snapshot.local.headSha}`;
        await openWebUrl(url);
      },
    },
    {
      id: Commands.showProduction,
      run: async () => {
        await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
        const [node] = c.tree.findNode((n) => n.id.endsWith('production/deployment'));
        const element = node && c.tree.element(node.id);
        if (element) {
          await c.treeView.reveal(element, { select: true, focus: true, expand: true });
        }
      },
    },
    {
      id: Commands.openOnGitHub,
      run: async (_ctx, target?: unknown) => {
        const url = target instanceof EnvElement ? target.data.url : c.repositories.pick()?.snapshot?.github?.webUrl;
        await openWebUrl(url);
      },
    },
  ];
}

function isTokenArgument(value: unknown): value is { token: string } {
  return typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string';
}
