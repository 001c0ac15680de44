/**
 * What the UI tests do the way a user does it: find a row of the Environments tree by
 * what it reads, click one of its inline actions, pick from a quick pick, answer a
 * modal, read a notification. Accessible roles and names first; VS Code's CSS classes
 * only where the workbench gives no accessible name.
 */
import type { Locator, Page } from 'playwright-core';
import { openWorkbench, type Workbench } from '../support/launch/workbench';
import { createSandbox, type Sandbox, type SandboxOptions } from '../support/sandbox/sandbox';

/** How long a step may take to show on screen: a refresh, a git call, a poll. */
export const UI_TIMEOUT = 30_000;

export function environmentsTree(page: Page): Locator {
  return page.getByRole('tree', { name: /Environments/ });
}

/** A row of the Environments tree; its accessible name is "label, description". */
export function treeRow(page: Page, name: RegExp): Locator {
  return environmentsTree(page).getByRole('treeitem', { name }).first();
}

export function statusBarItem(page: Page, name: RegExp): Locator {
  return page.locator('#workbench\\.parts\\.statusbar').getByRole('button', { name }).first();
}

/**
 * Clicks an inline action of a tree row. VS Code shows inline actions only while the
 * pointer is over the row, so the pointer goes there first, as a user's would.
 */
export async function clickInlineAction(row: Locator, action: string): Promise<void> {
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.hover();
  await row.getByRole('button', { name: action, exact: true }).click();
}

/** Clicks an action in the title bar of the EnvFlow view (shown while the pointer is over the view). */
export async function clickViewTitleAction(page: Page, action: string): Promise<void> {
  await environmentsTree(page).hover();
  await page.locator('#workbench\\.parts\\.sidebar').getByRole('button', { name: action, exact: true }).click();
}

/** The open quick pick or input box (its input has no accessible name of its own). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Clicks the quick pick option whose accessible name matches. */
export async function pickOption(page: Page, name: RegExp): Promise<void> {
  await quickInput(page).getByRole('option', { name }).first().click({ timeout: UI_TIMEOUT });
}

/** Types into the open input box and presses Enter. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(text);
  await input.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** The modal dialog VS Code shows for `showWarningMessage(…, { modal: true })`. */
export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

/** A notification toast whose message matches. */
export function notification(page: Page, message: RegExp): Locator {
  return page.locator('.notifications-toasts').getByRole('dialog').filter({ hasText: message }).first();
}

/** After a failed step: a screenshot of what the screen showed, and the GitHub requests that failed. */
export async function recordFailure(workbench: Workbench | undefined, sandbox: Sandbox | undefined, name: string): Promise<void> {
  const path = await workbench?.screenshot(name);
  const failed = sandbox?.fx?.server.requests.filter((r) => r.status >= 400) ?? [];
  console.log(`Screenshot: ${path ?? 'none'}\nGitHub requests that failed:\n${failed.map((r) => `  ${r.status} ${r.method} ${r.path}`).join('\n') || '  none'}`);
}

/**
 * Registers the hooks that give a suite one sandbox opened in one workbench: built
 * before the tests, a failure screenshot after a failed test, both disposed after.
 */
export function useSandboxWorkbench(options: SandboxOptions, failureName: string): { readonly sandbox: Sandbox; readonly workbench: Workbench } {
  const state: { sandbox?: Sandbox; workbench?: Workbench } = {};
  before(async () => {
    const sandbox = await createSandbox(options);
    state.sandbox = sandbox;
    state.workbench = await openWorkbench({ workspace: sandbox.repo.root, settings: sandbox.settings, env: sandbox.env });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await recordFailure(state.workbench, state.sandbox, failureName);
    }
  });
  after(async () => {
    await state.workbench?.close();
    await state.sandbox?.dispose();
  });
  return {
    get sandbox() {
      return state.sandbox!;
    },
    get workbench() {
      return state.workbench!;
    },
  };
}
