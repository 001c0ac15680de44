/**
 * A real VS Code for tests and the sandbox on machines that cannot download VS Code:
 * code-server from the npm registry, installed once into a cache folder outside the
 * repository, started on 127.0.0.1 and driven by Chromium (see ./browser.ts).
 *
 * The install recipe avoids the two steps that fail offline: @vscode/ripgrep's
 * download (Debian's `rg` is copied in instead) and native builds that need headers
 * the machine lacks (install scripts are skipped, then the needed modules rebuilt).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registerEmptyLanguagePack } from './displayLanguage';

const execFileAsync = promisify(execFile);

/** The newest code-server whose `engines.node` is 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerCacheDir(): string {
  const base =
    process.env.ENVFLOW_CODE_SERVER_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'envflow-test');
  return join(base, `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerEntry(dir: string): string {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

async function npm(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  await execFileAsync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function which(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('which', [binary]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Installs code-server into the cache once (about a minute); later calls return at once. */
export async function ensureCodeServer(log: (line: string) => void = console.log): Promise<string> {
  const dir = codeServerCacheDir();
  const done = join(dir, '.complete');
  if (existsSync(done)) {
    return codeServerEntry(dir);
  }
  const ripgrep = await which('rg');
  if (!ripgrep) {
    throw new Error('code-server needs ripgrep: install the Debian package `ripgrep` (.ci/run does).');
  }
  log(`[code-server] installing ${CODE_SERVER_VERSION} into ${dir} …`);
  const started = Date.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'envflow-code-server', private: true }));
  await npm(dir, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts']);
  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  await npm(vscodeDir, ['install', '--omit=dev', '--ignore-scripts']);
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  await mkdir(rgDir, { recursive: true });
  await copyFile(ripgrep, join(rgDir, 'rg'));
  await npm(
    vscodeDir,
    ['rebuild', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'],
    { npm_config_yes: 'true' },
  );
  // VS Code loads some modules from node_modules.asar; outside Electron that is a folder.
  await symlink('node_modules', join(vscodeDir, 'node_modules.asar'));
  await npm(join(vscodeDir, 'extensions'), ['install', '--omit=dev']);
  await npm(dir, ['rebuild', 'argon2']);
  await writeFile(done, new Date().toISOString());
  log(`[code-server] installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerEntry(dir);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** False opens the folder in restricted mode (workspace trust enabled, not trusted). */
  readonly trusted?: boolean;
  /** User settings written before start. */
  readonly settings?: Record<string, unknown>;
  /** Extra environment for the server and the extension host it starts. */
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  /** Keep the server's output (otherwise only shown on failure). */
  readonly verbose?: boolean;
  /** The display language, e.g. `es` (default: English). */
  readonly locale?: string;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  /** The workbench URL that loads `extensionDevelopmentPath` (and a test entry, when given). */
  workbenchUrl(options: { extensionDevelopmentPath: string; extensionTestsPath?: string; folder?: string }): string;
  readonly output: () => string;
  /** Ends the server; `beforeRemove` reads the user-data folder once nothing writes to it any more. */
  stop(beforeRemove?: (userDataDir: string) => Promise<void>): Promise<void>;
}

/** Settings that keep a test workbench quiet and offline. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
};

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const entry = await ensureCodeServer();
  const port = options.port ?? (await freePort());
  const userDataDir = await mkdtemp(join(tmpdir(), 'envflow-vscode-user-'));
  const extensionsDir = join(userDataDir, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (options.trusted !== false) {
    args.push('--disable-workspace-trust');
  }
  if (options.locale) {
    await registerEmptyLanguagePack(userDataDir, options.locale);
    args.push('--locale', options.locale);
  }
  args.push(options.workspace);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, args, {
    // Host tests find the logs (EnvFlow's output channel) and state files below ENVFLOW_USER_DATA_DIR.
    env: { ...process.env, ...options.env, ENVFLOW_USER_DATA_DIR: userDataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.verbose) {
      process.stdout.write(chunk);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    port,
    userDataDir,
    output: () => output,
    workbenchUrl: ({ extensionDevelopmentPath, extensionTestsPath, folder }) => {
      const remote = (path: string): string => `vscode-remote://127.0.0.1:${port}${path}`;
      const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
      if (extensionTestsPath) {
        payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      }
      const opened = folder ?? options.workspace;
      const query = new URLSearchParams({
        [opened.endsWith('.code-workspace') ? 'workspace' : 'folder']: opened,
        payload: JSON.stringify(payload),
      });
      return `${url}/?${query.toString()}`;
    },
    stop: async (beforeRemove) => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await beforeRemove?.(userDataDir);
      if (process.env.ENVFLOW_KEEP_USER_DATA) {
        // For debugging: the extension host's logs (EnvFlow's output channel included) stay here.
        console.log(`[code-server] user data kept in ${userDataDir}`);
      } else {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${output()}`);
}
