/**
 * Parser for `git status --porcelain=v2 --branch -z`: the machine format git promises
 * to keep stable. https://git-scm.com/docs/git-status#_porcelain_format_version_2
 */

export interface WorkingTreeCounts {
  staged: number;
  unstaged: number;
  untracked: number;
  conflicted: number;
}

export interface StatusSummary {
  /** Undefined when HEAD is detached. */
  readonly branch?: string;
  readonly detached: boolean;
  /** Undefined on an unborn branch. */
  readonly headSha?: string;
  readonly upstream?: string;
  readonly aheadOfUpstream: number;
  readonly behindUpstream: number;
  readonly changes: WorkingTreeCounts;
  /** Paths whose working-tree content differs from the index, or that are untracked. */
  readonly worktreePaths: readonly string[];
}

// Fields before the path in each entry type (the path may itself contain spaces).
const FIELDS_BEFORE_PATH: Readonly<Record<string, number>> = { '1': 8, '2': 9, u: 10 };

/** Parses NUL-separated porcelain v2 output. */
export function parseStatus(output: string): StatusSummary {
  const records = output.split('\0');
  let branch: string | undefined;
  let detached = false;
  let headSha: string | undefined;
  let upstream: string | undefined;
  let ahead = 0;
  let behind = 0;
  const changes: WorkingTreeCounts = { staged: 0, unstaged: 0, untracked: 0, conflicted: 0 };
  const worktreePaths: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.startsWith('# ')) {
      const [key, ...rest] = record.slice(2).split(' ');
      const value = rest.join(' ');
      if (key === 'branch.oid') {
        headSha = value === '(initial)' ? undefined : value;
      } else if (key === 'branch.head') {
        detached = value === '(detached)';
        branch = detached ? undefined : value;
      } else if (key === 'branch.upstream') {
        upstream = value;
      } else if (key === 'branch.ab') {
        const match = /^\+(\d+) -(\d+)$/.exec(value);
        ahead = match ? Number(match[1]) : 0;
        behind = match ? Number(match[2]) : 0;
      }
      continue;
    }
    const type = record.charAt(0);
    if (type === '?') {
      changes.untracked++;
      worktreePaths.push(record.slice(2));
      continue;
    }
    const fieldCount = FIELDS_BEFORE_PATH[type];
    if (fieldCount === undefined) {
      continue;
    }
    const fields = record.split(' ');
    const path = fields.slice(fieldCount).join(' ');
    if (type === '2') {
      // A rename or copy is followed by a record holding the original path.
      i++;
    }
    if (type === 'u') {
      changes.conflicted++;
      worktreePaths.push(path);
      continue;
    }
    const xy = fields[1] ?? '..';
    if (xy.charAt(0) !== '.') {
      changes.staged++;
    }
    if (xy.charAt(1) !== '.') {
      changes.unstaged++;
      if (xy.charAt(1) !== 'D') {
        worktreePaths.push(path);
      }
    }
  }
  return {
    branch,
    detached,
    headSha,
    upstream,
    aheadOfUpstream: ahead,
    behindUpstream: behind,
    changes,
    worktreePaths,
  };
}
