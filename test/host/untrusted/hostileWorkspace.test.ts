/**
 * The hostile repository of test/support/launch/hostileWorkspace.ts, opened untrusted:
 * nothing it carries runs, its settings reach no server, and the user is told why.
 */
import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import { activateEnvFlow } from '../hostSupport';
import { envflowLog } from '../userData';
import { waitUntil } from '../../support/waitUntil';

const IGNORED = "This folder's own settings set envflow.testCommand and envflow.github.apiUrl; EnvFlow ignores them until you trust the folder.";
/** Long enough for activation and several poll ticks: whatever would run, runs by then. */
const A_MINUTE_MS = 60_000;

function gitProcesses(): Promise<string[]> {
  return readFile(process.env.ENVFLOW_GIT_LOG!, 'utf8').then((text) => text.split('\n').filter(Boolean));
}

describe('a hostile repository opened untrusted', function () {
  this.timeout(A_MINUTE_MS + 60_000);
  const openedAt = Date.now();

  it("does not apply the folder's own envflow.testCommand or envflow.github.apiUrl", async () => {
    await activateEnvFlow();
    const config = vscode.workspace.getConfiguration('envflow');
    assert.equal(config.get('testCommand'), '');
    assert.equal(config.get('github.apiUrl'), 'https://api.github.com');
  });

  it('says once that they are ignored until the folder is trusted', async () => {
    await waitUntil('the ignored-settings sentence in the EnvFlow log', async () => (await envflowLog()).includes(IGNORED));
  });

  it('runs no git, no program of the repository and sends nothing to its server through a minute of activation, polling and commands', async () => {
    for (const command of [Commands.refresh, Commands.runTests, Commands.startBranch, Commands.openPullRequest, Commands.promote, Commands.syncDevelop, Commands.backupProduction]) {
      await vscode.commands.executeCommand(command, { prefix: 'feature', name: 'x', draft: false });
    }
    // The brief asks for wall-clock time here: nothing may run later either (timers, polls).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, openedAt + A_MINUTE_MS - Date.now())));
    assert.deepEqual(await readdir(process.env.ENVFLOW_MARKER_DIR!), [], 'markers of programs the repository made run');
    assert.equal(await readFile(process.env.ENVFLOW_DECOY_LOG!, 'utf8'), '', "requests to the folder's github.apiUrl");
    assert.deepEqual(await gitProcesses(), []);
    assert.equal((await envflowLog()).split(IGNORED).length - 1, 1, 'the sentence is said once');
  });
});
