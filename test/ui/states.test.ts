import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openWorkbench, type Workbench } from '../support/launch/workbench';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../tools/sandbox/sandbox';

interface State {
  readonly name: string;
  readonly sandbox: SandboxOptions;
  /** Accessible names that must show in the Environments tree. */
  readonly treeItems: readonly RegExp[];
  /** Accessible names of status bar items that must show. */
  readonly statusItems: readonly RegExp[];
  /** User settings over the sandbox's (a theme). */
  readonly settings?: Record<string, unknown>;
}

const states: State[] = [
  {
    name: 'all-green',
    sandbox: { production: 'success' },
    treeItems: [/^Checks passing, 2 passed/, /^Deployment succeeded, .*Live/, /^#1 Add a welcome banner/],
    statusItems: [/EnvFlow production: deployment succeeded/, /EnvFlow CI: checks passing/],
  },
  {
    name: 'production-failing',
    sandbox: { production: 'failure' },
    treeItems: [/^Deployment failed, .*Health check failed at 50 %/, /^Rollback target/, /^Production, main · failing/],
    statusItems: [/EnvFlow production: deployment failed/],
  },
  {
    // Every state must stay legible where colour is replaced by contrast: icons keep their
    // shapes and the rows and items say their state in words.
    name: 'production-failing-high-contrast',
    sandbox: { production: 'failure' },
    settings: { 'workbench.colorTheme': 'Default High Contrast' },
    treeItems: [/^Deployment failed, .*Health check failed at 50 %/, /^Rollback target/, /^Production, main · failing/],
    statusItems: [/EnvFlow production: deployment failed/],
  },
  {
    name: 'local-only',
    sandbox: { github: false },
    treeItems: [/^feature\/welcome, 1 ahead, 0 behind develop/, /^Checks and deployments, local only/],
    statusItems: [/EnvFlow: feature\/welcome, tests not run/],
  },
  {
    name: 'signed-out',
    sandbox: { signedIn: false },
    treeItems: [/^Pull request, sign in to GitHub/, /^Checks and deployments, sign in to GitHub/],
    statusItems: [/EnvFlow: feature\/welcome/],
  },
];

describe('what a user sees in the workbench', function () {
  this.timeout(180_000);

  for (const state of states) {
    describe(state.name, () => {
      let sandbox: Sandbox;
      let workbench: Workbench;

      before(async () => {
        sandbox = await createSandbox(state.sandbox);
        workbench = await openWorkbench({
          workspace: sandbox.repo.root,
          settings: { ...sandbox.settings, ...state.settings },
          env: sandbox.env,
        });
      });

      after(async () => {
        await workbench?.close();
        await sandbox?.dispose();
      });

      it('shows the state in the Environments tree and the status bar, and saves a screenshot', async () => {
        await workbench.openEnvFlow();
        const tree = workbench.page.getByRole('tree', { name: /Environments/ });
        for (const item of state.treeItems) {
          await tree.getByRole('treeitem', { name: item }).first().waitFor({ timeout: 30_000 });
        }
        const statusBar = workbench.page.locator('#workbench\\.parts\\.statusbar');
        for (const item of state.statusItems) {
          await statusBar.getByRole('button', { name: item }).first().waitFor({ timeout: 30_000 });
        }
        const path = await workbench.screenshot(`ui-${state.name}`);
        assert.ok(existsSync(path));
      });
    });
  }

  describe('the command palette', () => {
    let sandbox: Sandbox;
    let workbench: Workbench;

    before(async () => {
      sandbox = await createSandbox({ github: false });
      workbench = await openWorkbench({ workspace: sandbox.repo.root });
    });

    after(async () => {
      await workbench?.close();
      await sandbox?.dispose();
    });

    it('lists EnvFlow commands under their category once a repository is found', async () => {
      await workbench.openEnvFlow();
      await workbench.page
        .getByRole('tree', { name: /Environments/ })
        .getByRole('treeitem', { name: /^Local/ })
        .waitFor();
      await workbench.page.keyboard.press('Control+Shift+P');
      const input = workbench.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>EnvFlow: Start Branch');
      await workbench.page
        .getByRole('option', { name: /EnvFlow: Start Branch from Develop/ })
        .waitFor({ timeout: 15_000 });
      await workbench.page.keyboard.press('Escape');
    });
  });
});
