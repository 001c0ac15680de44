// What `npm start` and `npm test` need from the system, checked before anything starts,
// so a missing package costs one sentence instead of a failure deep inside a launcher.
//   node scripts/preflight.mjs start [--desktop]
//   node scripts/preflight.mjs test [layer …]
// scripts/start.mjs and scripts/test.mjs import `preflight` and call it first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the test launcher looks for a browser (test/support/launch/browser.ts). */
const browsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const onPath = (binary) => {
  const finder = process.platform === 'win32' ? 'where' : 'which';
  return spawnSync(finder, [binary], { stdio: 'ignore' }).status === 0;
};
/** Whether code-server was installed once already (test/support/launch/codeServer.ts caches it here). */
const codeServerCached = () => {
  const base =
    process.env.ENVFLOW_CODE_SERVER_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'envflow-test');
  try {
    return readdirSync(base).some(
      (name) => name.startsWith('code-server-') && existsSync(join(base, name, '.complete')),
    );
  } catch {
    return false;
  }
};
const hasBrowser = () =>
  Boolean(process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) || browsers.some((path) => existsSync(path));

/** Every requirement: whether it is met, and the one sentence that says what to install and why. */
const requirements = {
  node: {
    met: () => {
      const [major, minor] = process.versions.node.split('.').map(Number);
      return major > 20 || (major === 20 && minor >= 19);
    },
    say: `Node.js ${process.versions.node} is too old: install Node.js 20.19 or newer, which the Octokit packages EnvFlow bundles require.`,
  },
  git: {
    met: () => onPath('git'),
    say: 'git is missing: install it (Debian/Ubuntu: `sudo apt-get install git`), because EnvFlow and every test fixture run real git.',
  },
  ripgrep: {
    met: () => onPath('rg'),
    say: 'ripgrep is missing: install it (Debian/Ubuntu: `sudo apt-get install ripgrep`), because code-server, the VS Code EnvFlow runs in here, needs `rg` for search and cannot download its own.',
  },
  browser: {
    met: hasBrowser,
    say: 'No Chromium found: install it (Debian: `sudo apt-get install chromium`) or set CHROME_PATH, because the host and UI tests drive the VS Code workbench in a headless browser.',
  },
  buildTools: {
    // Only the first install builds anything; a cached code-server needs none of it.
    met: () => codeServerCached() || ['make', 'g++', 'python3', 'krb5-config'].every(onPath),
    say: "A compiler or the Kerberos headers are missing: install them (Debian/Ubuntu: `sudo apt-get install make g++ python3 libkrb5-dev`), because the first run builds code-server's native modules.",
  },
  code: {
    met: () => onPath('code'),
    say: '`code` is not on your PATH: install desktop VS Code (or run without --desktop to use code-server), because --desktop opens EnvFlow in it.',
  },
};

/** The requirements of one command; the host layer needs the browser only when it runs in code-server. */
export function requirementsOf(command, args = []) {
  if (command === 'start') {
    return args.includes('--desktop') ? ['node', 'git', 'code'] : ['node', 'git', 'ripgrep', 'buildTools'];
  }
  const layers = args.length ? args : ['static', 'unit', 'host', 'ui', 'package'];
  const needs = new Set(['node', 'git']);
  const electronHost = process.env.ENVFLOW_TEST_HOST === 'electron';
  if (layers.includes('ui') || (layers.includes('host') && !electronHost)) {
    needs.add('browser').add('ripgrep').add('buildTools');
  }
  return [...needs];
}

/** The sentences of what is missing (empty when all is there). */
export function missing(command, args = []) {
  return requirementsOf(command, args)
    .filter((name) => !requirements[name].met())
    .map((name) => requirements[name].say);
}

/** Exits with the sentences when anything is missing; returns quietly otherwise. */
export function preflight(command, args = []) {
  const sentences = missing(command, args);
  if (sentences.length) {
    for (const sentence of sentences) {
      console.error(`[preflight] ${sentence}`);
    }
    process.exit(3);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  preflight(process.argv[2] ?? 'test', process.argv.slice(3));
  console.log('[preflight] everything needed is installed.');
}
