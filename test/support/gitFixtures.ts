/**
 * Real git repositories in temp folders for tests and the sandbox: a bare `origin`
 * and a working clone with `main` and `develop`, built with the git binary itself.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Environment for fixture git processes: no user or system config, fixed identity and dates. */
export const fixtureGitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Ada Developer',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Developer',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_TERMINAL_PROMPT: '0',
  // Fixture git is the test's own, not EnvFlow's: keep it out of the host's git log.
  ENVFLOW_GIT_LOG: '/dev/null',
};

export async function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await execFileAsync('git', [...args], {
    cwd,
    env: { ...fixtureGitEnv, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trimEnd();
}

export interface FixtureRepo {
  /** Temp folder holding everything below; `dispose()` removes it. */
  readonly base: string;
  /** The working clone the user edits. */
  readonly root: string;
  /** The bare repository that is `origin`. */
  readonly origin: string;
  git(...args: string[]): Promise<string>;
  write(path: string, content: string): Promise<void>;
  /** Writes the files, stages them and commits; returns the new commit's SHA. */
  commit(message: string, files?: Record<string, string>): Promise<string>;
  dispose(): Promise<void>;
}

export interface FixtureOptions {
  /** Name used in the temp folder's name. */
  readonly name?: string;
  readonly productionBranch?: string;
  readonly developBranch?: string;
  /** Create develop (default true). */
  readonly withDevelop?: boolean;
  /** Commits on develop that main lacks (default 0). */
  readonly developAhead?: number;
  /** Remote URL written as origin's url instead of the bare folder (the push URL stays the folder). */
  readonly originUrl?: string;
  /** Where to create the temp folder (default: the OS temp folder). */
  readonly parent?: string;
}

export async function createFixtureRepo(options: FixtureOptions = {}): Promise<FixtureRepo> {
  const main = options.productionBranch ?? 'main';
  const develop = options.developBranch ?? 'develop';
  const parent = options.parent ?? tmpdir();
  await mkdir(parent, { recursive: true });
  const base = await mkdtemp(join(parent, `envflow-${options.name ?? 'repo'}-`));
  const origin = join(base, 'origin.git');
  const root = join(base, 'work');
  await git(base, ['init', '--quiet', '--bare', `--initial-branch=${main}`, '--', origin]);
  await git(base, ['init', '--quiet', `--initial-branch=${main}`, '--', root]);
  const repo = adoptFixtureRepo(root);
  await repo.git('remote', 'add', 'origin', origin);
  await repo.commit('Initial commit', {
    'README.md': '# Sandbox service\n',
    'package.json':
      JSON.stringify({ name: 'sandbox-service', version: '1.0.0', scripts: { test: 'node test.js' } }, null, 2) + '\n',
    'test.js': "console.log('1 passing');\n",
  });
  await repo.git('push', '--quiet', '--set-upstream', 'origin', main);
  if (options.withDevelop !== false) {
    await repo.git('switch', '--quiet', '--create', develop);
    for (let i = 1; i <= (options.developAhead ?? 0); i++) {
      await repo.commit(`Develop change ${i}`, { [`feature-${i}.txt`]: `change ${i}\n` });
    }
    await repo.git('push', '--quiet', '--set-upstream', 'origin', develop);
  }
  if (options.originUrl) {
    await repo.git('remote', 'set-url', 'origin', options.originUrl);
    await repo.git('remote', 'set-url', '--push', 'origin', origin);
  }
  return repo;
}

/** A fresh `git init` with no commit (an unborn branch) in a temp folder; `dispose()` removes it. */
export async function createUnbornRepo(
  options: { name?: string; branch?: string } = {},
): Promise<{ root: string; dispose(): Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), `envflow-${options.name ?? 'unborn'}-`));
  const root = join(base, 'work');
  await git(base, ['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`, '--', root]);
  return { root, dispose: () => rm(base, { recursive: true, force: true }) };
}

/**
 * A `git clone --depth 1` of the fixture's origin inside the fixture's folder (removed
 * with it). `branch` picks the cloned branch (default: origin's HEAD).
 */
export async function createShallowClone(repo: FixtureRepo, options: { branch?: string } = {}): Promise<string> {
  const target = join(repo.base, `shallow-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
  const branch = options.branch ? ['--branch', options.branch] : [];
  await git(repo.base, ['clone', '--quiet', '--depth', '1', ...branch, '--', `file://${repo.origin}`, target]);
  return target;
}

/** Detaches HEAD at `rev` (default: the current commit) in the fixture's working clone. */
export async function detachHead(repo: FixtureRepo, rev = 'HEAD'): Promise<string> {
  await repo.git('switch', '--quiet', '--detach', rev);
  return repo.git('rev-parse', 'HEAD');
}

/** A FixtureRepo view of an existing fixture working clone (`<base>/work` with `<base>/origin.git`). */
export function adoptFixtureRepo(root: string): FixtureRepo {
  const base = dirname(root);
  const repo: FixtureRepo = {
    base,
    root,
    origin: join(base, 'origin.git'),
    git: (...args) => git(root, args),
    write: async (path, content) => {
      const file = join(root, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    commit: async (message, files = {}) => {
      for (const [path, content] of Object.entries(files)) {
        await repo.write(path, content);
      }
      await git(root, ['add', '--all']);
      await git(root, ['commit', '--quiet', '--allow-empty', '-m', message]);
      return git(root, ['rev-parse', 'HEAD']);
    },
    dispose: () => rm(base, { recursive: true, force: true }),
  };
  return repo;
}
