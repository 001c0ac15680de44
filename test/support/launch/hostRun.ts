/**
 * Runs one host suite (test/host/<suite>) inside a real VS Code extension host and
 * returns the results the suite wrote. Two launchers, one suite:
 * - code-server + headless Chromium (this machine: VS Code cannot be downloaded here);
 * - @vscode/test-electron (desktop, and the project's GitHub Actions workflow).
 * Neither host's exit code can be trusted (a failing run() still exits 0 in
 * code-server), so the verdict comes from the results file alone; no file is a failure.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { launchChromium, findChromium } from './browser';
import { startCodeServer } from './codeServer';

export interface TestResults {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
  failureDetails: { title: string; message: string; stack: string }[];
  results: { title: string; state: 'passed' | 'failed' | 'pending'; ms?: number; output?: string[] }[];
}

export interface HostRunOptions {
  /** Folder below out/test/host holding the suite's *.test.js files. */
  readonly suite: string;
  /** The folder the window opens. */
  readonly workspace: string;
  readonly trusted: boolean;
  /** Extra environment for the extension host (seams: API URLs, fixture paths). */
  readonly env?: NodeJS.ProcessEnv;
  readonly settings?: Record<string, unknown>;
  readonly timeoutMs?: number;
  /** Extension folders installed beside EnvFlow (code-server only), e.g. an empty extension to compare with. */
  readonly extraExtensions?: readonly string[];
  /** Reads the window's user-data folder after it closed (state files flushed), before it is removed. */
  readonly afterWindow?: (userDataDir: string) => Promise<void>;
}

export const repositoryRoot = resolve(__dirname, '..', '..', '..', '..');
const testsEntry = join(repositoryRoot, 'out', 'test', 'host');

export type HostKind = 'code-server' | 'electron';

export function pickHost(): HostKind {
  const requested = process.env.ENVFLOW_TEST_HOST;
  if (requested === 'code-server' || requested === 'electron') {
    return requested;
  }
  return findChromium() ? 'code-server' : 'electron';
}

export async function runHostSuite(options: HostRunOptions, host: HostKind = pickHost()): Promise<TestResults> {
  const dir = await mkdtemp(join(tmpdir(), 'envflow-host-results-'));
  const resultsFile = join(dir, 'results.json');
  const env = { ...options.env, ENVFLOW_RESULTS_FILE: resultsFile, ENVFLOW_HOST_SUITE: options.suite };
  try {
    if (host === 'code-server') {
      await runInCodeServer(options, env, resultsFile);
    } else {
      await runInElectron(options, env);
    }
    if (!existsSync(resultsFile)) {
      throw new Error(
        `The host suite "${options.suite}" wrote no results: the extension host did not run it to the end.`,
      );
    }
    return JSON.parse(await readFile(resultsFile, 'utf8')) as TestResults;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runInCodeServer(options: HostRunOptions, env: NodeJS.ProcessEnv, resultsFile: string): Promise<void> {
  const server = await startCodeServer({
    workspace: options.workspace,
    trusted: options.trusted,
    env,
    settings: options.settings,
  });
  for (const folder of options.extraExtensions ?? []) {
    // The extension host scans this folder when the window connects, which is below.
    await cp(folder, join(server.userDataDir, 'extensions', basename(folder)), { recursive: true });
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.workbenchUrl({ extensionDevelopmentPath: repositoryRoot, extensionTestsPath: testsEntry }));
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        console.error(server.output());
        throw new Error(
          `The host suite "${options.suite}" did not finish within ${(options.timeoutMs ?? 300_000) / 1000} s.`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await browser.close();
    await server.stop(options.afterWindow);
  }
}

async function runInElectron(options: HostRunOptions, env: NodeJS.ProcessEnv): Promise<void> {
  // Loaded only here: the download it performs is impossible on machines without internet.
  const { runTests } = await import('@vscode/test-electron');
  const userDataDir = await mkdtemp(join(tmpdir(), 'envflow-electron-user-'));
  try {
    await runTests({
      // ENVFLOW_VSCODE_VERSION: `stable` (the default) or an exact release such as the
      // oldest one package.json's `engines.vscode` accepts, which CI also runs.
      version: process.env.ENVFLOW_VSCODE_VERSION || undefined,
      extensionDevelopmentPath: repositoryRoot,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { ...env, ENVFLOW_USER_DATA_DIR: userDataDir },
      launchArgs: [
        options.workspace,
        '--disable-extensions',
        `--user-data-dir=${userDataDir}`,
        ...(options.trusted ? ['--disable-workspace-trust'] : []),
      ],
    });
  } catch (error) {
    // A non-zero exit is reported through the results file; a missing file fails the run.
    console.error(`[host] VS Code exited: ${String(error)}`);
  } finally {
    await options.afterWindow?.(userDataDir);
    await rm(userDataDir, { recursive: true, force: true });
  }
}
