import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { FAILED_LOG_FIRST_ERROR } from '../../tools/sandbox/story';
import { waitUntil } from '../support/waitUntil';
import {
  clickInlineAction,
  environmentsTree,
  notification,
  pickOption,
  quickInput,
  statusBarItem,
  treeRow,
  UI_TIMEOUT,
  useSandboxWorkbench,
} from './uiSupport';

/** A background poll (pollInterval 10 s) and the refresh it runs. */
const POLL_TIMEOUT = 60_000;

/** The editor tab of the failed job's log (the job is "unit tests"). */
function logTab(page: Page): Locator {
  return page.getByRole('tab', { name: /unit-tests\.log/ }).first();
}

/** What the active editor shows, line by line as rendered. */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(
    /\u00a0/g,
    ' ',
  );
}

/** The open log tab shows the failing test and its cursor stands on the first error line. */
async function assertLogAtFirstError(page: Page): Promise<void> {
  await logTab(page).waitFor({ timeout: UI_TIMEOUT });
  const text = await editorText(page);
  assert.match(text, /AssertionError: expected 'Welcome!' to equal 'Welcome, Ada!'/);
  assert.doesNotMatch(text, /2026-11-29T09:14/, 'the runner’s timestamps are dropped');
  // 0-based line 9 of the log (see the story): the status bar's cursor position is 1-based.
  await page
    .locator('#workbench\\.parts\\.statusbar')
    .getByText(new RegExp(`Ln 10, Col ${FAILED_LOG_FIRST_ERROR.length + 1}`))
    .first()
    .waitFor({ timeout: UI_TIMEOUT });
}

/** Runs a command from the palette by its title, as a user types it. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(`>${title}`);
  await quickInput(page)
    .getByRole('option', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click();
}

/** Opens a tree row's context menu and runs one of its items, as a keyboard user does. */
async function contextAction(page: Page, row: Locator, action: string): Promise<void> {
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: new RegExp(`^${action}`) }).first();
  // A menu ignores a click that lands while it is still opening; pointing and pressing Enter does not.
  await item.hover({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/**
 * The run behind a red check and "where is my change", by clicks: the feature PR's unit
 * tests fail in a GitHub Actions run; its log opens in an editor tab at the first error
 * from the tree and from the CI status bar item, its failed jobs re-run from there, and
 * the journey of a commit opens from a pull request row and from the palette.
 */
describe('the run behind a red check and where a change is, in the workbench', function () {
  this.timeout(300_000);
  const env = useSandboxWorkbench(
    { production: 'success', failingCheck: true, pollInterval: 10 },
    'run-behind-check-failure',
  );

  it('opens the failing job’s log in an editor tab from the pull request row, at its first error', async () => {
    const { page } = env.workbench;
    await env.workbench.openEnvFlow();
    const pullRequest = treeRow(page, /^#1 Add a welcome banner, into develop · 1 failing: unit tests/);
    await clickInlineAction(pullRequest, 'Show Failed Log');
    await assertLogAtFirstError(page);
    await notification(page, /unit tests on #1: unit tests failed\./).waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('failed-job-log');
    // Closed again, so the status bar's click below must open it anew.
    await logTab(page).hover();
    await logTab(page)
      .getByRole('button', { name: /^Close/ })
      .click();
    await logTab(page).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  });

  it('opens the same log from the CI status bar item, and re-runs the failed jobs from its notification', async () => {
    const { page } = env.workbench;
    const fx = env.sandbox.fx!;
    const runId = env.sandbox.story!.failedRun!;
    await env.workbench.openEnvFlow();
    await statusBarItem(page, /^EnvFlow CI: .*fail/i).click();
    await assertLogAtFirstError(page);
    const shown = notification(page, /unit tests on HEAD: unit tests failed\./);
    await shown.getByRole('button', { name: 'Re-run Failed Jobs', exact: true }).click();
    // The sentence may have left its toast already on a loaded machine (VS Code hides info toasts after a
    // while): the notification centre keeps it.
    await waitUntil(
      'the failed jobs re-run on GitHub',
      () => fx.server.state.workflowRuns.find((run) => run.id === runId)?.runAttempt === 2,
      UI_TIMEOUT,
    );
    await runFromPalette(page, 'Notifications: Show Notifications');
    await page
      .locator('.notifications-center')
      .getByText(new RegExp(`Re-running the failed jobs of run ${runId} \\(unit tests on HEAD\\)`))
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await page.keyboard.press('Escape');
    assert.equal(fx.server.state.workflowRuns.find((run) => run.id === runId)?.runAttempt, 2, 're-run once');
    // The monitor reads the re-run check again (asked to at once, by the next poll at the latest): CI stops failing.
    await statusBarItem(page, /^EnvFlow CI: 1 of 2 running/).waitFor({ timeout: POLL_TIMEOUT });
    await treeRow(page, /^#1 Add a welcome banner, into develop · 1 of 2 running/).waitFor({ timeout: UI_TIMEOUT });
  });

  it('shows where the pull request’s change is, from its row', async () => {
    const { page } = env.workbench;
    const feature = env.sandbox.story!.sha.feature.slice(0, 7);
    await contextAction(page, treeRow(page, /^#1 Add a welcome banner/), 'Where Is Commit');
    const journey = quickInput(page);
    await journey.getByText(new RegExp(`Where is ${feature}`)).waitFor({ timeout: UI_TIMEOUT });
    await journey.getByRole('option', { name: /Not on develop yet/ }).waitFor({ timeout: UI_TIMEOUT });
    await journey.getByRole('option', { name: /Not deployed to production yet/ }).waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('where-is-my-change');
    await page.keyboard.press('Escape');
    await journey.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  });

  it('shows where a develop commit is, from the palette’s Where Is Commit…', async () => {
    const { page } = env.workbench;
    const develop = env.sandbox.story!.sha.develop.slice(0, 7);
    await environmentsTree(page).waitFor({ timeout: UI_TIMEOUT });
    await runFromPalette(page, 'EnvFlow: Where Is Commit…');
    // The choices: HEAD, the branch's pull request, develop's commits awaiting promotion, any other.
    await quickInput(page)
      .getByRole('option', { name: /HEAD \(feature\/welcome\)/ })
      .waitFor({ timeout: UI_TIMEOUT });
    await pickOption(page, /Add order history page/);
    const journey = quickInput(page);
    await journey.getByText(new RegExp(`Where is ${develop}`)).waitFor({ timeout: UI_TIMEOUT });
    await journey.getByRole('option', { name: /Merged into develop/ }).waitFor({ timeout: UI_TIMEOUT });
    await journey.getByRole('option', { name: /Deployed to development/ }).waitFor({ timeout: UI_TIMEOUT });
    await env.workbench.screenshot('where-is-commit-palette');
    await page.keyboard.press('Escape');
  });
});
