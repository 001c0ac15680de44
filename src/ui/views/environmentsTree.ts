import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import type { TreeNodeData } from './treeModel';
import { accessibilityLabelOf } from './treeNodes';

/**
 * One row of the tree. Elements are kept per node id across refreshes, because
 * VS Code identifies fired elements by object identity: a refresh updates `data`
 * in place and fires only the elements whose own row changed.
 */
export class EnvElement {
  constructor(
    public data: TreeNodeData,
    public parent: EnvElement | undefined,
  ) {}
}

/** The `envflow.environments` tree provider: it renders node data, it fetches nothing. */
export class EnvironmentsTreeProvider extends Disposable implements vscode.TreeDataProvider<EnvElement> {
  private readonly _onDidChangeTreeData = this._register(
    new vscode.EventEmitter<EnvElement | EnvElement[] | undefined>(),
  );
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  private roots: TreeNodeData[] = [];
  /** Elements VS Code has been given, by node id. */
  private readonly elements = new Map<string, EnvElement>();

  /** Replaces the tree's content and fires the smallest set of changed elements. */
  update(roots: TreeNodeData[]): void {
    const previousRootIds = this.roots.map((r) => r.id).join('\n');
    this.roots = roots;
    if (previousRootIds !== roots.map((r) => r.id).join('\n')) {
      this.elements.clear();
      this._onDidChangeTreeData.fire(undefined);
      return;
    }
    const changed: EnvElement[] = [];
    const visit = (node: TreeNodeData): void => {
      const element = this.elements.get(node.id);
      if (!element) {
        return;
      }
      const rowChanged = rowKey(element.data) !== rowKey(node);
      element.data = node;
      if (rowChanged) {
        changed.push(element);
        return;
      }
      node.children?.forEach(visit);
    };
    roots.forEach(visit);
    if (changed.length) {
      this._onDidChangeTreeData.fire(changed);
    }
  }

  /** The element shown for a node id, if VS Code has asked for it already. */
  element(id: string): EnvElement | undefined {
    return this.elements.get(id);
  }

  /** Every node id present in the current content, including rows not yet expanded. */
  findNode(predicate: (node: TreeNodeData) => boolean): TreeNodeData[] {
    const found: TreeNodeData[] = [];
    const walk = (nodes: readonly TreeNodeData[]): void => {
      for (const node of nodes) {
        if (predicate(node)) {
          found.push(node);
        }
        if (node.children) {
          walk(node.children);
        }
      }
    };
    walk(this.roots);
    return found;
  }

  getTreeItem(element: EnvElement): vscode.TreeItem {
    const node = element.data;
    const collapsible = !node.children?.length
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    if (node.icon) {
      item.iconPath = new vscode.ThemeIcon(
        node.icon.id,
        node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
      );
    }
    if (node.tooltip) {
      // Untrusted: command links in API text never run; theme icons render.
      const tooltip = new vscode.MarkdownString(node.tooltip, true);
      tooltip.isTrusted = false;
      tooltip.supportHtml = false;
      item.tooltip = tooltip;
    }
    item.contextValue = node.contextValue;
    if (node.command) {
      item.command = {
        command: node.command.command,
        title: node.command.title,
        arguments: node.command.arguments ? [...node.command.arguments] : undefined,
      };
    }
    item.accessibilityInformation = { label: accessibilityLabelOf(node) };
    return item;
  }

  getChildren(element?: EnvElement): EnvElement[] {
    const nodes = element ? (element.data.children ?? []) : this.roots;
    return nodes.map((node) => {
      let child = this.elements.get(node.id);
      if (!child) {
        child = new EnvElement(node, element);
        this.elements.set(node.id, child);
      } else {
        child.data = node;
        child.parent = element;
      }
      return child;
    });
  }

  getParent(element: EnvElement): EnvElement | undefined {
    return element.parent;
  }
}

/** Everything a row shows, without its children: a change here re-renders the row. */
function rowKey(node: TreeNodeData): string {
  const { children, ...row } = node;
  return JSON.stringify({ ...row, childIds: children?.map((c) => c.id) });
}
