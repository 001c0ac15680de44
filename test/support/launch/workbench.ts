/**
 * The VS Code workbench in headless Chromium with EnvFlow loaded from this checkout,
 * for UI tests: what a user sees, found by accessible names, and screenshots of it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startCodeServer, type CodeServerOptions, type RunningCodeServer } from './codeServer';
import { repositoryRoot } from './hostRun';

export const artifactsDir = join(repositoryRoot, 'test-artifacts');

export interface Workbench {
  readonly page: Page;
  readonly server: RunningCodeServer;
  /** Clicks the EnvFlow activity bar item and waits for the Environments tree. */
  openEnvFlow(): Promise<void>;
  /** Saves a PNG under test-artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(options: CodeServerOptions): Promise<Workbench> {
  const server = await startCodeServer(options);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.workbenchUrl({ extensionDevelopmentPath: repositoryRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      page,
      server,
      openEnvFlow: async () => {
        const tree = page.getByRole('tree', { name: /Environments/ });
        if (!(await tree.isVisible())) {
          await page.getByRole('tab', { name: /^EnvFlow/ }).click();
        }
        // Leave the activity bar so its hover tooltip does not cover the tree.
        await page.mouse.move(800, 500);
        await tree.waitFor({ timeout: 30_000 });
      },
      screenshot: async (name) => {
        await mkdir(artifactsDir, { recursive: true });
        // Away from the activity bar, so no hover tooltip covers the tree.
        await page.mouse.move(800, 500);
        const path = join(artifactsDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      close: async () => {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}
