import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createFixtureRepo, type FixtureRepo } from '../support/gitFixtures';
import { openWorkbench, type Workbench } from '../support/launch/workbench';

describe('EnvFlow in the workbench', () => {
  let repo: FixtureRepo;
  let workbench: Workbench;

  before(async () => {
    repo = await createFixtureRepo({ name: 'ui-container', developAhead: 1 });
    workbench = await openWorkbench({ workspace: repo.root });
  });

  after(async () => {
    await workbench?.close();
    await repo?.dispose();
  });

  it('opens the EnvFlow container from the activity bar and shows the three sections', async () => {
    await workbench.openEnvFlow();
    const tree = workbench.page.getByRole('tree', { name: /Environments/ });
    for (const section of ['Local', 'Development', 'Production']) {
      await tree.getByRole('treeitem', { name: new RegExp(`^${section}`) }).waitFor({ timeout: 30_000 });
    }
    const path = await workbench.screenshot('ui-envflow-container');
    assert.ok(existsSync(path));
  });

  it('lists EnvFlow commands in the command palette under their category', async () => {
    const page = workbench.page;
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>EnvFlow: Refresh');
    await page.getByRole('option', { name: /EnvFlow: Refresh/ }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
  });
});
