import * as vscode from 'vscode';
import type { CommandId } from '../../constants';
import type { Logger } from '../../core/log';
import { Disposable } from '../../util/disposable';
import { commandNeedsTrust, type EntryPoint } from './entryPoints';

/**
 * The one place that knows whether the workspace is trusted. Every path to git, to a
 * workspace command or to a workspace-controlled setting asks it first, naming the
 * entry point it came through: a repository's `.git/config` can run programs
 * (`core.fsmonitor`, hooks, aliases) on any git command, so in Restricted Mode EnvFlow
 * runs none, whichever door was knocked on.
 */
export class TrustGate extends Disposable {
  private readonly refused = new Set<EntryPoint>();
  private readonly _onDidGrantTrust = this._register(new vscode.EventEmitter<void>());
  /** Fires once, when the user trusts the workspace; everything refused so far may run now. */
  readonly onDidGrantTrust = this._onDidGrantTrust.event;

  constructor(private readonly log: Logger) {
    super();
    this._register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('workspace trusted: EnvFlow reads its repositories now');
        this._onDidGrantTrust.fire();
      }),
    );
  }

  get isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** Whether `entry` may go on; refusals are logged once per entry point, not on every event. */
  allows(entry: EntryPoint): boolean {
    if (vscode.workspace.isTrusted) {
      return true;
    }
    if (!this.refused.has(entry)) {
      this.refused.add(entry);
      this.log.info(`workspace not trusted: ${entry} runs no git process and no workspace command`);
    }
    return false;
  }

  /**
   * Whether command `id` may run. A refused command tells the user why in one sentence,
   * with the way out: the user asked for something, so silence would look like a bug.
   */
  allowsCommand(id: CommandId): boolean {
    if (!commandNeedsTrust(id) || this.allows(`command:${id}`)) {
      return true;
    }
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          "EnvFlow runs git and the project's commands only in a trusted workspace: trust this folder first.",
        ),
        vscode.l10n.t('Manage Workspace Trust'),
      )
      .then((picked) => picked && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }
}
