/**
 * The hostile repository of test/support/launch/hostileWorkspace.ts after the user
 * trusted it (a second window opened trusted stands in for granting trust: a host test
 * cannot click VS Code's trust editor; test/ui/trustGrant.test.ts does). git works now, and the
 * folder's own test command runs only when the user asks for it.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import { MARKER, REMOTE_CREDENTIAL } from '../../support/launch/hostileWorkspace';
import { activateEnvFlow, waitForSnapshot } from '../hostSupport';
import { envflowLog } from '../userData';
import { waitUntil } from '../../support/waitUntil';

const marker = (name: string): string => join(process.env.ENVFLOW_MARKER_DIR!, name);

describe('the hostile repository once trusted', function () {
  this.timeout(90_000);

  it('reads the repository with git', async () => {
    const api = await activateEnvFlow();
    assert.equal(vscode.workspace.isTrusted, true);
    const snapshot = await waitForSnapshot(api, (s) => s.local.branch !== undefined);
    assert.equal(snapshot.local.branch, 'develop');
    const gitCount = (await readFile(process.env.ENVFLOW_GIT_LOG!, 'utf8')).split('\n').filter(Boolean).length;
    assert.ok(gitCount > 0, 'EnvFlow ran git');
  });

  it("runs the folder's test command only on the user's command, through two polls", async () => {
    const api = await activateEnvFlow();
    let refreshes = 0;
    const listener = api.onDidChangeSnapshot(() => refreshes++);
    try {
      await waitUntil('two refreshes (envflow.pollInterval is 10 s)', () => refreshes >= 2, 45_000);
    } finally {
      listener.dispose();
    }
    assert.equal(existsSync(marker(MARKER.testCommand)), false, 'the test command ran by itself');
    assert.equal(existsSync(marker(MARKER.packageScript)), false, 'the package test script ran by itself');
    await vscode.commands.executeCommand(Commands.runTests);
    await waitUntil("the folder's envflow.testCommand to run", () => existsSync(marker(MARKER.testCommand)), 30_000);
    assert.equal(existsSync(marker(MARKER.packageScript)), false, 'envflow.testCommand wins over the package script');
  });

  it('sends no token to the server the folder points envflow.github.apiUrl at', async () => {
    const requests = await readFile(process.env.ENVFLOW_DECOY_LOG!, 'utf8');
    assert.doesNotMatch(requests, /authorization=(token|bearer)/);
  });

  it("never shows or logs the credential in origin's URL, even after a fetch from it failed", async () => {
    const api = await activateEnvFlow();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.match(await readFile(join(root, '.git', 'config'), 'utf8'), new RegExp(REMOTE_CREDENTIAL), 'control: the credential is in .git/config');
    // EnvFlow's background fetch (its 2nd refresh) goes to the decoy, which answers 404.
    await waitUntil('a background git fetch', async () => (await readFile(process.env.ENVFLOW_GIT_LOG!, 'utf8')).includes(' fetch '), 60_000);
    await waitUntil('the fetch to reach the decoy', async () => (await readFile(process.env.ENVFLOW_DECOY_LOG!, 'utf8')).includes('git-upload-pack'), 30_000);
    await vscode.commands.executeCommand(Commands.refresh);
    const seen = JSON.stringify({ snapshot: api.getSnapshot(), log: await envflowLog() });
    assert.ok(seen.includes('127.0.0.1'), 'the remote host is there to be seen');
    assert.ok(!seen.includes(REMOTE_CREDENTIAL), 'the credential leaked into the snapshot or the EnvFlow log');
  });
});
