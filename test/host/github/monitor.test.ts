import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EnvFlowApi } from '../../../src/envflow';
import { adoptFixtureRepo } from '../../support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { playStory, ROLLOUT_FAILURE, type Story } from '../../../tools/sandbox/story';
import { activateEnvFlow, nextSnapshot, recordAlerts, report, waitForSnapshot } from '../../support/host/hostSupport';

/** The lowest `envflow.pollInterval` allowed, so a poll-bound test stays short. */
const POLL_SECONDS = 10;

/** Git processes logged by the launcher's git wrapper: [time ms, arguments]. */
function gitLog(): [number, string][] {
  const file = process.env.ENVFLOW_GIT_LOG;
  if (!file) {
    throw new Error('ENVFLOW_GIT_LOG is not set: the host launcher wraps git for this suite');
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => [Number(line.slice(0, line.indexOf(' '))), line.slice(line.indexOf(' ') + 1)]);
}

describe('EnvFlow against a GitHub server: sign-in, the monitor and alerts', function () {
  this.timeout(90_000);
  let api: EnvFlowApi;
  let fx: GitHubFixture;
  let story: Story;
  const config = () => vscode.workspace.getConfiguration('envflow');

  before(async () => {
    api = await activateEnvFlow();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fx = await createGitHubFixture({ repo: adoptFixtureRepo(root) });
    story = await playStory(fx, { production: 'inProgress' });
    await config().update('pollInterval', POLL_SECONDS, vscode.ConfigurationTarget.Global);
    await config().update('github.apiUrl', fx.apiUrl, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.signOut);
    await config().update('pollInterval', undefined, vscode.ConfigurationTarget.Global);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await fx?.server.close();
  });

  it('says sign in is needed, then shows GitHub state after signing in with a token', async () => {
    await vscode.commands.executeCommand(Commands.refresh);
    const signedOut = await waitForSnapshot(api, (s) => s.connection.state === 'signedOut');
    assert.equal(signedOut.github?.owner, 'acme');
    assert.equal(signedOut.local.branch, 'feature/welcome');

    assert.equal(await vscode.commands.executeCommand(Commands.signIn, { token: fx.token }), true);
    const s = await waitForSnapshot(api, (x) => x.connection.state === 'ok' && x.production.deployment !== undefined);
    assert.equal(s.development.checks?.state, 'passing');
    assert.equal(s.development.deployment?.state, 'success');
    assert.equal(s.local.pullRequest?.number, story.featurePullRequest);
    assert.equal(s.production.deployment?.id, story.productionDeployment);
    assert.equal(s.production.deployment?.state, 'in_progress');
    assert.equal(s.production.deployment?.description, 'Rolling out · 50 %');
    assert.equal(s.production.rollbackTarget?.sha, story.sha.previousRelease);
    assert.equal(s.production.backup?.tag, 'backup/production-20261127T090000Z');
    assert.equal(s.production.security?.available && s.production.security.total, 2);
  });

  it('keeps an idle window quiet between ticks: no git, no HTTP, and an unchanged poll is all 304', async () => {
    // Two consecutive poll ticks; everything between them must belong to the second refresh.
    const first = await nextSnapshot(api);
    const firstAt = Date.now();
    fx.server.resetRequests();
    const gitBefore = gitLog().length;
    const second = await nextSnapshot(api);
    const secondAt = Date.now();
    const requests = fx.server.requests;
    const gitProcesses = gitLog().slice(gitBefore);
    const refreshStart = Math.min(...requests.map((r) => r.at), ...gitProcesses.map(([at]) => at), secondAt);
    report(
      `idle poll: ${((secondAt - firstAt) / 1000).toFixed(1)} s between ticks, ${requests.length} requests (${requests.filter((r) => r.status === 304).length} × 304), ${gitProcesses.length} git processes, all within ${secondAt - refreshStart} ms of the tick`,
    );
    assert.ok(secondAt - firstAt > (POLL_SECONDS - 2) * 1000, 'the ticks are a poll interval apart');
    assert.ok(secondAt - refreshStart < 2000, 'nothing ran between the ticks');
    assert.ok(
      requests.length > 0 && requests.every((r) => r.status === 304),
      requests.map((r) => `${r.status} ${r.path}`).join('\n'),
    );
    assert.ok(requests.length <= 8);
    assert.ok(gitProcesses.length <= 3, gitProcesses.map(([, a]) => a).join('\n'));
    assert.equal(second.production.deployment?.state, first.production.deployment?.state);
  });

  it('shows and notifies a production failure within one poll interval, once', async () => {
    const recorder = recordAlerts(api);
    try {
      const changedAt = Date.now();
      fx.server.addDeploymentStatus(story.productionDeployment, {
        state: 'failure',
        description: ROLLOUT_FAILURE,
        environment_url: 'https://shop.example.com',
      });
      const failed = await waitForSnapshot(
        api,
        (s) => s.production.deployment?.state === 'failure',
        (POLL_SECONDS + 5) * 1000,
      );
      const seconds = (Date.now() - changedAt) / 1000;
      report(`production failure shown ${seconds.toFixed(1)} s after the server changed`);
      // One poll interval, plus the refresh itself on a busy 2-core machine.
      assert.ok(seconds <= POLL_SECONDS + 3, `${seconds} s`);
      assert.equal(failed.production.deployment?.description, ROLLOUT_FAILURE);
      await nextSnapshot(api);
      const failures = recorder.alerts.filter((a) => a.kind === 'productionDeploymentFailed');
      assert.equal(failures.length, 1, JSON.stringify(recorder.alerts));
      assert.equal(failures[0].severity, 'error');
      assert.match(failures[0].message, /Production deployment of [0-9a-f]{7} failed: Health check failed at 50 %/);
    } finally {
      recorder.dispose();
    }
  });

  it('marks GitHub data stale on a server error and recovers', async () => {
    fx.server.faults.inject({ kind: 'status', status: 503, times: Infinity });
    try {
      await vscode.commands.executeCommand(Commands.refresh);
      const stale = await waitForSnapshot(api, (s) => s.stale);
      assert.equal(stale.connection.state, 'error');
      assert.equal(stale.production.deployment?.state, 'failure', 'the last known state stays');
      // The sentence the view and status bar show: what failed and what to do, once.
      assert.equal(
        stale.connection.state === 'error' && stale.connection.message,
        'GitHub is having trouble (HTTP 503): try again in a minute; the view keeps retrying on its own.',
      );
    } finally {
      fx.server.faults.clear();
    }
    await vscode.commands.executeCommand(Commands.refresh);
    await waitForSnapshot(api, (s) => !s.stale && s.connection.state === 'ok');
  });

  it('never sends the token anywhere but its own API host', () => {
    const withAuth = fx.server.requests.filter((r) => r.authorization);
    assert.ok(
      withAuth.every((r) => r.authorization === `token ${fx.token}` || r.authorization === `Bearer ${fx.token}`),
    );
  });
});
