/**
 * The doors the untrusted suite proved shut, open once the workspace is trusted: a
 * folder added to the workspace is read with git, an edit in it refreshes it, a
 * settings change and the Refresh command refresh, and a removed folder's repository
 * is forgotten.
 */
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EnvFlowApi, RepositorySnapshot } from '../../../src/envflow';
import { activateEnvFlow, nextFoldersChange, nextSnapshot } from '../hostSupport';
import { waitUntil } from '../../support/waitUntil';

/** The first snapshot of the repository at `root` that matches, failing after `timeoutMs`. */
function snapshotOf(api: EnvFlowApi, root: string, predicate: (s: RepositorySnapshot) => boolean, timeoutMs = 30_000): Promise<RepositorySnapshot> {
  const current = api.getSnapshot(vscode.Uri.file(root));
  if (current?.root === root && predicate(current)) {
    return Promise.resolve(current);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no matching snapshot of ${root} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = api.onDidChangeSnapshot((event) => {
      if (event.snapshot.root === root && predicate(event.snapshot)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(event.snapshot);
      }
    });
  });
}

describe('every entry point once the workspace is trusted', function () {
  this.timeout(120_000);
  const added = process.env.ENVFLOW_EXTRA_FOLDER!;

  it('reads a folder added to the workspace, and refreshes it when a file in it changes', async () => {
    const api = await activateEnvFlow();
    const changed = nextFoldersChange();
    assert.ok(vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders!.length, 0, { uri: vscode.Uri.file(added) }));
    await changed;
    const found = await snapshotOf(api, added, (s) => s.local.branch !== undefined);
    assert.equal(found.local.branch, 'develop');
    await writeFile(join(added, 'new-file.txt'), 'made after trust\n');
    await snapshotOf(api, added, (s) => s.local.changes.untracked === 1);
  });

  it('refreshes on a settings change and on the Refresh command', async () => {
    const api = await activateEnvFlow();
    const config = vscode.workspace.getConfiguration('envflow');
    const afterSettings = nextSnapshot(api);
    await config.update('gate.requireCleanTree', false, vscode.ConfigurationTarget.Workspace);
    await afterSettings;
    await config.update('gate.requireCleanTree', undefined, vscode.ConfigurationTarget.Workspace);
    const afterRefresh = nextSnapshot(api);
    await vscode.commands.executeCommand(Commands.refresh);
    await afterRefresh;
  });

  it("forgets a removed folder's repository", async () => {
    const api = await activateEnvFlow();
    const index = vscode.workspace.workspaceFolders!.findIndex((f) => f.uri.fsPath === added);
    const changed = nextFoldersChange();
    assert.ok(vscode.workspace.updateWorkspaceFolders(index, 1));
    await changed;
    const first = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // With the folder gone, asking for it falls back to the first repository.
    await waitUntil('the removed folder to be forgotten', () => api.getSnapshot(vscode.Uri.file(added))?.root === first);
  });
});
