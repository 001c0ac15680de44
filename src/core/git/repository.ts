/**
 * One git work tree: the refresh read and the few mutations EnvFlow's commands need.
 * Every method that takes a ref validates it (assertRefName) before any process starts,
 * and no method can force-push, move a tag or rewrite history.
 */
import { silentLogger, redact, type Logger } from '../log';
import { GitError } from './errors';
import { treeFingerprint } from './fingerprint';
import { assertRefName } from './refName';
import { GitRunner, type GitRunnerOptions } from './runner';
import {
  COMMIT_FORMAT,
  parseCommits,
  StateReader,
  type CommitSummary,
  type LocalGitState,
  type RefScope,
} from './state';

export type { LocalGitState, BranchHead, CommitSummary } from './state';
export type { RefInfo, BackupTag } from './refs';

export type OpenRepositoryOptions = Omit<GitRunnerOptions, 'cwd'>;

export interface RemoteInfo {
  readonly name: string;
  /** Credentials embedded in the URL are replaced by `***`. */
  readonly fetchUrl: string;
  readonly pushUrl: string;
}

export interface StashEntry {
  /** `stash@{0}` */
  readonly ref: string;
  readonly sha: string;
  /** git's reflog subject, e.g. `On feature/x: EnvFlow: switching to develop`. */
  readonly message: string;
  readonly date?: string;
}

/**
 * Opens the work tree containing `path`; undefined when `path` is not inside one
 * (no folder, no repository, a bare repository or the .git folder itself).
 */
function assertStashSha(sha: string): void {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) {
    throw new GitError('InvalidRef', `${JSON.stringify(sha)} is not a stash entry's commit SHA.`);
  }
}

export async function openRepository(
  path: string,
  options: OpenRepositoryOptions = {},
): Promise<GitRepository | undefined> {
  let probe: GitRunner;
  try {
    probe = new GitRunner({ ...options, cwd: path });
  } catch {
    // simple-git refuses a folder that does not exist.
    return undefined;
  }
  const result = await probe.exit(['rev-parse', '--show-toplevel']);
  const root = result.stdout.trim();
  if (result.exitCode !== 0 || !root) {
    return undefined;
  }
  return new GitRepository(root, options);
}

export class GitRepository {
  private readonly runner: GitRunner;
  private readonly stateReader: StateReader;

  /** Use openRepository(); `root` must be the top level of a work tree. */
  constructor(
    readonly root: string,
    options: OpenRepositoryOptions = {},
  ) {
    const logger: Logger = options.logger ?? silentLogger;
    this.runner = new GitRunner({ ...options, cwd: root });
    this.stateReader = new StateReader(this.runner, logger);
  }

  /** The refresh read, in at most 4 processes and 2 in steady state (see state.ts). */
  async readState(developBranch: string, productionBranch: string, scope: RefScope = 'all'): Promise<LocalGitState> {
    assertRefName(developBranch);
    assertRefName(productionBranch);
    return this.stateReader.read(developBranch, productionBranch, scope);
  }

  /** Changes when HEAD or the content of any tracked or untracked (not ignored) file changes. */
  async treeFingerprint(): Promise<string> {
    return treeFingerprint(this.runner, this.root);
  }

  /** Fetches `refs` (branch names) from `remote`, or the remote's configured refspecs. */
  async fetch(remote = 'origin', refs: readonly string[] = []): Promise<void> {
    assertRefName(remote);
    refs.forEach(assertNoForce);
    await this.runner.run(['fetch', '--end-of-options', remote, ...refs]);
  }

  async switchBranch(name: string): Promise<void> {
    assertRefName(name);
    await this.runner.run(['switch', '--end-of-options', name]);
  }

  /**
   * Creates `name` at `startPoint` and switches to it. `--no-track`: a feature branch
   * started from origin/develop must not push to develop; it gets its own upstream on
   * its first push.
   */
  async createAndSwitchBranch(name: string, startPoint: string): Promise<void> {
    assertRefName(name);
    assertRefName(startPoint);
    await this.runner.run(['switch', '--no-track', '--create', name, '--end-of-options', startPoint]);
  }

  /** Pushes a branch to the same name on `remote`. Never forces: a diverged remote gives `PushRejected`. */
  async push(remote: string, branch: string, options: { setUpstream?: boolean } = {}): Promise<void> {
    assertRefName(remote);
    assertRefName(branch);
    const upstream = options.setUpstream ? ['--set-upstream'] : [];
    // A fully spelled refspec: it cannot gain a leading '+' (force) from the name.
    await this.runner.run([
      'push',
      ...upstream,
      '--end-of-options',
      remote,
      `refs/heads/${branch}:refs/heads/${branch}`,
    ]);
  }

