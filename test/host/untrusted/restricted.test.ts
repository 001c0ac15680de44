import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import { activateEnvFlow } from '../../support/host/hostSupport';

/** Every git process started in this window, as logged by the launcher's git wrapper. */
function gitProcesses(): string[] {
  return readFileSync(process.env.ENVFLOW_GIT_LOG!, 'utf8').split('\n').filter(Boolean);
}

describe('EnvFlow in an untrusted workspace', () => {
  it('opens the folder in restricted mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates, refreshes and runs commands without starting a single git process', async () => {
    const api = await activateEnvFlow();
    await vscode.commands.executeCommand(Commands.refresh);
    for (const command of [
      Commands.runTests,
      Commands.startBranch,
      Commands.openPullRequest,
      Commands.promote,
      Commands.backupProduction,
    ]) {
      assert.equal(
        await vscode.commands.executeCommand(command, { prefix: 'feature', name: 'x', draft: false }),
        undefined,
        command,
      );
    }
    assert.equal(api.getSnapshot(), undefined, 'nothing was read from the repository');
    assert.deepEqual(gitProcesses(), []);
  });
});
