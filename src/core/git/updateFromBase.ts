/**
 * "Update from develop" (the pull-request gate's fix for a branch behind its base):
 * fetch the base and merge it into the current branch with a merge commit. The shared
 * base branch is only read. It starts only from a working tree without tracked changes:
 * a merge into a dirty tree mixes the user's edits with the merge's, and the usual way
 * out of a conflict (`git merge --abort`) cannot always tell them apart again, so work
 * could be lost. A conflict leaves the merge in progress for the user (code `Conflict`).
 */
import { GitError } from './errors';
import type { GitRepository } from './repository';

export async function updateFromBase(
  git: Pick<GitRepository, 'fetch' | 'merge' | 'readState'>,
  base: string,
): Promise<void> {
  const { staged, unstaged, conflicted } = (await git.readState(base, base, 'flow')).changes;
  const tracked = staged + unstaged + conflicted;
  if (tracked > 0) {
    throw new GitError(
      'LocalChangesOverwritten',
      `Update from ${base} needs a working tree without uncommitted changes to tracked files (${tracked} now), so a merge cannot mix with them: commit or stash them first, then update again.`,
    );
  }
  await git.fetch('origin', [base]);
  await git.merge(`origin/${base}`);
}
