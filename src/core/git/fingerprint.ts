/**
 * A fingerprint of HEAD plus the working tree, so a local test result is tied to the
 * exact code it ran on. One git process (status); changed and untracked files are
 * hashed here rather than by `git hash-object`, which would fail on a file deleted
 * between the two reads. A clean tree costs the status process only.
 */
import { createHash, type Hash } from 'node:crypto';
import { lstat, open, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRunner } from './runner';
import { parseStatus } from './status';

/** sha256 (hex) over git's status (HEAD SHA, index hashes) and the content of every changed or untracked file. */
export async function treeFingerprint(runner: GitRunner, root: string): Promise<string> {
  const output = await runner.run([
    '--no-optional-locks',
    'status',
    '--porcelain=v2',
    '--branch',
    '-z',
    '--untracked-files=all',
  ]);
  const hash = createHash('sha256');
  // The upstream's ahead/behind says nothing about the tree: leave it out.
  hash.update(
    output
      .split('\0')
      .filter((record) => !record.startsWith('# branch.ab '))
      .join('\0'),
  );
  for (const path of parseStatus(output).worktreePaths) {
    hash.update(`\0${path}\0`);
    await hashFile(hash, join(root, path));
  }
  return hash.digest('hex');
}

async function hashFile(hash: Hash, file: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(file);
  } catch {
    hash.update('missing');
    return;
  }
  if (stats.isSymbolicLink()) {
    hash.update(`link:${await readlink(file)}`);
    return;
  }
  if (!stats.isFile()) {
    // A nested repository or submodule: git's status line already describes it.
    hash.update('other');
    return;
  }
  const handle = await open(file, 'r');
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false })) {
      hash.update(chunk as Buffer);
    }
  } finally {
    await handle.close();
  }
}
