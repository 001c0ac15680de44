/**
 * Parser for the one `git for-each-ref` a refresh runs over branches, remote branches
 * and tags, and the production backups derived from it.
 */
import { BACKUP_TAG_PREFIX } from '../model/flowConfig';

/** One ref as git reports it. Dates are ISO 8601 in UTC. */
export interface RefInfo {
  /** Full name, e.g. `refs/heads/develop`. */
  readonly name: string;
  /** The object the ref points at (a tag object for an annotated tag). */
  readonly sha: string;
  /** The commit an annotated tag points at. */
  readonly peeledSha?: string;
  /** Subject of the commit the ref resolves to. */
  readonly subject?: string;
  /** Committer date of the commit the ref resolves to. */
  readonly date?: string;
  /** Author of the commit the ref resolves to. */
  readonly author?: string;
  /** Annotated tags only. */
  readonly taggerDate?: string;
}

/** A production backup tag (`backup/production-<UTC timestamp>`). */
export interface BackupTag {
  /** Short tag name, e.g. `backup/production-20261128T100000Z`. */
  readonly tag: string;
  /** The backed-up commit. */
  readonly sha: string;
  /** ISO 8601: the tagger date, else the timestamp in the name, else the commit date. */
  readonly createdAt: string;
}

const FIELDS = [
  'refname',
  'symref',
  'objectname',
  '*objectname',
  'subject',
  '*subject',
  'committerdate:iso-strict',
  '*committerdate:iso-strict',
  'authorname',
  '*authorname',
  'taggerdate:iso-strict',
] as const;

/** Arguments for the refresh's for-each-ref: NUL between fields, one ref per line. */
export const forEachRefArgs: readonly string[] = [
  'for-each-ref',
  `--format=${FIELDS.map((field) => `%(${field})`).join('%00')}`,
  'refs/heads',
  'refs/remotes',
  'refs/tags',
];

/**
 * The same read limited to the refs a refresh shows: develop and production (local and
 * origin's) and the backup tags. Reading every ref costs time in the number of branches
 * (65 ms at 5,000 here, most of it loading each tip's commit for its subject), and a
 * refresh runs after every file change.
 */
export function flowRefArgs(developBranch: string, productionBranch: string): string[] {
  const branches = [...new Set([developBranch, productionBranch])];
  return [
    'for-each-ref',
    forEachRefArgs[1]!,
    ...branches.flatMap((branch) => [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]),
    `refs/tags/${BACKUP_TAG_PREFIX.slice(0, BACKUP_TAG_PREFIX.indexOf('/') + 1)}`,
  ];
}

/** Parses forEachRefArgs' output; symbolic refs (`origin/HEAD`) are left out. */
export function parseRefs(output: string): RefInfo[] {
  const refs: RefInfo[] = [];
  for (const line of output.split('\n')) {
    const fields = line.split('\0');
    if (fields.length < FIELDS.length) {
      continue;
    }
    const [name, symref, sha, peeled, subject, peeledSubject, date, peeledDate, author, peeledAuthor, taggerDate] =
      fields as [string, string, string, string, string, string, string, string, string, string, string];
    if (symref) {
      continue;
    }
    refs.push(
      clean({
        name,
        sha,
        peeledSha: peeled || undefined,
        subject: peeled ? peeledSubject : subject,
        date: toIso(peeled ? peeledDate : date),
        author: (peeled ? peeledAuthor : author) || undefined,
        taggerDate: toIso(taggerDate),
      }),
    );
  }
  return refs;
}

/** Production backups found among the refs, newest first. */
export function backupsFrom(refs: readonly RefInfo[]): BackupTag[] {
  const prefix = `refs/tags/${BACKUP_TAG_PREFIX}`;
  return refs
    .filter((ref) => ref.name.startsWith(prefix))
    .map((ref) => {
      const tag = ref.name.slice('refs/tags/'.length);
      const createdAt =
        ref.taggerDate ??
        parseBackupTimestamp(tag.slice(BACKUP_TAG_PREFIX.length)) ??
        ref.date ??
        new Date(0).toISOString();
      return { tag, sha: ref.peeledSha ?? ref.sha, createdAt };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.tag.localeCompare(a.tag));
}

/** The backup tag name for a moment: `backup/production-20261128T100000Z` (UTC, no ':' since refs forbid it). */
export function backupTagName(at: Date): string {
  return (
    BACKUP_TAG_PREFIX +
    at
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '')
  );
}

function parseBackupTimestamp(stamp: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2})-?(\d{2})-?(\d{2})Z$/.exec(stamp);
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toIso(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function clean(ref: RefInfo): RefInfo {
  return Object.fromEntries(
    Object.entries(ref).filter(([, value]) => value !== undefined && value !== ''),
  ) as unknown as RefInfo;
}
