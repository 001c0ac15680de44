/**
 * The refresh read: everything the Local, Development and Production sections need
 * from git, in as few processes as possible.
 *
 * Process budget (asserted by test/integration/git/readState.test.ts):
 * 1. `status --porcelain=v2 --branch -z` — branch, HEAD, upstream, ahead/behind, changes.
 * 2. `for-each-ref` over heads, remotes and tags — develop, production, backups.
 *    (1 and 2 run in parallel.)
 * 3. `rev-list --left-right --count HEAD...<develop>` — only when HEAD or develop moved
 *    since the last read (cached by the two SHAs; skipped when they are equal).
 * 4. `log <production>..<develop>` — the commits awaiting promotion with their count;
 *    only when develop or production moved since the last read.
 * git 2.39 has no `%(ahead-behind:…)`, and one rev-list cannot count two pairs, so the
 * pairs are cached by SHA instead: a steady-state refresh costs 2 processes, a commit
 * on the branch 3, and only a moved develop or production head costs the 4th.
 */
import type { Logger } from '../log';
import { GitError } from './errors';
import { backupsFrom, flowRefArgs, forEachRefArgs, parseRefs, type BackupTag, type RefInfo } from './refs';
import type { GitRunner } from './runner';
import { parseStatus, type StatusSummary } from './status';

/** How many awaiting-promotion commits are listed (the count is always exact). */
export const AWAITING_PROMOTION_LIMIT = 20;

export interface CommitSummary {
  readonly sha: string;
  readonly subject: string;
  readonly author?: string;
  /** ISO 8601 committer date. */
  readonly date?: string;
}

/** The head of develop or production as EnvFlow sees it. */
export interface BranchHead {
  /** The ref used: `refs/remotes/origin/<branch>` when it exists, else `refs/heads/<branch>`. */
  readonly ref: string;
  readonly sha: string;
  readonly subject?: string;
  /** ISO 8601 committer date. */
  readonly date?: string;
  readonly author?: string;
}

/** What `status` says (branch, HEAD, upstream, changes) plus what the refs say. */
/**
 * `all` reads every branch, remote branch and tag (commands that pick a free name);
 * `flow` only develop, production and the backup tags (the refresh: its cost must not
 * grow with the number of branches).
 */
export type RefScope = 'all' | 'flow';

export interface LocalGitState extends Omit<StatusSummary, 'worktreePaths'> {
  /** Branches, remote branches and tags (symbolic refs such as origin/HEAD left out); only the flow's with scope `flow`. */
  readonly refs: readonly RefInfo[];
  readonly develop?: BranchHead;
  readonly production?: BranchHead;
  /** HEAD against develop; undefined without HEAD or develop. */
  readonly aheadOfDevelop?: number;
  readonly behindDevelop?: number;
  /** Develop ahead of production: the exact count and the newest commits. */
  readonly awaitingPromotion: { readonly count: number; readonly commits: readonly CommitSummary[] };
  /** Tags under refs/tags/backup/production-*, newest first. */
  readonly backups: readonly BackupTag[];
}

interface Memo<T> {
  key: string;
  value: T;
}

/** Reads LocalGitState and remembers the SHA-keyed answers between reads. */
export class StateReader {
  private aheadBehind?: Memo<{ ahead: number; behind: number } | undefined>;
  private promotion?: Memo<LocalGitState['awaitingPromotion']>;

  constructor(
    private readonly runner: GitRunner,
    private readonly logger: Logger,
  ) {}

