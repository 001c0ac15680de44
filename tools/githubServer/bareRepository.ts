/**
 * The git half of the fake GitHub: refs, commits, comparisons and merges are read from
 * and written to a real bare repository with the git binary, so what the API answers
 * is what `git fetch` sees.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Identity for the commits GitHub itself makes (merge commits). */
const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_COMMITTER_NAME: 'GitHub',
  GIT_COMMITTER_EMAIL: 'noreply@github.com',
  GIT_AUTHOR_NAME: 'GitHub',
  GIT_AUTHOR_EMAIL: 'noreply@github.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** The object name git and GitHub use for "no object": a created ref's old value, a deleted ref's new one. */
export const NO_OBJECT = '0'.repeat(40);

export interface GitIdentity {
  readonly name: string;
  readonly email: string;
  /** ISO 8601 */
  readonly date: string;
}

export interface GitCommit {
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly author: GitIdentity;
  readonly committer: GitIdentity;
  readonly message: string;
}

export interface GitRefEntry {
  /** Full name, `refs/heads/main`. */
  readonly ref: string;
  readonly sha: string;
  readonly type: 'commit' | 'tag' | 'tree' | 'blob';
}

export interface GitTagObject {
  readonly sha: string;
  /** What the tag points at, and its type (a commit for a backup). */
  readonly object: string;
  readonly type: GitRefEntry['type'];
  readonly tag: string;
  readonly tagger: GitIdentity;
  readonly message: string;
}

export interface Comparison {
  readonly mergeBase: string;
  readonly aheadBy: number;
  readonly behindBy: number;
  /** Commits of head that base lacks, oldest first (as GitHub lists them). */
  readonly commits: readonly string[];
}

