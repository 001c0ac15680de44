/**
 * "Update from develop" (the pull-request gate's fix for a branch behind its base):
 * fetch the base and merge it into the current branch with a merge commit. The shared
 * base branch is only read; git refuses when the merge would overwrite uncommitted
 * changes, and a conflict leaves the merge in progress for the user (code `Conflict`).
 */
import type { GitRepository } from './repository';

export async function updateFromBase(git: Pick<GitRepository, 'fetch' | 'merge'>, base: string): Promise<void> {
  await git.fetch('origin', [base]);
  await git.merge(`origin/${base}`);
}
