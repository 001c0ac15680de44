import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { git } from '../support/gitFixtures';
import { environmentsTree, notification, treeRow, UI_TIMEOUT, useSandboxWorkbench } from './uiSupport';

/** Clicks an entry of the view title's "More Actions…" menu, as a user reaches the production actions. */
async function moreAction(page: Page, action: string): Promise<void> {
  await environmentsTree(page).hover();
  // The "…" of the view's title bar (its accessible name differs between versions).
  await page.locator('#workbench\\.parts\\.sidebar .codicon-toolbar-more').first().click();
  const item = page.getByRole('menuitem', { name: new RegExp(`^${action}`) }).first();
  // A menu ignores a click that lands while it is still opening; pointing at the item and pressing
  // Enter is how a keyboard user runs it, and the menu must close once it ran.
  await item.hover({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/**
 * The production actions that are not part of a release by clicks: backing production up
 * on its own, and bringing a hotfix on main back into develop.
 */
describe('backing up production and syncing develop in the workbench', function () {
  this.timeout(300_000);
  const env = useSandboxWorkbench({ production: 'success', branch: 'develop' }, 'production-actions-failure');

  it('backs production up from the view and sees the tag on origin', async () => {
    const { page } = env.workbench;
    const { repo } = env.sandbox;
    await env.workbench.openEnvFlow();
    await treeRow(page, /^Production, main$/).waitFor({ timeout: UI_TIMEOUT });
    const production = (await git(repo.origin, ['rev-parse', 'refs/heads/main'])).slice(0, 7);

    await moreAction(page, 'Back Up Production');
    const done = notification(
      page,
      new RegExp(`Backed up production \\(main at ${production}\\) as backup/production-[0-9TZ]+, pushed to origin\\.`),
    );
    await done.waitFor({ timeout: UI_TIMEOUT });
    const tag = /(backup\/production-[0-9TZ]+)/.exec((await done.textContent()) ?? '')?.[1];
    assert.ok(tag, 'the notification names the tag');
    assert.equal(
      await git(repo.origin, ['rev-parse', `refs/tags/${tag}^{commit}`]),
      await git(repo.origin, ['rev-parse', 'refs/heads/main']),
      'the tag is on origin, at production',
    );
  });

  it('opens the pull request main → develop after a hotfix reached main', async () => {
    const { page } = env.workbench;
    const { repo } = env.sandbox;
    const fx = env.sandbox.fx!;
    // A hotfix merged into main on GitHub: develop lacks it.
    const other = await mkdtemp(join(tmpdir(), 'envflow-hotfix-'));
    await git(other, ['clone', '--quiet', '--branch', 'main', repo.origin, 'clone']);
    await writeFile(join(other, 'clone', 'checkout.txt'), 'fixed in production\n');
    await git(join(other, 'clone'), ['add', 'checkout.txt']);
    await git(join(other, 'clone'), ['commit', '--quiet', '-m', 'Hotfix: checkout']);
    await git(join(other, 'clone'), ['push', '--quiet', 'origin', 'main']);
    await rm(other, { recursive: true, force: true });

    await moreAction(page, 'Sync Develop with Production');
    const opened = notification(page, /Opened pull request #\d+ \(main → develop\) with the 1 commit develop lacks\./);
    await opened.waitFor({ timeout: UI_TIMEOUT });
    const number = Number(/#(\d+)/.exec((await opened.textContent()) ?? '')?.[1]);
    const pull = fx.server.state.pulls.find((p) => p.number === number);
    assert.ok(pull, `pull request #${number} is on the server`);
    assert.equal(pull.head, 'main');
    assert.equal(pull.base, 'develop');
  });
});
