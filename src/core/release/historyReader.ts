/**
 * Two history reads a revert needs and GitRepository does not offer yet: the
 * first-parent line between two commits (with each commit's parents) and a commit's
 * tree. They go through the same GitRunner chokepoint as every other git process, so
 * they are validated, logged, typed on failure and seen by `onProcess`.
 */
import { assertRefName } from '../git/refName';
import type { OpenRepositoryOptions } from '../git/repository';
import { GitRunner } from '../git/runner';

/** A commit on a first-parent line. */
export interface ChainCommit {
  readonly sha: string;
  /** First parent first; two or more make a merge commit. */
  readonly parents: readonly string[];
  readonly subject: string;
}

export interface HistoryReader {
  /**
   * The commits on `from`'s first-parent line that `until` does not reach, newest
   * first, at most `max` (`git log --first-parent until..from`).
   */
  firstParentChain(from: string, until: string, max: number): Promise<ChainCommit[]>;
  /** The tree object a commit (or ref) points at. */
  treeOf(ref: string): Promise<string>;
}

/** A HistoryReader for the work tree at `root`, with the options the repository was opened with. */
export function historyReader(root: string, options: OpenRepositoryOptions = {}): HistoryReader {
  const runner = new GitRunner({ ...options, cwd: root });
  return {
    async firstParentChain(from, until, max) {
      assertRefName(from);
      assertRefName(until);
      const count = Math.max(0, Math.floor(max));
      const output = await runner.run([
        'log',
        '--no-show-signature',
        '--first-parent',
        `--max-count=${count}`,
        '--format=%H%x00%P%x00%s',
        '--end-of-options',
        `${until}..${from}`,
        '--',
      ]);
      return parseChain(output);
    },
    async treeOf(ref) {
      assertRefName(ref);
      return (await runner.run(['rev-parse', '--verify', '--end-of-options', `${ref}^{tree}`])).trim();
    },
  };
}

/** Parses `%H%x00%P%x00%s` lines. */
export function parseChain(output: string): ChainCommit[] {
  const commits: ChainCommit[] = [];
  for (const line of output.split('\n')) {
    const [sha, parents, subject] = line.split('\0');
    if (sha && /^[0-9a-f]{40,64}$/.test(sha)) {
      commits.push({ sha, parents: (parents ?? '').split(' ').filter(Boolean), subject: subject ?? '' });
    }
  }
  return commits;
}
