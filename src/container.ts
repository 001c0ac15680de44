import * as vscode from 'vscode';
import { Commands, ContextKeys, OUTPUT_CHANNEL_NAME, Views } from './constants';
import type { EnvFlowApi, SnapshotChangeEvent } from './envflow';
import type { RepositorySnapshot } from './core/flow/snapshot';
import { CommandRegistry } from './ui/commands/registry';
import { notYetAvailable } from './ui/commands/notYetAvailable';
import { EnvironmentsTreeProvider } from './ui/views/environmentsTree';
import { Disposable } from './util/disposable';

/**
 * Composition root: builds every service, model and UI piece once and owns their
 * disposal (reverse order of construction). Nothing here runs git or opens a socket.
 */
export class Container extends Disposable {
  readonly log: vscode.LogOutputChannel;
  private readonly tree: EnvironmentsTreeProvider;
  private readonly _onDidChangeSnapshot = this._register(new vscode.EventEmitter<SnapshotChangeEvent>());
  private readonly snapshots = new Map<string, RepositorySnapshot>();

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    this.log = this._register(vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true }));
    this.tree = this._register(new EnvironmentsTreeProvider());
    this._register(
      vscode.window.createTreeView(Views.environments, { treeDataProvider: this.tree, showCollapseAll: true }),
    );
    this.registerCommands();
    void vscode.commands.executeCommand('setContext', ContextKeys.state, 'loading');
  }

  private registerCommands(): void {
    const registry = new CommandRegistry(this.log);
    const specs = [
      { id: Commands.refresh, run: () => this.tree.refresh() },
      { id: Commands.showOutput, run: () => this.log.show() },
      notYetAvailable(Commands.signIn, 'Sign in to GitHub'),
      notYetAvailable(Commands.signOut, 'Sign out of GitHub'),
      notYetAvailable(Commands.startBranch, 'Start Branch from Develop'),
      notYetAvailable(Commands.startHotfix, 'Start Hotfix from Production'),
      notYetAvailable(Commands.runTests, 'Run Tests Locally'),
      notYetAvailable(Commands.openPullRequest, 'Open Pull Request'),
      notYetAvailable(Commands.promote, 'Promote Develop to Production'),
      notYetAvailable(Commands.backupProduction, 'Back Up Production'),
      notYetAvailable(Commands.rollbackProduction, 'Roll Back Production'),
      notYetAvailable(Commands.syncDevelop, 'Sync Develop with Production'),
      notYetAvailable(Commands.setupRepository, 'Set Up Repository'),
      notYetAvailable(Commands.openOnGitHub, 'Open on GitHub'),
    ] as const;
    for (const spec of specs) {
      this._register(registry.register(spec));
    }
  }

  api(activationMs: number): EnvFlowApi {
    return {
      version: 1,
      activationMs,
      getSnapshot: (folder?: vscode.Uri) => {
        if (!folder) {
          return this.snapshots.values().next().value;
        }
        return [...this.snapshots.values()].find((s) => isInside(folder.fsPath, s.root));
      },
      onDidChangeSnapshot: this._onDidChangeSnapshot.event,
    };
  }
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}
