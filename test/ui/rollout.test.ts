import * as assert from 'node:assert/strict';
import {
  clickInlineAction,
  modalDialog,
  notification,
  pickOption,
  statusBarItem,
  treeRow,
  UI_TIMEOUT,
  useSandboxWorkbench,
} from './uiSupport';

/** A background poll (pollInterval 10 s) plus a stage of the sandbox's deploy hook. */
const POLL_TIMEOUT = 90_000;

/**
 * What a rollout looks like while it runs, and what an automatic rollback looks like
 * after it: a user rolls production back by clicks, the sandbox runs the generated
 * deploy.yml, its health check fails at 50 %, and the workflow rolls back by itself.
 */
describe('a rollout in progress and an automatic rollback in the workbench', function () {
  this.timeout(300_000);
  const env = useSandboxWorkbench({ production: 'success', pollInterval: 10 }, 'rollout-failure');

  it('shows "Rolling out · 50 %" while the workflow runs, then the automatic rollback and what is live', async () => {
    const { page } = env.workbench;
    const story = env.sandbox.story!;
    // Stages long enough to be seen between polls; the health check fails at 50 %.
    story.runner.stageSeconds = 20;
    story.runner.unhealthyAt = 50;
    const live = story.sha.release.slice(0, 7);
    const target = story.sha.previousRelease.slice(0, 7);

    await env.workbench.openEnvFlow();
    await treeRow(page, new RegExp(`^Deployment succeeded, ${live} · Live`)).waitFor({ timeout: UI_TIMEOUT });
    // The live rules under Production, as Set Up left them on the sandbox's GitHub.
    await treeRow(page, /^Rules, no required reviewers · main not protected/).waitFor({ timeout: UI_TIMEOUT });

    await clickInlineAction(treeRow(page, new RegExp(`^Rollback target ${target}`)), 'Roll Back Production…');
    await pickOption(page, new RegExp(`${target}.*deployment #${story.previousDeployment}`));
    const confirm = modalDialog(page);
    await confirm.waitFor({ timeout: UI_TIMEOUT });
    await confirm.getByRole('button', { name: `Redeploy ${target}`, exact: true }).click();
    await confirm.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await notification(page, new RegExp(`Started the production workflow to roll back to ${target}`)).waitFor({
      timeout: UI_TIMEOUT,
    });

    // The workflow's own statuses, read as progress: the tree row and the status bar say the stage.
    await treeRow(page, new RegExp(`^Rolling out · 50 %, ${target}`)).waitFor({ timeout: POLL_TIMEOUT });
    await statusBarItem(page, /^EnvFlow production: deployment Rolling out · 50 %/).waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('rollout-in-progress');

    // The health check fails at 50 %: a new deployment of what was live, the failed one kept as failed.
    const rolledBack = treeRow(page, new RegExp(`^Rolled back automatically from ${target}, live: ${live}`));
    await rolledBack.waitFor({ timeout: POLL_TIMEOUT });
    await treeRow(
      page,
      new RegExp(`^Deployment succeeded, ${live} · Rolled back automatically from ${target}`),
    ).waitFor({
      timeout: UI_TIMEOUT,
    });
    await notification(
      page,
      new RegExp(
        `Production was rolled back automatically: the deployment of ${target} failed and ${live} is live again`,
      ),
    ).waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('automatic-rollback');
    assert.equal(
      await treeRow(page, new RegExp(`^Rollback target ${target}`)).count(),
      0,
      'the commit whose rollout failed is no rollback target any more',
    );
  });
});
