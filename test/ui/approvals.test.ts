import * as assert from 'node:assert/strict';
import {
  clickInlineAction,
  environmentsTree,
  notification,
  treeRow,
  UI_TIMEOUT,
  useSandboxWorkbench,
} from './uiSupport';

/**
 * What only EnvFlow shows in the editor: a deployment waiting for the user's approval,
 * approved from its row, and code and secret scanning beside Dependabot's alerts.
 */
describe('approvals and scanning in the workbench', function () {
  this.timeout(300_000);
  const env = useSandboxWorkbench({ production: 'success', branch: 'develop' }, 'approvals-failure');

  it('shows the code and secret scanning rows under Production, by severity', async () => {
    const { page } = env.workbench;
    await env.workbench.openEnvFlow();
    await treeRow(page, /^2 code scanning alerts, 1 high, 1 medium/).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(page, /^1 secret scanning alert, leaked secrets/).waitFor({
      timeout: UI_TIMEOUT,
    });
    await treeRow(page, /^2 security alerts, 1 high, 1 medium/).waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('scanning-rows');
  });

  it('approves the deployment waiting for approval from its row', async () => {
    const { page } = env.workbench;
    const fx = env.sandbox.fx!;
    const waiting = treeRow(page, /^Waiting for approval, Deploy development · @ada-developer, release-managers team/);
    await waiting.waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('approval-waiting');

    await clickInlineAction(waiting, 'Approve Deployment');
    await notification(page, /Approved the deployment of Deploy development to development\./).waitFor({
      timeout: UI_TIMEOUT,
    });
    const review = fx.server.state.security.pendingDeployments.find(
      (p) => p.runId === env.sandbox.story!.waitingRun,
    )?.review;
    assert.equal(review?.state, 'approved', 'GitHub has the approval');
    await environmentsTree(page)
      .getByRole('treeitem', { name: /^Waiting for approval/ })
      .waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  });
});
