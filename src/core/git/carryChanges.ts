/**
 * Switching to a new branch without losing uncommitted work (`envflow.startBranch`):
 * uncommitted changes are carried or stashed with the user's consent, never lost.
 * Kept out of the command so the no-lost-work property test drives exactly this code.
 */
import { GitError } from './errors';
import { assertDetachedHeadKept } from './keepDetachedHead';
import type { GitRepository } from './repository';

/** `carried`: git kept the changes in place; `stashed`: they came along through a stash; `cancelled`: the user declined. */
export type CarryOutcome = 'carried' | 'stashed' | 'cancelled';

/** Which git operations the carry needs (GitRepository has them). */
export type CarryGit = Pick<
  GitRepository,
  'createAndSwitchBranch' | 'stashPush' | 'stashApply' | 'stashDrop' | 'unkeptDetachedHead'
>;

/** The stash message, so the user can find the entry if applying it stopped on a conflict. */
export function carryStashMessage(branch: string): string {
  return `envflow: carry to ${branch}`;
}

/**
 * Creates `branch` at `startPoint` and switches to it, unless HEAD is detached on
 * commits no ref keeps (see keepDetachedHead.ts). Git carries uncommitted changes
 * when they do not collide with the start point; when they do, `consent` decides
 * between carrying them through a stash and cancelling. The stash is applied
 * with its index, so staged and unstaged contents come back apart, and dropped only
 * after it applied cleanly, so a conflict leaves the changes in the stash. The stash
 * is addressed by its commit SHA throughout, so a stash pushed by someone else in
 * between is never the one applied or dropped.
 */
export async function switchCarryingChanges(
  git: CarryGit,
  branch: string,
  startPoint: string,
  consent: () => Promise<boolean>,
): Promise<CarryOutcome> {
  await assertDetachedHeadKept(git);
  try {
    await git.createAndSwitchBranch(branch, startPoint);
    return 'carried';
  } catch (error) {
    if (!(error instanceof GitError) || error.code !== 'LocalChangesOverwritten') {
      throw error;
    }
  }
  if (!(await consent())) {
    return 'cancelled';
  }
  const message = carryStashMessage(branch);
  const stashed = await git.stashPush(message, { includeUntracked: true });
  try {
    await git.createAndSwitchBranch(branch, startPoint);
  } catch (error) {
    // Back to where the user was: their changes return from the stash.
    if (stashed) {
      await git.stashApply(stashed, { index: true });
      await git.stashDrop(stashed);
    }
    throw error;
  }
  if (stashed) {
    try {
      await git.stashApply(stashed, { index: true });
    } catch (error) {
      throw new Error(
        `Switched to ${branch}, but your changes conflict with it: they are kept in the stash "${message}" (and, where git could apply them, in the working tree with conflict markers). ${error instanceof Error ? error.message : ''}`.trim(),
      );
    }
    await git.stashDrop(stashed);
  }
  return 'stashed';
}
