/**
 * A repository with 100k commits and 5,000 branches, generated with `git fast-import`
 * and cached under ~/.cache/envflow-bench/ (keyed by the generator's version), so only
 * the first bench run on a machine pays for it.
 *
 * Shape: `main` is a linear history of `commits` commits touching 100 files; `develop`
 * is main plus 50; `feature/current` (checked out) is develop plus 3; each of the
 * `branches` other branches is one commit on top of a recent main commit.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { git } from '../../support/gitFixtures';

/** Bump when the shape changes, so a stale cached repository is never measured. */
const GENERATOR_VERSION = 1;
const FILES = 100;
const DEVELOP_AHEAD = 50;
const BRANCH_AHEAD = 3;

export interface BigRepositoryShape {
  readonly commits: number;
  readonly branches: number;
}

export async function bigRepository(shape: BigRepositoryShape, log: (line: string) => void): Promise<string> {
  const cache = join(homedir(), '.cache', 'envflow-bench');
  const root = join(cache, `repo-v${GENERATOR_VERSION}-${shape.commits}c-${shape.branches}b`);
  const done = join(root, '.git', 'envflow-bench-complete');
  if (await exists(done)) {
    return root;
  }
  log(
    `  generating ${shape.commits.toLocaleString('en-US')} commits and ${shape.branches.toLocaleString('en-US')} branches with git fast-import (cached in ${cache})…`,
  );
  const building = `${root}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  await git(building, ['init', '--quiet', '--initial-branch', 'main']);
  await fastImport(building, shape);
  await git(building, ['checkout', '--quiet', '--force', 'feature/current']);
  await writeFile(join(building, '.git', 'envflow-bench-complete'), `${GENERATOR_VERSION}\n`);
  await rm(root, { recursive: true, force: true });
  await rename(building, root);
  return root;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Streams the history into `git fast-import`, respecting the pipe's backpressure. */
async function fastImport(cwd: string, shape: BigRepositoryShape): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}: ${stderr}`)),
    );
  });
  const write = async (text: string) => {
    if (!child.stdin.write(text)) {
      await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
  };
  const start = Date.parse('2020-01-01T00:00:00Z') / 1000;
  let mark = 0;
  const commit = (ref: string, message: string, parent: number | undefined, file: number): string => {
    mark += 1;
    const when = start + mark * 600;
    const body = `${message}\n`;
    const content = `${message}\n`;
    return [
      `commit ${ref}`,
      `mark :${mark}`,
      `author Ada Developer <ada@example.com> ${when} +0000`,
      `committer Ada Developer <ada@example.com> ${when} +0000`,
      `data ${Buffer.byteLength(body)}`,
      body + (parent === undefined ? '' : `from :${parent}`),
      `M 100644 inline src/file-${file}.txt`,
      `data ${Buffer.byteLength(content)}`,
      content,
    ].join('\n');
  };
  let chunk = '';
  const flush = async (force = false) => {
    if (force || chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  };
  for (let i = 1; i <= shape.commits; i++) {
    chunk += commit('refs/heads/main', `Change ${i}`, i === 1 ? undefined : mark, i % FILES);
    await flush();
  }
  const mainTip = mark;
  let parent = mainTip;
  for (let i = 1; i <= DEVELOP_AHEAD; i++) {
    chunk += commit('refs/heads/develop', `Develop change ${i}`, parent, i % FILES);
    parent = mark;
  }
  for (let i = 1; i <= BRANCH_AHEAD; i++) {
    chunk += commit('refs/heads/feature/current', `Current work ${i}`, parent, i % FILES);
    parent = mark;
  }
  for (let b = 1; b <= shape.branches; b++) {
    // Each branch starts somewhere in main's last few thousand commits.
    chunk += commit(
      `refs/heads/feature/branch-${b}`,
      `Branch ${b}`,
      mainTip - ((b * 7) % Math.min(5000, mainTip - 1)),
      b % FILES,
    );
    await flush();
  }
  chunk += 'done\n';
  await flush(true);
  child.stdin.end();
  await exited;
}