/** A git failure whose stderr the caller may turn into a GitHub error. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | undefined,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim()}`);
  }
}

const fieldSeparator = '\x1f';
const commitFormat = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join(fieldSeparator);

export class BareRepository {
  constructor(readonly path: string) {}

  async run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    try {
      const { stdout } = await execFileAsync('git', ['--git-dir', this.path, ...args], {
        env: { ...gitEnv, ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const failure = error as { stderr?: string; code?: number };
      throw new GitCommandError(
        args,
        failure.stderr ?? String(error),
        typeof failure.code === 'number' ? failure.code : undefined,
      );
    }
  }

  /**
   * The same, blocking: the server's helpers (`openPullRequest`, `addDeployment`) answer
   * synchronously, and a rev-parse takes a few milliseconds.
   */
  runSync(args: readonly string[]): string {
    try {
      return execFileSync('git', ['--git-dir', this.path, ...args], {
        env: gitEnv,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const failure = error as { stderr?: string; status?: number };
      throw new GitCommandError(args, String(failure.stderr ?? error), failure.status ?? undefined);
    }
  }

  /** Name of the branch HEAD points at (GitHub's default branch). */
  async defaultBranch(): Promise<string> {
    const ref = (await this.run(['symbolic-ref', '--quiet', 'HEAD'])).trim();
    return ref.replace(/^refs\/heads\//, '');
  }

  /**
   * The commit a branch, tag or (abbreviated) SHA names, like GitHub's `{ref}` parameters;
   * undefined when there is none. Branches win over tags, as on GitHub.
   */
  resolveCommit(ref: string): string | undefined {
    if (ref === '' || ref.startsWith('-') || ref.includes('..')) {
      return undefined;
    }
    const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref];
    for (const candidate of candidates) {
      try {
        return this.runSync(['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`]).trim();
      } catch {
        // Not this kind of name; try the next.
      }
    }
    return undefined;
  }

  /** Whether the commit's tree holds a file at `path`. */
  hasFile(sha: string, path: string): boolean {
    try {
      this.runSync(['cat-file', '-e', '--end-of-options', `${sha}:${path}`]);
      return true;
    } catch {
      return false;
    }
  }

  /** A file's text at a commit, or undefined when the commit has no such file. */
  fileText(sha: string, path: string): string | undefined {
    try {
      return this.runSync(['cat-file', 'blob', '--end-of-options', `${sha}:${path}`]);
    } catch {
      return undefined;
    }
  }

  branchSha(branch: string): string | undefined {
    if (branch === '' || branch.startsWith('-')) {
      return undefined;
    }
    try {
      return this.runSync([
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `refs/heads/${branch}^{commit}`,
      ]).trim();
    } catch {
      return undefined;
    }
  }

  /** How many commits `head` has that `base` lacks. */
  countAhead(base: string, head: string): number {
    return Number(this.runSync(['rev-list', '--count', `${base}..${head}`]).trim());
  }

  /** Every ref whose full name starts with `prefix` (`refs/heads/feat` matches `refs/heads/feature/x`). */
  async refs(prefix = 'refs/'): Promise<GitRefEntry[]> {
    const output = await this.run([
      'for-each-ref',
      `--format=%(refname)${fieldSeparator}%(objectname)${fieldSeparator}%(objecttype)`,
      'refs/',
    ]);
    return output
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [ref = '', sha = '', type = 'commit'] = line.split(fieldSeparator);
        return { ref, sha, type: type as GitRefEntry['type'] };
      })
      .filter((entry) => entry.ref.startsWith(prefix));
  }

  async ref(fullName: string): Promise<GitRefEntry | undefined> {
    return (await this.refs(fullName)).find((entry) => entry.ref === fullName);
  }

  async isValidRefName(fullName: string): Promise<boolean> {
    try {
      await this.run(['check-ref-format', fullName]);
      return fullName.startsWith('refs/') && fullName.split('/').length >= 3;
    } catch {
      return false;
    }
  }

  async objectExists(sha: string): Promise<boolean> {
    if (!/^[0-9a-f]{4,40}$/i.test(sha)) {
      return false;
    }
    try {
      await this.run(['cat-file', '-e', `${sha}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  /** An annotated tag object: what it points at, its name, tagger and message; undefined for anything else. */
  async tagObject(sha: string): Promise<GitTagObject | undefined> {
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      return undefined;
    }
    const raw = await this.run(['cat-file', 'tag', sha]).catch(() => undefined);
    if (raw === undefined) {
      return undefined;
    }
    const [head = '', ...body] = raw.split('\n\n');
    const field = (name: string) => new RegExp(`^${name} (.*)$`, 'm').exec(head)?.[1] ?? '';
    const tagger = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(field('tagger'));
    return {
      sha,
      object: field('object'),
      type: field('type') as GitRefEntry['type'],
      tag: field('tag'),
      tagger: {
        name: tagger?.[1] ?? '',
        email: tagger?.[2] ?? '',
        date: toUtc(new Date(Number(tagger?.[3] ?? 0) * 1000).toISOString()),
      },
      message: body.join('\n\n'),
    };
  }

  /** Creates `fullName` at `sha`; fails (GitCommandError) when it already exists. */
  async createRef(fullName: string, sha: string): Promise<void> {
    // The all-zero old value makes update-ref refuse to overwrite an existing ref.
    await this.run(['update-ref', '--no-deref', fullName, sha, NO_OBJECT]);
  }

  async commit(sha: string): Promise<GitCommit> {
    const output = await this.run(['show', '--no-patch', `--format=${commitFormat}`, '--end-of-options', sha]);
    const [hash = '', tree = '', parents = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = '', ...message] =
      output.split(fieldSeparator);
    return {
      sha: hash,
      tree,
      parents: parents.split(' ').filter((parent) => parent !== ''),
      author: { name: an, email: ae, date: toUtc(ad) },
      committer: { name: cn, email: ce, date: toUtc(cd) },
      message: message.join(fieldSeparator).replace(/\n+$/, ''),
    };
  }

  async compare(base: string, head: string): Promise<Comparison> {
    const mergeBase = (await this.run(['merge-base', base, head]).catch(() => '')).trim();
    const counts = (await this.run(['rev-list', '--left-right', '--count', `${base}...${head}`])).trim().split(/\s+/);
    const commits = (await this.run(['rev-list', '--reverse', '--topo-order', `${base}..${head}`]))
      .split('\n')
      .filter((line) => line !== '');
    return { mergeBase, behindBy: Number(counts[0]), aheadBy: Number(counts[1]), commits };
  }

  /**
   * Merges `head` into branch `base` the way GitHub's merge button does: a merge commit
   * with both parents, then the branch moves (only if nobody moved it meanwhile).
   */
  async mergeIntoBranch(base: string, head: string, message: string): Promise<string> {
    const baseSha = this.branchSha(base);
    const headSha = this.resolveCommit(head);
    if (!baseSha || !headSha) {
      throw new GitCommandError(['merge', base, head], 'unknown base or head', undefined);
    }
    const tree =
      (await this.run(['merge-tree', '--write-tree', '--no-messages', baseSha, headSha])).split('\n')[0]?.trim() ?? '';
    const mergeSha = (await this.run(['commit-tree', tree, '-p', baseSha, '-p', headSha, '-m', message])).trim();
    await this.run(['update-ref', `refs/heads/${base}`, mergeSha, baseSha]);
    return mergeSha;
  }
}

/** git prints dates with the author's offset; GitHub answers in UTC with a Z. */
function toUtc(date: string): string {
  const parsed = Date.parse(date);
  return Number.isNaN(parsed) ? date : new Date(parsed).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
