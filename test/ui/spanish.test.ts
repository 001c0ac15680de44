/**
 * The production-failing state with the workbench in Spanish: the tree, the status bar
 * and the view's name come from EnvFlow's Spanish bundles (docs/images/production-failing-es.png).
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openWorkbench, type Workbench } from '../support/launch/workbench';
import { createSandbox, type Sandbox } from '../../tools/sandbox/sandbox';
import { recordFailure, UI_TIMEOUT } from './uiSupport';

describe('the workbench in Spanish', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let workbench: Workbench;

  before(async () => {
    sandbox = await createSandbox({ production: 'failure' });
    workbench = await openWorkbench({
      workspace: sandbox.repo.root,
      settings: sandbox.settings,
      env: sandbox.env,
      locale: 'es',
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await recordFailure(workbench, sandbox, 'spanish-failure');
    }
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.dispose();
  });

  it('shows a failing production in Spanish in the tree and the status bar', async () => {
    const { page } = workbench;
    await page.getByRole('tab', { name: /^EnvFlow/ }).click();
    await page.mouse.move(800, 500);
    const tree = page.getByRole('tree', { name: /Entornos/ });
    for (const row of [
      /^Despliegue fallido, .*Health check failed at 50 %/,
      /^Destino de reversión/,
      /^Producción, main · fallando/,
    ]) {
      await tree.getByRole('treeitem', { name: row }).first().waitFor({ timeout: UI_TIMEOUT });
    }
    const statusBar = page.locator('#workbench\\.parts\\.statusbar');
    for (const item of [/Producción de EnvFlow: despliegue fallido/, /^EnvFlow: .*pruebas/]) {
      await statusBar.getByRole('button', { name: item }).first().waitFor({ timeout: UI_TIMEOUT });
    }
    const path = await workbench.screenshot('ui-production-failing-es');
    assert.ok(existsSync(path));
  });
});
