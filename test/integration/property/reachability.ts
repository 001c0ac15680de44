/**
 * Where a user's bytes can still be found: the working tree, the index, a stash entry
 * (its index and untracked parts too) or a commit reachable from a ref. Loose objects
 * that nothing references do not count: `git gc` would delete them.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../../support/gitFixtures';

/** git's blob id of `content` (what `git hash-object` prints), computed without a process. */
export function blobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** Blob id of the file at `path` in the work tree, or undefined when there is no such file. */
export async function fileBlob(root: string, path: string): Promise<string | undefined> {
  try {
    return blobId(await readFile(join(root, path)));
  } catch {
    return undefined;
  }
}

/** Stash entries, newest first, read from the stash reflog (which `git stash drop` rewrites). */
export async function stashEntries(root: string): Promise<string[]> {
  let log: string;
  try {
    log = await readFile(join(root, '.git', 'logs', 'refs', 'stash'), 'utf8');
  } catch {
    return [];
  }
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[1]!)
    .reverse();
}

/** Blob ids staged in the index, every stage of a conflicted path included. */
export async function indexBlobs(root: string, paths: readonly string[] = []): Promise<Set<string>> {
  const output = await git(root, ['ls-files', '--stage', '--', ...paths]);
  return new Set(
    output
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[1]!),
  );
}

/** Blob ids staged per path (every stage of a conflicted path). */
export async function indexByPath(root: string): Promise<Map<string, Set<string>>> {
  const output = await git(root, ['ls-files', '--stage', '-z']);
  const byPath = new Map<string, Set<string>>();
  for (const entry of output.split('\0').filter(Boolean)) {
    const [meta, path] = entry.split('\t') as [string, string];
    const blobs = byPath.get(path) ?? new Set<string>();
    blobs.add(meta.split(' ')[1]!);
    byPath.set(path, blobs);
  }
  return byPath;
}

/** Every object reachable from a ref (HEAD, branches, remote branches, tags) or from any stash entry. */
export async function reachableObjects(root: string): Promise<Set<string>> {
  const stashes = await stashEntries(root);
  const output = await git(root, ['rev-list', '--objects', '--all', ...stashes, '--']);
  return new Set(output.split('\n').map((line) => line.slice(0, 40)));
}

/** What the user can still get back: the sets the property checks against. */
export interface Reachable {
  readonly worktree: Set<string>;
  readonly index: Set<string>;
  readonly objects: Set<string>;
  has(id: string): boolean;
}

export async function readReachable(root: string, paths: readonly string[]): Promise<Reachable> {
  const [worktreeIds, index, objects] = await Promise.all([
    Promise.all(paths.map((p) => fileBlob(root, p))),
    indexBlobs(root),
    reachableObjects(root),
  ]);
  const worktree = new Set(worktreeIds.filter((id): id is string => id !== undefined));
  return { worktree, index, objects, has: (id) => worktree.has(id) || index.has(id) || objects.has(id) };
}

/** A branch's SHA in a bare repository, read from its ref files (no process), or undefined. */
export async function bareBranchSha(gitDir: string, branch: string): Promise<string | undefined> {
  try {
    return (await readFile(join(gitDir, 'refs', 'heads', branch), 'utf8')).trim();
  } catch {
    // Not loose: maybe packed.
  }
  try {
    const packed = await readFile(join(gitDir, 'packed-refs'), 'utf8');
    const line = packed.split('\n').find((l) => l.endsWith(` refs/heads/${branch}`));
    return line?.slice(0, 40);
  } catch {
    return undefined;
  }
}
