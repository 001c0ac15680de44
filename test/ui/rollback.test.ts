import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from '../support/launch/workbench';
import { createSandbox, type Sandbox } from '../support/sandbox/sandbox';
import { ROLLOUT_FAILURE } from '../support/sandbox/story';
import { clickInlineAction, modalDialog, notification, pickOption, recordFailure, statusBarItem, treeRow, UI_TIMEOUT } from './uiSupport';

/**
 * Issue 6: production is failing; a user rolls it back in three clicks from the
 * Environments view and watches the redeployment turn it green.
 */
describe('rolling back a failing production in the workbench', function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let workbench: Workbench;

  before(async () => {
    sandbox = await createSandbox({ production: 'failure', pollInterval: 10 });
    workbench = await openWorkbench({ workspace: sandbox.repo.root, settings: sandbox.settings, env: sandbox.env });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await recordFailure(workbench, sandbox, 'rollback-failure');
    }
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.dispose();
  });

  it('redeploys the previous release in three clicks and shows production green again', async () => {
    const { page } = workbench;
    const fx = sandbox.fx!;
    const story = sandbox.story!;
    const previous = story.sha.previousRelease.slice(0, 7);
    const release = story.sha.release.slice(0, 7);
    // GitHub's deployment pipeline for whatever deployment EnvFlow creates next.
    fx.server.scriptDeployments('production', [
      { afterMs: 200, state: 'in_progress', description: 'Rolling back' },
      { afterMs: 200, state: 'success', description: 'Rolled out to 100%' },
    ]);
    fx.server.resetRequests();

    await workbench.openEnvFlow();
    await treeRow(page, /^Production, main · failing$/).waitFor({ timeout: UI_TIMEOUT });
    await statusBarItem(page, /^EnvFlow production: deployment failed/).waitFor({ timeout: UI_TIMEOUT });
    const failed = treeRow(page, new RegExp(`^Deployment failed, ${release} · ${escape(ROLLOUT_FAILURE)}`));

    // Click 1: the inline action on the failed deployment.
    await clickInlineAction(failed, 'Roll Back Production…');
    // Click 2: the previous release, the deployment that last succeeded.
    await pickOption(page, new RegExp(`${previous}.*deployment #${story.previousDeployment}`));
    // Click 3: confirm the redeploy in the modal.
    const confirm = modalDialog(page);
    await confirm.waitFor({ timeout: UI_TIMEOUT });
    assert.match((await confirm.textContent()) ?? '', new RegExp(`Roll back production to ${previous}\\?`));
    await confirm.getByRole('button', { name: `Redeploy ${previous}`, exact: true }).click();
    await confirm.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    await notification(page, new RegExp(`Created production deployment #\\d+ of ${previous}`)).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(page, new RegExp(`^Deployment succeeded, ${previous} · Rolled out to 100%`)).waitFor({ timeout: 60_000 });
    await treeRow(page, /^Production, main$/).waitFor({ timeout: UI_TIMEOUT });
    await statusBarItem(page, /^EnvFlow production: deployment succeeded/).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await statusBarItem(page, /^EnvFlow production: deployment failed/).count(), 0, 'the production item no longer says failing');
    await workbench.screenshot('rollback-green');

    const created = fx.server.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments');
    assert.equal(created.length, 1, 'exactly one deployment was created');
    const deployment = fx.server.state.deployments.at(-1)!;
    assert.equal(deployment.environment, 'production');
    assert.equal(deployment.sha, story.sha.previousRelease);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