  /**
   * Creates `branch` on `remote` at `sourceRef` (e.g. `refs/remotes/origin/main`) without
   * touching any local branch or the working tree. Never forces: an existing branch that
   * is not an ancestor rejects the push.
   */
  async pushNewBranch(remote: string, sourceRef: string, branch: string): Promise<void> {
    assertRefName(remote);
    assertNoForce(sourceRef);
    assertRefName(branch);
    await this.runner.run(['push', '--end-of-options', remote, `${sourceRef}:refs/heads/${branch}`]);
  }

  /** Creates an annotated tag at `sha`; an existing tag gives `TagExists` and is left where it is. */
  async createAnnotatedTag(name: string, sha: string, message: string): Promise<void> {
    assertRefName(name);
    assertRefName(sha);
    // Verbatim: git's default cleanup would drop any line of the message that starts with '#'.
    await this.runner.run([
      'tag',
      '--annotate',
      '--cleanup=verbatim',
      `--message=${message}`,
      '--end-of-options',
      name,
      sha,
    ]);
  }

  /** Pushes one tag; a different tag of that name on the remote gives `TagExists`. */
  async pushTag(remote: string, name: string): Promise<void> {
    assertRefName(remote);
    assertRefName(name);
    await this.runner.run(['push', '--end-of-options', remote, `refs/tags/${name}:refs/tags/${name}`]);
  }

  /**
   * Reverts `shas` (in the order given) with one new commit each and returns the new
   * HEAD. `mainline` picks the parent to keep when reverting a merge commit.
   */
  async revert(shas: readonly string[], options: { mainline?: number } = {}): Promise<string> {
    if (shas.length === 0) {
      throw new GitError('NothingToCommit', 'There is no commit to revert.');
    }
    shas.forEach((sha) => assertRefName(sha));
    const mainline = options.mainline;
    if (mainline !== undefined && !(Number.isInteger(mainline) && mainline >= 1)) {
      throw new GitError('InvalidRef', `The mainline parent must be a positive whole number, not ${mainline}.`);
    }
    const parent = mainline === undefined ? [] : ['--mainline', String(mainline)];
    await this.runner.run(['revert', '--no-edit', ...parent, '--end-of-options', ...shas]);
    return (await this.runner.run(['rev-parse', '--verify', 'HEAD'])).trim();
  }

  /**
   * Applies the stash entry whose commit is `stashSha` and keeps it: the caller drops it
   * only once the user's changes are safely back, so a conflicting apply never loses
   * them. Addressed by SHA, never by position: a stash pushed meanwhile (by the user,
   * another tool) moves `stash@{0}` but not this entry. `index` restores the staged
   * contents too; without it a file staged in one version and edited to another comes
   * back as the edited one only, and dropping the stash loses the staged one.
   */
  async stashApply(stashSha: string, options: { index?: boolean } = {}): Promise<void> {
    assertStashSha(stashSha);
    await this.runner.run(['stash', 'apply', ...(options.index ? ['--index'] : []), stashSha]);
  }

  /**
   * Drops the stash entry whose commit is `stashSha` (after its changes were applied).
   * Its current position is looked up by SHA just before; when no entry has that SHA
   * any more, nothing is dropped and false is returned.
   */
  async stashDrop(stashSha: string): Promise<boolean> {
    assertStashSha(stashSha);
    const entry = (await this.stashList()).find((candidate) => candidate.sha === stashSha);
    if (!entry || !/^stash@\{\d+\}$/.test(entry.ref)) {
      return false;
    }
    await this.runner.run(['stash', 'drop', entry.ref]);
    return true;
  }

  /**
   * Merges `ref` into the current branch with a merge commit when needed. Git refuses
   * when the merge would overwrite uncommitted changes; a conflict leaves the merge
   * in progress for the user to resolve (code `Conflict`).
   */
  async merge(ref: string): Promise<void> {
    assertRefName(ref);
    await this.runner.run(['merge', '--no-edit', '--end-of-options', ref]);
  }

