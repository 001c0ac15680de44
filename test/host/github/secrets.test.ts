/**
 * The token lives only in SecretStorage. Sign in with a distinctive
 * token (a shape `redact` does not know, so nothing hides a leak), run every command
 * that can run without a modal dialog, then search every file this window and its
 * repository wrote — logs, settings, workspace state, the repository with its .git,
 * the temp folders — for the token. And a second API server never sees it.
 */
import * as assert from 'node:assert/strict';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EnvFlowApi } from '../../../src/envflow';
import { adoptFixtureRepo, git } from '../../support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { activateEnvFlow, report, waitForSnapshot } from '../../support/host/hostSupport';
import { DISTINCTIVE_TOKEN, filesHolding } from '../../support/secretScan';
import { userDataDir } from '../../support/host/userData';

const SECRET = DISTINCTIVE_TOKEN;
// A secret typed into the test command (a secret-named option works the same on every OS's shell).
const COMMAND_SECRET = 'cmd-secret-9f3b2e7d41';

function filesHoldingSecret(dirs: readonly string[]): Promise<{ files: number; holding: string[] }> {
  return filesHolding(SECRET, dirs);
}

describe('the token stays in SecretStorage', function () {
  this.timeout(120_000);
  let api: EnvFlowApi;
  let fx: GitHubFixture;
  let root: string;
  let tempBefore: Set<string>;
  const config = () => vscode.workspace.getConfiguration('envflow');
  const ran: string[] = [];

  /** Runs a command as a user would; a refusal or a failure is fine here, a leak is not. */
  async function exercise(command: string, ...args: unknown[]): Promise<void> {
    try {
      await vscode.commands.executeCommand(command, ...args);
      ran.push(command);
    } catch (error) {
      ran.push(`${command} (failed: ${String(error)})`);
    }
  }

  before(async () => {
    tempBefore = new Set(await readdir(tmpdir()));
    api = await activateEnvFlow();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fx = await createGitHubFixture({ repo: adoptFixtureRepo(root), token: SECRET });
    await config().update('github.apiUrl', fx.apiUrl, vscode.ConfigurationTarget.Global);
    await config().update(
      'testCommand',
      `node -e "console.log('1 passing')" -- --api-token ${COMMAND_SECRET}`,
      vscode.ConfigurationTarget.Global,
    );
    await git(root, ['fetch', '--quiet', 'origin']);
    await git(root, ['switch', '--quiet', '--detach', 'origin/develop']);
  });

  after(async () => {
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testCommand', undefined, vscode.ConfigurationTarget.Global);
    await fx?.server.close();
  });

  it('runs every non-modal command signed in with the token', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.signIn, { token: SECRET }), true);
    await waitForSnapshot(api, (s) => s.connection.state === 'ok');
    await exercise(Commands.refresh);
    await exercise(Commands.startBranch, { prefix: 'feature', name: 'secret-check' });
    await writeFile(join(root, 'secret-check.txt'), 'a change\n');
    await git(root, ['add', 'secret-check.txt']);
    await git(root, ['commit', '--quiet', '-m', 'A change to open a pull request with']);
    const head = await git(root, ['rev-parse', 'HEAD']);
    await exercise(Commands.runTests);
    await waitForSnapshot(api, (s) => s.local.headSha === head && s.local.tests.state === 'passed');
    await exercise(Commands.openPullRequest, { draft: false });
    await exercise(Commands.backupProduction);
    await exercise(Commands.syncDevelop);
    // Modal confirmations are refused in a host test: these still read GitHub up to the dialog.
    await exercise(Commands.promote);
    // With a target and method it skips the pickers, never the (refused) confirmation.
    const target = api.getSnapshot()?.production.rollbackTarget?.sha;
    if (target) {
      await exercise(Commands.rollbackProduction, { target, method: 'redeploy' });
    }
    await exercise(Commands.refresh);
    report(`commands run: ${ran.join(', ')}`);
    assert.ok(
      fx.server.requests.some((r) => r.method === 'POST' && /\/pulls$/.test(r.path)),
      'a pull request was opened with the token',
    );
    // What was published names the command with its secret hidden.
    const published = [
      ...fx.server.state.commitStatuses.map((s) => s.description ?? ''),
      ...fx.server.state.pulls.map((p) => p.body ?? ''),
    ];
    assert.deepEqual(
      published.filter((text) => text.includes(COMMAND_SECRET)),
      [],
    );
    assert.ok(
      published.some((text) => text.includes('--api-token ***')),
      `the redacted command is published: ${JSON.stringify(published)}`,
    );
  });

  it('never sends the token to another API server, even when envflow.github.apiUrl points there', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const decoy = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    });
    await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
    try {
      // Same host name as the real server, another port: a different token key, so no token.
      await config().update(
        'github.apiUrl',
        `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`,
        vscode.ConfigurationTarget.Global,
      );
      await vscode.commands.executeCommand(Commands.refresh);
      await waitForSnapshot(api, (s) => s.connection.state === 'signedOut');
      assert.deepEqual(
        seen.filter((headers) => JSON.stringify(headers).includes(SECRET)),
        [],
      );
      assert.deepEqual(
        seen.filter((headers) => headers.authorization !== undefined),
        [],
      );
    } finally {
      decoy.closeAllConnections();
      await new Promise((resolve) => decoy.close(resolve));
      await config().update('github.apiUrl', fx.apiUrl, vscode.ConfigurationTarget.Global);
    }
  });

  it('leaves the token in no log, setting, state file, repository or temp folder', async () => {
    const tempNow = (await readdir(tmpdir()))
      .filter((name) => !tempBefore.has(name))
      .map((name) => join(tmpdir(), name));
    const dirs = [userDataDir(), dirname(root), dirname(process.env.ENVFLOW_GIT_LOG!), ...tempNow];
    // The control: a file holding the token is found, so "none" below means none.
    const control = join(userDataDir(), 'envflow-scan-control.txt');
    await writeFile(control, `x${SECRET}x`);
    assert.deepEqual((await filesHoldingSecret(dirs)).holding, [control]);
    await rm(control);
    const signedIn = await filesHoldingSecret(dirs);
    report(
      `searched ${signedIn.files} files while signed in; token found in: ${signedIn.holding.join(', ') || 'none'}`,
    );
    await vscode.commands.executeCommand(Commands.signOut);
    const signedOut = await filesHoldingSecret(dirs);
    report(
      `searched ${signedOut.files} files after signing out; token found in: ${signedOut.holding.join(', ') || 'none'}`,
    );
    assert.deepEqual(signedIn.holding, []);
    assert.deepEqual(signedOut.holding, []);
  });
});
