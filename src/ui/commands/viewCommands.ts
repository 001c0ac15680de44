import * as vscode from 'vscode';
import { Commands, Views } from '../../constants';
import { done, type Outcome } from '../../core/usecases/outcome';
import { refreshAll, signIn, signOut, type WorkspaceServices } from '../../core/usecases/session';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import type { WorkspaceInput } from '../../core/usecases/services';
import { openWebUrl } from '../openWebUrl';
import { EnvElement } from '../views/environmentsTree';
import type { CommandSpec } from './registry';

/** What the showing commands need besides the workspace: the log, the tree, the current snapshot. */
export interface ViewServices extends WorkspaceServices {
  showLog(): void;
  snapshot(): RepositorySnapshot | undefined;
  revealProduction(): Promise<void>;
}

/** Commands that show, refresh and sign in: everything except the workflow actions. */
export function viewCommands(view: ViewServices): CommandSpec[] {
  return [
    {
      id: Commands.refresh,
      progressTitle: () => vscode.l10n.t('Refreshing'),
      progressLocation: 'view',
      run: refreshAll(view),
    },
    { id: Commands.showOutput, run: async () => (view.showLog(), done()) },
    { id: Commands.signIn, run: signIn(view) },
    { id: Commands.signOut, run: signOut(view) },
    {
      id: Commands.showChecks,
      run: async ({ port }: WorkspaceInput): Promise<Outcome> => {
        const snapshot = view.snapshot();
        const web = snapshot?.github?.webUrl;
        if (!snapshot || !web || !snapshot.local.headSha) {
          const sentence = vscode.l10n.t(
            'EnvFlow: checks are shown once the repository is on GitHub and you are signed in.',
          );
          port.notify({ severity: 'info', message: sentence });
          return { kind: 'refused', sentence };
        }
        const pr = snapshot.local.pullRequest;
        return openUrl(
          pr && pr.headSha === snapshot.local.headSha ? `${pr.url}/checks` : `${web}/commit/${snapshot.local.headSha}`,
        );
      },
    },
    {
      id: Commands.showProduction,
      run: async () => {
        await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
        await view.revealProduction();
        return done();
      },
    },
    {
      id: Commands.openOnGitHub,
      run: async ({ args }: WorkspaceInput) => {
        return openUrl(args instanceof EnvElement ? args.data.url : view.snapshot()?.github?.webUrl);
      },
    },
  ];
}

async function openUrl(url: string | undefined): Promise<Outcome> {
  await openWebUrl(url);
  return done();
}
