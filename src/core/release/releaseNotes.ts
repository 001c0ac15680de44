/**
 * The release pull request's title and body (develop → production): the merged pull
 * requests it carries grouped by the kind of branch they came from, every commit, and
 * the backup taken before it was opened. Pure, so the exact text is unit-tested.
 */
import type { CommitInfo } from '../model/snapshot';
import { codeSpan, escapeInline } from './markdown';
import { shortSha } from '../model/sha';

/** The release notes' groups, from the merged branch's prefix. */
export type ChangeKind = 'feature' | 'fix' | 'hotfix' | 'other';

/** A pull request merged into develop, recognised from its merge or squash commit. */
export interface MergedPullRequest {
  readonly number: number;
  /** The merged branch (`feature/login`), when the merge commit names it. */
  readonly branch?: string;
  /** The squash commit's subject without ` (#N)`; merge commits carry no title in their subject. */
  readonly title?: string;
  readonly kind: ChangeKind;
  /** The merge or squash commit. */
  readonly sha: string;
}

export interface ReleaseContents {
  /** Oldest first, as the comparison lists them. */
  readonly pullRequests: readonly MergedPullRequest[];
  /** Every commit that is not a merge commit, oldest first. */
  readonly commits: readonly CommitInfo[];
}

export interface ReleaseNotesInput {
  readonly developBranch: string;
  readonly productionBranch: string;
  /** What `compare(production, develop)` returned, oldest first. */
  readonly commits: readonly CommitInfo[];
  /** GitHub lists at most 250 commits; the real count, when larger. */
  readonly totalCommits?: number;
  readonly backup?: { readonly tag: string; readonly sha: string };
  readonly date: Date;
}

const GROUPS: readonly { kind: ChangeKind; heading: string }[] = [
  { kind: 'feature', heading: 'Features' },
  { kind: 'fix', heading: 'Fixes' },
  { kind: 'hotfix', heading: 'Hotfixes' },
  { kind: 'other', heading: 'Other pull requests' },
];

/** How many commits the body lists before "…and N more". */
const COMMIT_LIST_LIMIT = 100;

/** GitHub's merge button: `Merge pull request #12 from octo/feature/login`. */
const MERGE_SUBJECT = /^Merge pull request #(\d+) from (\S+)/;
/** GitHub's squash and merge: `Add login (#12)`. */
const SQUASH_SUBJECT = /^(.*\S)\s+\(#(\d+)\)$/;
/** `git merge`'s own subjects: merges that are not pull requests. */
const OTHER_MERGE_SUBJECT = /^Merge (branch|remote-tracking branch|tag|commit) /;

/** The kind of change a branch name says: `feature/x` → feature, `bugfix/x` → fix. */
export function kindOfBranch(branch: string): ChangeKind {
  const prefix = branch.split('/', 1)[0]!.toLowerCase();
  if (prefix === 'feature' || prefix === 'feat') {
    return 'feature';
  }
  if (prefix === 'fix' || prefix === 'bugfix' || prefix === 'bug') {
    return 'fix';
  }
  return prefix === 'hotfix' ? 'hotfix' : 'other';
}

/** A squash commit's conventional-commit prefix (`feat:`, `fix(api):`) says its kind. */
function kindOfTitle(title: string): ChangeKind {
  const type = /^(\w+)(\([^)]*\))?!?:/.exec(title)?.[1]?.toLowerCase();
  return type ? kindOfBranch(type) : 'other';
}

/** The pull request a commit merged, or undefined for an ordinary commit. */
export function mergedPullRequestOf(commit: Pick<CommitInfo, 'sha' | 'subject'>): MergedPullRequest | undefined {
  const merge = MERGE_SUBJECT.exec(commit.subject);
  if (merge) {
    // `owner/feature/login`: the owner is the first segment, the branch the rest.
    const from = merge[2]!;
    const slash = from.indexOf('/');
    const branch = slash >= 0 ? from.slice(slash + 1) : from;
    return { number: Number(merge[1]), branch, kind: kindOfBranch(branch), sha: commit.sha };
  }
  const squash = SQUASH_SUBJECT.exec(commit.subject);
  if (squash) {
    const title = squash[1]!;
    return { number: Number(squash[2]), title, kind: kindOfTitle(title), sha: commit.sha };
  }
  return undefined;
}

/** Sorts the comparison into merged pull requests and the commits they and others brought. */
export function releaseContents(commits: readonly CommitInfo[]): ReleaseContents {
  const pullRequests: MergedPullRequest[] = [];
  const plain: CommitInfo[] = [];
  for (const commit of commits) {
    const pull = mergedPullRequestOf(commit);
    if (pull) {
      pullRequests.push(pull);
    }
    // A squash commit is both a pull request and the change itself; a merge commit only the former.
    if (!MERGE_SUBJECT.test(commit.subject) && !OTHER_MERGE_SUBJECT.test(commit.subject)) {
      plain.push(commit);
    }
  }
  return { pullRequests, commits: plain };
}

/**
 * `Release 2026-11-28: 3 changes`. A change is a merged pull request; without any
 * (work committed straight to develop), each commit is one.
 */
export function releaseTitle(contents: ReleaseContents, date: Date): string {
  const changes = contents.pullRequests.length || contents.commits.length;
  return `Release ${date.toISOString().slice(0, 10)}: ${changes} ${changes === 1 ? 'change' : 'changes'}`;
}

/** The release pull request's Markdown body. */
export function releaseBody(input: ReleaseNotesInput): string {
  const contents = releaseContents(input.commits);
  const total = Math.max(input.totalCommits ?? 0, input.commits.length);
  const lines: string[] = [
    `Promotes ${codeSpan(input.developBranch)} to ${codeSpan(input.productionBranch)}: ${count(contents.pullRequests.length, 'pull request')} and ${count(total, 'commit')}.`,
    '',
  ];
  for (const group of GROUPS) {
    const pulls = contents.pullRequests.filter((pull) => pull.kind === group.kind);
    if (pulls.length === 0) {
      continue;
    }
    lines.push(`### ${group.heading}`, '');
    for (const pull of pulls) {
      const what = [pull.title && escapeInline(pull.title), pull.branch && codeSpan(pull.branch)]
        .filter(Boolean)
        .join(' from ');
      lines.push(`- #${pull.number} ${what} (${shortSha(pull.sha)})`);
    }
    lines.push('');
  }
  if (contents.commits.length > 0) {
    lines.push('### Commits', '', `<details><summary>${count(contents.commits.length, 'commit')}</summary>`, '');
    for (const commit of contents.commits.slice(0, COMMIT_LIST_LIMIT)) {
      lines.push(`- ${shortSha(commit.sha)} ${escapeInline(commit.subject)}`);
    }
    if (contents.commits.length > COMMIT_LIST_LIMIT) {
      lines.push(`- …and ${contents.commits.length - COMMIT_LIST_LIMIT} more`);
    }
    lines.push('', '</details>', '');
  }
  if (total > input.commits.length) {
    lines.push(
      `GitHub listed the first ${input.commits.length} of ${total} commits; the pull request's Commits tab has them all.`,
      '',
    );
  }
  lines.push('### Backup', '');
  if (input.backup) {
    lines.push(
      `Before this pull request was opened, production (${codeSpan(input.productionBranch)} at ${shortSha(input.backup.sha)}) was backed up as the tag ${codeSpan(input.backup.tag)}.`,
      'If the release goes wrong, EnvFlow: Roll Back Production can return to it.',
    );
  } else {
    lines.push('No backup was recorded for this release.');
  }
  lines.push('', '<sub>Opened with EnvFlow.</sub>');
  return lines.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
