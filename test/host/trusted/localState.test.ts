import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import type { EnvFlowApi } from '../../../src/envflow';
import { waitForSnapshot } from '../../support/host/hostSupport';

describe('the local side of a repository without GitHub', () => {
  let api: EnvFlowApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<EnvFlowApi>(EXTENSION_ID)!.activate())!;
  });

  it('reads the branch, its distance to develop and the working tree from git', async () => {
    const snapshot = await waitForSnapshot(api, (s) => s.local.branch !== undefined);
    assert.equal(snapshot.local.branch, 'develop');
    assert.equal(snapshot.development.exists, true);
    assert.equal(snapshot.production.exists, true);
    assert.equal(snapshot.development.awaitingPromotion.count, 1);
    assert.deepEqual(snapshot.local.changes, { staged: 0, unstaged: 0, untracked: 0, conflicted: 0 });
  });

  it('says plainly that a local-path origin means local-only mode', async () => {
    const snapshot = await waitForSnapshot(api, (s) => s.connection.state === 'localOnly');
    assert.equal(snapshot.connection.state, 'localOnly');
    if (snapshot.connection.state === 'localOnly') {
      assert.match(snapshot.connection.reason, /local-only mode/);
    }
  });

  it('sees a new file in the working tree without a manual refresh', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'new-file.txt'), Buffer.from('hello\n'));
    const snapshot = await waitForSnapshot(api, (s) => s.local.changes.untracked === 1);
    assert.equal(snapshot.local.changes.untracked, 1);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'new-file.txt'));
    await waitForSnapshot(api, (s) => s.local.changes.untracked === 0);
  });
});
