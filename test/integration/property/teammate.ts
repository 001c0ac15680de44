/**
 * A teammate pushes a commit straight onto develop or main on origin (a fast-forward,
 * as a normal push is), so the user's branches fall behind and pushes get rejected.
 * Built in the bare repository with a throw-away index; not EnvFlow's git, so it is
 * outside the "nothing forced" check, and it only ever adds a child of the old head.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureGitEnv, git } from '../../support/gitFixtures';
import type { World } from './world';

export async function teammatePush(world: World, branch: string, path: string, content: string): Promise<string> {
  const origin = world.fixture.origin;
  const index = join(world.fixture.base, 'teammate.index');
  const env = { GIT_INDEX_FILE: index };
  try {
    const head = await git(origin, ['rev-parse', '--verify', `refs/heads/${branch}`]);
    await git(origin, ['read-tree', head], env);
    const blob = await gitWithInput(origin, content);
    await git(origin, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], env);
    const tree = await git(origin, ['write-tree'], env);
    const commit = await git(origin, ['commit-tree', tree, '-p', head, '-m', `Teammate changes ${path}`]);
    await git(origin, ['update-ref', `refs/heads/${branch}`, commit, head]);
    return `pushed ${commit.slice(0, 7)} to ${branch}`;
  } finally {
    await rm(index, { force: true });
  }
}

/** `git hash-object -w --stdin` in the bare repository. */
function gitWithInput(gitDir: string, content: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['--git-dir', gitDir, 'hash-object', '-w', '--stdin'],
      { env: fixtureGitEnv },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    );
    child.stdin?.end(content);
  });
}