  /** `developBranch` and `productionBranch` are short names already validated by the caller. */
  async read(developBranch: string, productionBranch: string, scope: RefScope = 'all'): Promise<LocalGitState> {
    const [statusOutput, refsOutput] = await Promise.all([
      // --no-optional-locks: a background read must never take the index lock from the user.
      this.runner.run(['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '-z']),
      this.runner.run(scope === 'flow' ? flowRefArgs(developBranch, productionBranch) : forEachRefArgs),
    ]);
    const status = parseStatus(statusOutput);
    const refs = parseRefs(refsOutput);
    const develop = branchHead(refs, developBranch);
    const production = branchHead(refs, productionBranch);
    const [vsDevelop, awaitingPromotion] = await Promise.all([
      this.headVersusDevelop(status.headSha, develop?.sha),
      this.awaitingPromotion(develop?.sha, production?.sha),
    ]);
    return {
      branch: status.branch,
      detached: status.detached,
      headSha: status.headSha,
      upstream: status.upstream,
      aheadOfUpstream: status.aheadOfUpstream,
      behindUpstream: status.behindUpstream,
      changes: status.changes,
      refs,
      develop,
      production,
      aheadOfDevelop: vsDevelop?.ahead,
      behindDevelop: vsDevelop?.behind,
      awaitingPromotion,
      backups: backupsFrom(refs),
    };
  }

  private async headVersusDevelop(
    head: string | undefined,
    develop: string | undefined,
  ): Promise<{ ahead: number; behind: number } | undefined> {
    if (!head || !develop) {
      return undefined;
    }
    if (head === develop) {
      return { ahead: 0, behind: 0 };
    }
    const key = `${head}...${develop}`;
    if (this.aheadBehind?.key !== key) {
      const value = await this.tolerate(key, async () => {
        const output = await this.runner.run(['rev-list', '--left-right', '--count', '--end-of-options', key]);
        const [ahead, behind] = output.trim().split(/\s+/).map(Number);
        return { ahead: ahead ?? 0, behind: behind ?? 0 };
      });
      this.aheadBehind = { key, value };
    }
    return this.aheadBehind.value;
  }

  private async awaitingPromotion(
    develop: string | undefined,
    production: string | undefined,
  ): Promise<LocalGitState['awaitingPromotion']> {
    if (!develop || !production || develop === production) {
      return { count: 0, commits: [] };
    }
    const key = `${production}..${develop}`;
    if (this.promotion?.key !== key) {
      const value = await this.tolerate(key, async () => {
        const output = await this.runner.run([
          'log',
          '--no-show-signature',
          `--format=${COMMIT_FORMAT}`,
          '--end-of-options',
          key,
        ]);
        const commits = parseCommits(output);
        return { count: commits.length, commits: commits.slice(0, AWAITING_PROMOTION_LIMIT) };
      });
      this.promotion = { key, value: value ?? { count: 0, commits: [] } };
    }
    return this.promotion.value;
  }

  /**
   * A shallow clone can lack the history a range needs; the rest of the state is still
   * worth showing, so a failed count is logged and left out rather than failing the refresh.
   */
  private async tolerate<T>(range: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof GitError)) {
        throw error;
      }
      this.logger.warn(`Could not compare ${range}: ${error.message}`);
      return undefined;
    }
  }
}

/** `log` format giving CommitSummary fields, NUL-separated, one commit per line. */
export const COMMIT_FORMAT = '%H%x00%s%x00%an%x00%cI';

export function parseCommits(output: string): CommitSummary[] {
  const commits: CommitSummary[] = [];
  for (const line of output.split('\n')) {
    const [sha, subject, author, date] = line.split('\0');
    if (sha && /^[0-9a-f]{40,64}$/.test(sha)) {
      commits.push({
        sha,
        subject: subject ?? '',
        author: author || undefined,
        date: date ? new Date(date).toISOString() : undefined,
      });
    }
  }
  return commits;
}

/** Prefers origin's copy of the branch (what the team sees), else the local branch. */
function branchHead(refs: readonly RefInfo[], branch: string): BranchHead | undefined {
  const ref =
    refs.find((r) => r.name === `refs/remotes/origin/${branch}`) ?? refs.find((r) => r.name === `refs/heads/${branch}`);
  return ref ? { ref: ref.name, sha: ref.sha, subject: ref.subject, date: ref.date, author: ref.author } : undefined;
}
