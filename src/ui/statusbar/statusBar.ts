import * as vscode from 'vscode';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { Disposable } from '../../util/disposable';
import { ciItem, gateItem, productionItem, type StatusItemData } from './presentation';

/** The three status bar items (local tests, develop's checks, production), hidden while there is no repository. */
export class EnvFlowStatusBar extends Disposable {
  private readonly gate = this.create('envflow.status.gate', vscode.l10n.t('EnvFlow: Local Tests'), 50);
  private readonly ci = this.create('envflow.status.ci', vscode.l10n.t('EnvFlow: CI'), 49);
  private readonly production = this.create('envflow.status.production', vscode.l10n.t('EnvFlow: Production'), 48);

  private create(id: string, name: string, priority: number): vscode.StatusBarItem {
    const item = this._register(vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, priority));
    item.name = name;
    return item;
  }

  /** Shows the snapshot of the repository the user is working in (the active editor's, else the first). */
  show(snapshot: RepositorySnapshot | undefined, now = Date.now()): void {
    if (!snapshot) {
      this.gate.hide();
      this.ci.hide();
      this.production.hide();
      return;
    }
    apply(this.gate, gateItem(snapshot, now));
    apply(this.ci, ciItem(snapshot));
    apply(this.production, productionItem(snapshot, now));
  }
}

function apply(item: vscode.StatusBarItem, data: StatusItemData | undefined): void {
  if (!data) {
    item.hide();
    return;
  }
  item.text = data.text;
  const tooltip = new vscode.MarkdownString(data.tooltip, true);
  tooltip.isTrusted = false;
  item.tooltip = tooltip;
  item.command = data.command;
  item.accessibilityInformation = { label: data.accessibilityLabel };
  item.backgroundColor =
    data.background === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : data.background === 'warning'
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
  item.show();
}
