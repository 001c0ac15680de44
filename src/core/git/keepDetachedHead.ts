/**
 * A detached HEAD can hold commits no branch has (made while detached). Switching away
 * from it leaves them reachable only from the reflog, which git expires: EnvFlow
 * refuses instead, and says how to keep them.
 */
import type { GitRepository } from './repository';
import { shortSha } from '../model/sha';

export async function assertDetachedHeadKept(git: Pick<GitRepository, 'unkeptDetachedHead'>): Promise<void> {
  const sha = await git.unkeptDetachedHead();
  if (sha) {
    throw new Error(
      `HEAD is detached at ${shortSha(sha)}, which no branch or tag contains: switching away would leave its commits behind. Create a branch for it first (git switch --create <name>), then try again.`,
    );
  }
}
