import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';

/** One row of the Environments tree. */
export class EnvNode extends vscode.TreeItem {
  constructor(
    label: string,
    readonly sectionId: string,
    collapsible = vscode.TreeItemCollapsibleState.Expanded,
  ) {
    super(label, collapsible);
    this.id = sectionId;
  }
}

/** The `envflow.environments` tree: Local, Development and Production (SPEC §2.1). */
export class EnvironmentsTreeProvider extends Disposable implements vscode.TreeDataProvider<EnvNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<EnvNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  getTreeItem(node: EnvNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: EnvNode): EnvNode[] {
    if (node) {
      return [];
    }
    const local = new EnvNode('Local', 'section:local', vscode.TreeItemCollapsibleState.None);
    local.iconPath = new vscode.ThemeIcon('device-desktop');
    const development = new EnvNode('Development', 'section:development', vscode.TreeItemCollapsibleState.None);
    development.iconPath = new vscode.ThemeIcon('beaker');
    const production = new EnvNode('Production', 'section:production', vscode.TreeItemCollapsibleState.None);
    production.iconPath = new vscode.ThemeIcon('globe');
    return [local, development, production];
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }
}
