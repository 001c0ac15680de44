/**
 * envflow.setupRepository in a real VS Code against the GitHub API server, driven through
 * its per-step QuickPicks the way a user presses Enter: develop is created on the server,
 * both branches protected, the files written; the second run changes nothing.
 */
import * as assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EnvFlowApi } from '../../../src/envflow';
import type { SetupResult } from '../../../src/ui/commands/setupRepository';
import { adoptFixtureRepo, git } from '../../support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { activateEnvFlow, report, waitForSnapshot } from '../../support/host/hostSupport';
import { waitUntil } from '../../support/waitUntil';

/** Runs the command and answers every step's QuickPick with its first item (Apply), as Enter would. */
async function runAcceptingEveryStep(): Promise<SetupResult | undefined> {
  let settled = false;
  const running = Promise.resolve(
    vscode.commands.executeCommand<SetupResult | undefined>(Commands.setupRepository),
  ).finally(() => {
    settled = true;
  });
  let presses = 0;
  while (!settled) {
    // Accepting while no QuickPick is open does nothing, so pressing early is harmless.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    presses += 1;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(presses < 600, 'setup finished within 120 s of prompts');
  }
  return running;
}

describe('envflow.setupRepository against a GitHub server', function () {
  this.timeout(180_000);
  let api: EnvFlowApi;
  let fx: GitHubFixture;
  let root: string;
  const config = () => vscode.workspace.getConfiguration('envflow');

  before(async () => {
    api = await activateEnvFlow();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fx = await createGitHubFixture({ repo: adoptFixtureRepo(root) });
    // A repository that only has main: setup has to create develop.
    await git(root, ['switch', '--quiet', 'main']);
    await git(fx.repo.origin, ['branch', '--quiet', '-D', 'develop']);
    await config().update('github.apiUrl', fx.apiUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.signIn, { token: fx.token });
    await waitForSnapshot(api, (s) => s.local.branch === 'main' && s.connection.state === 'ok');
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.signOut);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await fx.server.close();
  });

  it('applies every step: develop on GitHub at main, main and develop protected, the environments, the files written', async () => {
    const mainSha = await git(fx.repo.origin, ['rev-parse', 'refs/heads/main']);
    const result = await runAcceptingEveryStep();
    assert.ok(result, 'the command returned its result');
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.applied, [
      'develop',
      'protect:main',
      'protect:develop',
      'environment:production',
      'environment:development',
      'codeql',
      'secret-scanning',
      'file:ci',
      'file:deploy-development',
      'file:deploy',
      'file:dependabot',
      'file:dockerfile',
      'file:dockerignore',
      'file:devcontainer',
    ]);
    assert.equal(
      await git(fx.repo.origin, ['rev-parse', 'refs/heads/develop']),
      mainSha,
      'develop created on the server at main',
    );
    assert.equal(fx.server.state.security.defaultSetup.state, 'configured', 'CodeQL default setup turned on');
    assert.equal(fx.server.state.security.pushProtection, true, 'secret scanning with push protection turned on');
    assert.deepEqual(fx.server.state.protection.get('main')?.body.required_status_checks?.contexts, ['ci']);
    assert.equal(
      fx.server.state.protection.get('main')?.body.required_pull_request_reviews?.required_approving_review_count,
      1,
      'Enter takes the default: one approval',
    );
    assert.deepEqual(
      fx.server.state.environments.get('production')?.patterns.map((p) => p.name),
      ['main', 'backup/production-*'],
    );
    assert.deepEqual(fx.server.state.protection.get('develop')?.body.required_status_checks?.contexts, [
      'ci',
      'envflow/local-tests',
    ]);
    assert.equal(fx.server.state.protection.get('develop')?.body.allow_force_pushes, false);
    assert.match(await readFile(join(root, '.github', 'workflows', 'ci.yml'), 'utf8'), /^name: CI$/m);
    assert.match(
      await readFile(join(root, '.github', 'workflows', 'deploy.yml'), 'utf8'),
      /environment:\n\s+name: "production"/,
    );
    assert.match(
      await readFile(join(root, '.devcontainer', 'devcontainer.json'), 'utf8'),
      /devcontainers\/features\/node:1/,
    );
    assert.equal(await git(root, ['rev-parse', '--abbrev-ref', 'HEAD']), 'main', 'the local branch did not change');
  });

  it('a second run finds everything set up and changes nothing', async () => {
    const status = await git(root, ['status', '--porcelain=v1', '--untracked-files=all']);
    const protection = JSON.stringify([...fx.server.state.protection.values()]);
    fx.server.resetRequests();
    const result = await runAcceptingEveryStep();
    assert.equal(result?.alreadySetUp, true);
    const writes = fx.server.requests.filter((r) => r.method !== 'GET');
    assert.deepEqual(
      writes.map((r) => `${r.method} ${r.path}`),
      [],
      'no write request',
    );
    assert.equal(await git(root, ['status', '--porcelain=v1', '--untracked-files=all']), status, 'no file changed');
    assert.equal(JSON.stringify([...fx.server.state.protection.values()]), protection);
    report(`      second run: ${fx.server.requests.length} requests, all GET, 0 writes`);
  });

  it('partly set up without admin rights: protection says why, a changed file is kept, a missing one is written', async () => {
    fx.server.setAdmin(false);
    const ci = join(root, '.github', 'workflows', 'ci.yml');
    await writeFile(ci, 'name: Our own CI\n');
    await rm(join(root, '.dockerignore'));
    const result = await runAcceptingEveryStep();
    // CodeQL was turned on by the first run; secret scanning's settings need an admin, like protection.
    assert.deepEqual(result?.blocked, ['protect:main', 'protect:develop', 'secret-scanning']);
    assert.deepEqual(result?.skipped, ['file:ci'], 'a file that differs is offered as a diff, never applied');
    assert.deepEqual(result?.applied, ['file:dockerignore']);
    assert.equal(await readFile(ci, 'utf8'), 'name: Our own CI\n', 'not overwritten');
    assert.match(await readFile(join(root, '.dockerignore'), 'utf8'), /^\.git$/m);
    fx.server.setAdmin(true);
  });

  it("Show changes opens a diff of your file against EnvFlow's read-only proposal, and Skip keeps your file", async () => {
    const ci = join(root, '.github', 'workflows', 'ci.yml');
    const diffTab = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((tab) => tab.input)
        .find(
          (input): input is vscode.TabInputTextDiff =>
            input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'envflow-proposal',
        );
    let settled = false;
    const start = () =>
      Promise.resolve(vscode.commands.executeCommand<SetupResult | undefined>(Commands.setupRepository)).finally(() => {
        settled = true;
      });
    let running = start();
    // The only step left is the changed ci.yml: its items are Skip, Show changes, Cancel.
    // A "select next" sent before the QuickPick opens is lost and the Enter then skips: start
    // again (skipping changes nothing) until Show changes is what gets accepted.
    await waitUntil(
      'the diff to open',
      async () => {
        if (settled && diffTab() === undefined) {
          await running;
          settled = false;
          running = start();
        }
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return diffTab() !== undefined;
      },
      60_000,
    );
    const diff = diffTab()!;
    assert.equal(diff.original.fsPath, ci, 'your file on the left');
    const proposal = await vscode.workspace.openTextDocument(diff.modified);
    assert.match(proposal.getText(), /^name: CI$/m, "EnvFlow's CI workflow on the right");
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const result = await running;
    assert.deepEqual(result?.skipped, ['file:ci']);
    assert.deepEqual(result?.applied, []);
    assert.equal(await readFile(ci, 'utf8'), 'name: Our own CI\n');
  });
});
