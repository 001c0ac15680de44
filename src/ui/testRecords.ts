import type * as vscode from 'vscode';
import type { LocalTestRecord } from '../core/model/snapshot';

/**
 * Local test results per repository, kept in workspaceState so they survive a
 * reload. One record per repository: the latest run, for the commit it ran on.
 */
export class TestRecordStore {
  constructor(private readonly state: vscode.Memento) {}

  get(root: string): LocalTestRecord | undefined {
    return this.state.get<LocalTestRecord>(key(root));
  }

  async set(root: string, record: LocalTestRecord): Promise<void> {
    await this.state.update(key(root), record);
  }
}

function key(root: string): string {
  return `envflow.testRecord:${root}`;
}
