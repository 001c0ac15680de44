/**
 * Guesses a project's conventional test command from the files at its root, the way
 * a developer new to the project would: a handful of reads, no process started.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface DetectedTestCommand {
  /** Shell command line, e.g. `npm test`. */
  readonly command: string;
  /** Where it came from, for the user: e.g. `package.json scripts.test`. */
  readonly source: string;
}

export interface DetectOptions {
  /** Decides `python3` (POSIX) or `python` (Windows); default `process.platform`. */
  readonly platform?: NodeJS.Platform;
}

/**
 * The test command of the project at `root`, or undefined when nothing conventional
 * is found. Order: package.json `scripts.test`, a Makefile `test` target, pytest,
 * Cargo, Go. Unreadable or malformed files count as absent.
 */
export async function detectTestCommand(
  root: string,
  options: DetectOptions = {},
): Promise<DetectedTestCommand | undefined> {
  const detectors = [
    detectNode,
    detectMake,
    (r: string) => detectPytest(r, options.platform ?? process.platform),
    detectCargo,
    detectGo,
  ];
  for (const detect of detectors) {
    const found = await detect(root);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** `npm init` writes this stub; running it only reports that there are no tests. */
const NPM_STUB = /no test specified/i;

async function detectNode(root: string): Promise<DetectedTestCommand | undefined> {
  const text = await readText(join(root, 'package.json'));
  if (text === undefined) {
    return undefined;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  const record = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : {};
  const scripts = record.scripts;
  const test = typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>).test : undefined;
  if (typeof test !== 'string' || !test.trim() || NPM_STUB.test(test)) {
    return undefined;
  }
  const manager = await packageManager(root, record.packageManager);
  return { command: `${manager} test`, source: 'package.json scripts.test' };
}

/** The `packageManager` field (corepack) wins; otherwise the lockfile that is present. */
async function packageManager(root: string, declared: unknown): Promise<'npm' | 'pnpm' | 'yarn'> {
  const name = typeof declared === 'string' ? declared.split('@')[0] : undefined;
  if (name === 'pnpm' || name === 'yarn' || name === 'npm') {
    return name;
  }
  if (await exists(join(root, 'pnpm-lock.yaml'))) {
    return 'pnpm';
  }
  if (await exists(join(root, 'yarn.lock'))) {
    return 'yarn';
  }
  return 'npm';
}

/** A rule line naming `test` among its targets; `test := …` and `test ::= …` are variables. */
const MAKE_TEST_TARGET = /^(?:[^\s:#=]+[ \t]+)*test(?:[ \t]+[^\s:#=]+)*[ \t]*:(?!:?=)/m;

async function detectMake(root: string): Promise<DetectedTestCommand | undefined> {
  // GNU make's own lookup order.
  for (const name of ['GNUmakefile', 'makefile', 'Makefile']) {
    const text = await readText(join(root, name));
    if (text !== undefined) {
      return MAKE_TEST_TARGET.test(text) ? { command: 'make test', source: `${name} test target` } : undefined;
    }
  }
  return undefined;
}

async function detectPytest(root: string, platform: NodeJS.Platform): Promise<DetectedTestCommand | undefined> {
  // Debian, Ubuntu and macOS ship `python3` without a `python`; Windows has `python`.
  const command = `${platform === 'win32' ? 'python' : 'python3'} -m pytest`;
  if (await exists(join(root, 'pytest.ini'))) {
    return { command, source: 'pytest.ini' };
  }
  if (/^\[tool\.pytest(?:\.ini_options)?\]/m.test((await readText(join(root, 'pyproject.toml'))) ?? '')) {
    return { command, source: 'pyproject.toml [tool.pytest]' };
  }
  if (/^\[tool:pytest\]/m.test((await readText(join(root, 'setup.cfg'))) ?? '')) {
    return { command, source: 'setup.cfg [tool:pytest]' };
  }
  const tests = await readdir(join(root, 'tests')).catch(() => [] as string[]);
  if (tests.some((name) => /^test_.*\.py$|_test\.py$/.test(name))) {
    return { command, source: 'tests/test_*.py' };
  }
  return undefined;
}

async function detectCargo(root: string): Promise<DetectedTestCommand | undefined> {
  return (await exists(join(root, 'Cargo.toml'))) ? { command: 'cargo test', source: 'Cargo.toml' } : undefined;
}

async function detectGo(root: string): Promise<DetectedTestCommand | undefined> {
  return (await exists(join(root, 'go.mod'))) ? { command: 'go test ./...', source: 'go.mod' } : undefined;
}

/** Files larger than this are not a manifest anyone hand-writes; skip them. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

async function readText(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) {
      return undefined;
    }
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
