import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EnvFlowApi, RepositorySnapshot } from '../../../src/envflow';
import { adoptFixtureRepo, git } from '../../support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { activateEnvFlow, runCommand, waitForSnapshot } from '../hostSupport';

type PullRequest = NonNullable<RepositorySnapshot['local']['pullRequest']>;

describe('envflow.openPullRequest against a GitHub server', function () {
  this.timeout(90_000);
  let api: EnvFlowApi;
  let fx: GitHubFixture;
  let root: string;
  const run = (...args: string[]) => git(root, args);
  const config = () => vscode.workspace.getConfiguration('envflow');

  /** Commits on the branch, runs the tests through EnvFlow and waits until they count for HEAD. */
  async function commitAndTest(file: string): Promise<string> {
    await writeFile(join(root, file), `${file}\n`);
    await run('add', file);
    await run('commit', '--quiet', '-m', `Add ${file}`);
    const head = await run('rev-parse', 'HEAD');
    await waitForSnapshot(api, (s) => s.local.headSha === head);
    await vscode.commands.executeCommand(Commands.runTests);
    await waitForSnapshot(api, (s) => s.local.headSha === head && s.local.tests.state === 'passed');
    return head;
  }

  before(async () => {
    api = await activateEnvFlow();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fx = await createGitHubFixture({ repo: adoptFixtureRepo(root) });
    await config().update('github.apiUrl', fx.apiUrl, vscode.ConfigurationTarget.Global);
    // User-level: a workspace setting would write .vscode/settings.json into the repository.
    await config().update('testCommand', `node -e "console.log('3 passing')"`, vscode.ConfigurationTarget.Global);
    await run('fetch', '--quiet', 'origin');
    await run('switch', '--quiet', '--create', 'feature/checkout', 'origin/develop');
    await vscode.commands.executeCommand(Commands.signIn, { token: fx.token });
    await waitForSnapshot(api, (s) => s.local.branch === 'feature/checkout' && s.connection.state === 'ok');
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.signOut);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testCommand', undefined, vscode.ConfigurationTarget.Global);
    await fx.server.close();
  });

  it('pushes the branch, opens the PR into develop with the test receipt, and posts envflow/local-tests', async () => {
    const head = await commitAndTest('checkout.txt');
    const pr = await vscode.commands.executeCommand<PullRequest>(Commands.openPullRequest, { draft: false });
    assert.ok(pr, 'a pull request was returned');
    assert.equal(pr.baseRef, 'develop');
    assert.equal(pr.headRef, 'feature/checkout');
    assert.equal(await git(fx.repo.origin, ['rev-parse', 'refs/heads/feature/checkout']), head, 'pushed');
    const stored = fx.server.state.pulls.find((p) => p.number === pr.number);
    assert.ok(stored);
    assert.match(String(stored.body), /### Local tests/);
    assert.match(String(stored.body), /\| Result \| ✅ passed \|/);
    assert.match(String(stored.body), /3 passed/);
    const status = fx.server.requests.find((r) => r.method === 'POST' && r.path.includes(`/statuses/${head}`));
    assert.ok(status, 'commit status posted on the tested commit');
    const shown = await waitForSnapshot(api, (s) => s.local.pullRequest?.number === pr.number);
    assert.equal(shown.local.pullRequest?.title, 'Add checkout.txt');
  });

  it('reuses the open pull request instead of opening a second one', async () => {
    await commitAndTest('checkout-2.txt');
    const before = fx.server.requests.filter((r) => r.method === 'POST' && /\/pulls$/.test(r.path)).length;
    const pr = await vscode.commands.executeCommand<PullRequest>(Commands.openPullRequest, { draft: false });
    const after = fx.server.requests.filter((r) => r.method === 'POST' && /\/pulls$/.test(r.path)).length;
    assert.equal(after, before, 'no new pull request was created');
    assert.equal(fx.server.state.pulls.filter((p) => p.head === 'feature/checkout' && p.state === 'open').length, 1);
    assert.equal(pr?.headRef, 'feature/checkout');
  });

  it('stops when the remote rejects the push, and never forces it', async () => {
    // A teammate pushed to the same branch meanwhile.
    const other = await mkdtemp(join(tmpdir(), 'envflow-teammate-'));
    await git(other, ['clone', '--quiet', '--branch', 'feature/checkout', fx.repo.origin, 'clone']);
    await writeFile(join(other, 'clone', 'teammate.txt'), 'theirs\n');
    await git(join(other, 'clone'), ['add', 'teammate.txt']);
    await git(join(other, 'clone'), ['commit', '--quiet', '-m', 'Teammate change']);
    await git(join(other, 'clone'), ['push', '--quiet', 'origin', 'feature/checkout']);
    const theirs = await git(join(other, 'clone'), ['rev-parse', 'HEAD']);
    await rm(other, { recursive: true, force: true });

    await commitAndTest('checkout-3.txt');
    const { value, run: ran } = await runCommand(api, Commands.openPullRequest, { draft: false });
    assert.equal(value, undefined, 'no pull request');
    // Failed at the push, not at a closed gate or a cancelled question.
    assert.equal(ran.outcome, 'failed', JSON.stringify(ran));
    assert.match(ran.sentence ?? '', /^Pushing feature\/checkout to origin failed: .*pull or rebase/, JSON.stringify(ran));
    assert.equal(await git(fx.repo.origin, ['rev-parse', 'refs/heads/feature/checkout']), theirs, "the teammate's commit is still there");
  });
});
