/**
 * Production backups (`envflow.backupProduction`): an annotated tag
 * `backup/production-<UTC timestamp>` on the commit origin's production branch points
 * at, pushed to origin. A tag is never moved or deleted: a taken name gets a suffix,
 * and a retry after a half-finished run pushes the tag that run left behind.
 */
import * as l10n from '@vscode/l10n';
import { GitError } from '../git/errors';
import { backupTagName } from '../git/refs';
import type { BackupTag, GitRepository } from '../git/repository';
import { Steps } from '../util/steps';
import { shortSha } from '../model/sha';

/** A local backup tag this recent, on the same commit, is an earlier attempt's: push it instead of tagging again. */
export const BACKUP_REUSE_WINDOW_MS = 60_000;
/** Suffixes tried before giving up; a clash beyond a few means something else is wrong. */
const MAX_SUFFIX = 20;

export interface BackupOptions {
  readonly productionBranch: string;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
  readonly remote?: string;
  readonly onProgress?: (message: string) => void;
  /**
   * How old a backup tag of the same commit may be and still count as this backup
   * (default BACKUP_REUSE_WINDOW_MS). Promote passes Infinity: production has not moved
   * since that tag, so a re-run after a failure must not add a second one.
   */
  readonly reuseWindowMs?: number;
}

export interface BackupResult {
  /** Short tag name, e.g. `backup/production-20261128T100000Z`. */
  readonly tag: string;
  /** The backed-up commit: `origin/<production>` after a fetch. */
  readonly sha: string;
  /** Subject of that commit, for messages. */
  readonly subject: string;
  /** True when a tag an earlier, interrupted attempt created was pushed instead of a new one. */
  readonly reused: boolean;
}

/**
 * `base`, else `base-2`, `base-3`, … : the first name not in `taken` (pure).
 * Undefined when all MAX_SUFFIX names are taken.
 */
export function nextBackupTagName(base: string, taken: ReadonlySet<string>): string | undefined {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(name)) {
      return name;
    }
  }
  return undefined;
}

/**
 * The backup an interrupted earlier attempt left for `sha`: a backup tag on that
 * commit created less than `windowMs` before `now` (pure). Newest first wins.
 */
export function recentBackupOf(
  backups: readonly BackupTag[],
  sha: string,
  now: Date,
  windowMs = BACKUP_REUSE_WINDOW_MS,
): BackupTag | undefined {
  return backups.find((backup) => {
    const age = now.getTime() - Date.parse(backup.createdAt);
    return backup.sha === sha && age >= -windowMs && age <= windowMs;
  });
}

/** The annotated tag's message: what was backed up and when. */
export function backupTagMessage(productionBranch: string, sha: string, subject: string, at: Date): string {
  return [
    `Backup of production: ${productionBranch} at ${sha}`,
    '',
    `Commit: ${sha}${subject ? ` (${subject})` : ''}`,
    `Taken: ${at.toISOString()} by EnvFlow`,
  ].join('\n');
}

/**
 * Tags the production commit and pushes the tag. Safe to repeat: a tag of the same
 * commit from the last minute is pushed again (a no-op when it already is on origin)
 * instead of adding a second one.
 */
export async function takeBackup(git: GitRepository, options: BackupOptions): Promise<BackupResult> {
  const remote = options.remote ?? 'origin';
  const production = options.productionBranch;
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => undefined);
  const steps = new Steps(l10n.t('EnvFlow: Back Up Production'));

  progress(l10n.t('Fetching {0} from {1}…', production, remote));
  // A named branch brings no tags along: clashes with origin's tags are probed per name below.
  await steps.run(l10n.t('fetching {0} from {1}', production, remote), () => git.fetch(remote, [production]));
  const [head] = await git.log(`${remote}/${production}`, 1);
  if (!head) {
    throw new GitError('InvalidRef', `There is no ${remote}/${production} to back up.`);
  }
  const at = now();
  const state = await git.readState(production, production);

  const recent = recentBackupOf(state.backups, head.sha, at, options.reuseWindowMs);
  if (
    recent &&
    (await steps.run(l10n.t('pushing the backup tag {0} to {1}', recent.tag, remote), () =>
      pushIfFree(git, remote, recent.tag),
    ))
  ) {
    return { tag: recent.tag, sha: head.sha, subject: head.subject, reused: true };
  }

  const taken = new Set(
    state.refs.filter((ref) => ref.name.startsWith('refs/tags/')).map((ref) => ref.name.slice('refs/tags/'.length)),
  );
  const message = backupTagMessage(production, head.sha, head.subject, at);
  for (;;) {
    const tag = nextBackupTagName(backupTagName(at), taken);
    if (!tag) {
      throw new GitError('TagExists', `Every backup tag name for ${at.toISOString()} is taken; try again in a second.`);
    }
    taken.add(tag);
    if (await existsOnRemote(git, remote, tag)) {
      continue;
    }
    progress(l10n.t('Tagging {0} as {1}…', shortSha(head.sha), tag));
    const tagged = await steps.run(
      l10n.t('tagging {0} as {1}', production, tag),
      () => createIfFree(git, tag, head.sha, message),
      (created) =>
        created ? l10n.t('tagging {0} ({1}) as {2} locally', production, shortSha(head.sha), tag) : undefined,
    );
    if (!tagged) {
      continue;
    }
    progress(l10n.t('Pushing {0}…', tag));
    // Someone may have pushed the same name since the probe; the local tag then stays,
    // unpushed and harmless, and the next name is tried.
    if (await steps.run(l10n.t('pushing the backup tag {0} to {1}', tag, remote), () => pushIfFree(git, remote, tag))) {
      return { tag, sha: head.sha, subject: head.subject, reused: false };
    }
  }
}

/** Creates the annotated tag; false when a tag of that name exists already (never moved). */
async function createIfFree(git: GitRepository, tag: string, sha: string, message: string): Promise<boolean> {
  try {
    await git.createAnnotatedTag(tag, sha, message);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.code === 'TagExists') {
      return false;
    }
    throw error;
  }
}

/** Pushes the tag; false when origin holds a different tag of that name (never overwritten). */
async function pushIfFree(git: GitRepository, remote: string, tag: string): Promise<boolean> {
  try {
    await git.pushTag(remote, tag);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.code === 'TagExists') {
      return false;
    }
    throw error;
  }
}

/**
 * Whether origin has a tag of that name. A backup tag that is not on the production
 * branch's history (so fetch did not follow it) is only found by asking for it.
 */
async function existsOnRemote(git: GitRepository, remote: string, tag: string): Promise<boolean> {
  try {
    // Without a destination the fetched tag only lands in FETCH_HEAD: no local ref changes.
    await git.fetch(remote, [`refs/tags/${tag}`]);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.code === 'InvalidRef') {
      return false;
    }
    throw error;
  }
}
