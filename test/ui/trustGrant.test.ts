/**
 * Workspace trust, the grant itself: the hostile repository (hostileWorkspace.ts) opened
 * untrusted in the workbench runs nothing; the user clicks "Trust this folder" in the
 * Environments view and trusts it in VS Code's trust editor; then EnvFlow reads the
 * repository with git, and the folder's test command runs only when the user runs tests.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFixtureRepo, type FixtureRepo } from '../support/gitFixtures';
import { createGitWrapper } from '../support/launch/gitWrapper';
import { armHostileWorkspace, MARKER, type HostileWorkspace } from '../support/launch/hostileWorkspace';
import { openWorkbench, type Workbench } from '../support/launch/workbench';
import { environmentsTree, treeRow, UI_TIMEOUT } from './uiSupport';
import { waitUntil } from '../support/waitUntil';

describe('granting trust to a hostile repository in the workbench', function () {
  this.timeout(300_000);
  let repo: FixtureRepo;
  let hostile: HostileWorkspace;
  let workbench: Workbench | undefined;
  const wrapper = createGitWrapper();
  const gitCount = async (): Promise<number> => (await readFile(wrapper.log, 'utf8')).split('\n').filter(Boolean).length;

  before(async () => {
    repo = await createFixtureRepo({ name: 'ui-trust', developAhead: 1 });
    hostile = await armHostileWorkspace(repo);
    workbench = await openWorkbench({
      workspace: repo.root,
      trusted: false,
      settings: { 'git.enabled': false, 'git.path': join(wrapper.binDir, 'git'), 'envflow.pollInterval': 10 },
      env: { ...hostile.env, ENVFLOW_GIT_LOG: wrapper.log },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await workbench?.screenshot('trust-grant-failure');
    }
  });

  after(async () => {
    await workbench?.close();
    await hostile.dispose();
    await repo.dispose();
  });

  it('runs nothing before the grant, reads git after it, and runs the test command only on request', async () => {
    const page = workbench!.page;
    await workbench!.openEnvFlow().catch(() => undefined);
    const trustLink = page.getByRole('button', { name: 'Trust this folder' });
    await trustLink.waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await gitCount(), 0, 'git before the grant');
    assert.deepEqual(await readdir(hostile.env.ENVFLOW_MARKER_DIR!), []);

    await trustLink.click();
    await page.getByRole('button', { name: /^Trust$|^Trust Folder/ }).first().click({ timeout: UI_TIMEOUT });
    await environmentsTree(page).waitFor({ timeout: UI_TIMEOUT }).catch(() => workbench!.openEnvFlow());
    await treeRow(page, /^develop/).first().waitFor({ timeout: UI_TIMEOUT });
    assert.ok((await gitCount()) > 0, 'EnvFlow runs git once trusted');
    const testMarker = join(hostile.env.ENVFLOW_MARKER_DIR!, MARKER.testCommand);
    assert.equal(existsSync(testMarker), false, 'the test command ran without being asked');

    await page.keyboard.press('F1');
    await page.keyboard.type('EnvFlow: Run Tests Locally');
    await page.keyboard.press('Enter');
    await waitUntil("the folder's test command to run", () => existsSync(testMarker), UI_TIMEOUT);
    assert.equal(existsSync(join(hostile.env.ENVFLOW_MARKER_DIR!, MARKER.packageScript)), false);
  });
});