  /** The best common ancestor of `a` and `b`, or undefined when they share no history. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    assertRefName(a);
    assertRefName(b);
    const result = await this.exitAnswer(['merge-base', '--end-of-options', a, b]);
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  /** True when `ancestor` is `descendant` or one of its ancestors. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    assertRefName(ancestor);
    assertRefName(descendant);
    const result = await this.exitAnswer(['merge-base', '--is-ancestor', '--end-of-options', ancestor, descendant]);
    return result.exitCode === 0;
  }

  async remotes(): Promise<RemoteInfo[]> {
    const output = await this.runner.run(['remote', '-v']);
    const byName = new Map<string, { fetchUrl: string; pushUrl: string }>();
    for (const line of output.split('\n')) {
      const match = /^(\S+)\t(.*) \((fetch|push)\)$/.exec(line);
      if (!match) {
        continue;
      }
      const [, name, url, kind] = match as unknown as [string, string, string, 'fetch' | 'push'];
      const entry = byName.get(name) ?? { fetchUrl: '', pushUrl: '' };
      entry[kind === 'fetch' ? 'fetchUrl' : 'pushUrl'] = redact(url);
      byName.set(name, entry);
    }
    return [...byName].map(([name, urls]) => ({ name, ...urls }));
  }

  /**
   * Commits in `range` (`ref`, `a..b` or `a...b`), newest first, at most `max`.
   * Each side of the range is validated as a ref name.
   */
  async log(range: string, max: number): Promise<CommitSummary[]> {
    const sides = range.includes('...') ? range.split('...') : range.split('..');
    if (sides.length > 2) {
      throw new GitError('InvalidRef', `${JSON.stringify(range)} is not a commit range.`);
    }
    sides.forEach((side) => assertRefName(side));
    const count = Math.max(0, Math.floor(max));
    const output = await this.runner.run([
      'log',
      '--no-show-signature',
      `--max-count=${count}`,
      `--format=${COMMIT_FORMAT}`,
      '--end-of-options',
      range,
      '--',
    ]);
    return parseCommits(output);
  }

  /**
   * Stashes local changes; returns the new stash entry's commit SHA (to apply and drop it
   * by), or undefined when there was nothing to stash.
   */
  async stashPush(message: string, options: { includeUntracked?: boolean } = {}): Promise<string | undefined> {
    const before = await this.stashTop();
    const untracked = options.includeUntracked ? ['--include-untracked'] : [];
    await this.runner.run(['stash', 'push', ...untracked, `--message=${message}`]);
    const after = await this.stashTop();
    return after !== before ? after : undefined;
  }

  async stashList(): Promise<StashEntry[]> {
    const output = await this.runner.run(['stash', 'list', '--no-show-signature', '--format=%gd%x00%H%x00%gs%x00%cI']);
    return output
      .split('\n')
      .map((line) => line.split('\0'))
      .filter((fields) => fields.length >= 3 && fields[1])
      .map(([ref, sha, message, date]) => ({
        ref: ref!,
        sha: sha!,
        message: message ?? '',
        date: date ? new Date(date).toISOString() : undefined,
      }));
  }

  /** The full SHA of the commit `ref` names (branch, tag, remote branch, abbreviated SHA), or undefined. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    assertRefName(ref);
    const result = await this.exitAnswer(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    const sha = result.stdout.trim();
    return result.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  }

  /** True when `ref` (a name git can resolve: branch, tag, remote branch, SHA) exists. */
  async hasRef(ref: string): Promise<boolean> {
    assertRefName(ref);
    const result = await this.exitAnswer(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{object}`]);
    return result.exitCode === 0;
  }

  /** True when the local branch, or with `remote` that remote's branch, exists. */
  async branchExists(name: string, options: { remote?: string } = {}): Promise<boolean> {
    assertRefName(name);
    if (options.remote !== undefined) {
      assertRefName(options.remote);
    }
    const ref = options.remote === undefined ? `refs/heads/${name}` : `refs/remotes/${options.remote}/${name}`;
    const result = await this.exitAnswer(['show-ref', '--verify', '--quiet', '--end-of-options', ref]);
    return result.exitCode === 0;
  }

  /**
   * HEAD's commit when HEAD is detached and no branch, remote branch or tag contains it:
   * switching away would leave its commits reachable only from the reflog, which git
   * expires. Undefined when HEAD is on a branch, unborn, or its commit is kept by a ref.
   */
  async unkeptDetachedHead(): Promise<string | undefined> {
    if ((await this.exitAnswer(['symbolic-ref', '--quiet', 'HEAD'])).exitCode === 0) {
      return undefined;
    }
    const head = await this.exitAnswer(['rev-parse', '--verify', '--quiet', 'HEAD']);
    const sha = head.stdout.trim();
    if (head.exitCode !== 0 || !sha) {
      return undefined;
    }
    const keeping = await this.runner.run([
      'for-each-ref',
      '--count=1',
      '--format=%(refname)',
      '--contains',
      sha,
      'refs/heads',
      'refs/remotes',
      'refs/tags',
    ]);
    return keeping.trim() ? undefined : sha;
  }

  private async stashTop(): Promise<string | undefined> {
    const result = await this.exitAnswer(['rev-parse', '--verify', '--quiet', 'refs/stash']);
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  /** Exit 0 and 1 are answers (yes / no); anything else is a failure. */
  private async exitAnswer(args: readonly string[]): Promise<{ exitCode: number; stdout: string }> {
    const result = await this.runner.exit(args);
    if (result.exitCode > 1) {
      throw this.runner.toGitError(args, result.stderr, result.stdout);
    }
    return result;
  }
}

function assertNoForce(ref: string): void {
  assertRefName(ref);
  if (ref.startsWith('+')) {
    throw new GitError('InvalidRef', `${JSON.stringify(ref)} starts with '+', which would force the update.`);
  }
}
