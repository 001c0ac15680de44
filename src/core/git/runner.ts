/**
 * The one place EnvFlow starts git: simple-git's `raw()` with an argument array (never
 * a shell), a bounded number of concurrent processes, a fixed environment, and every
 * failure turned into a typed GitError.
 */
import { GitError as SimpleGitError, simpleGit, type SimpleGit } from 'simple-git';
import { redact, silentLogger, type Logger } from '../log';
import { GitError, getGitErrorCode, gitErrorMessage } from './errors';

export interface GitRunnerOptions {
  /** Working directory of every git process. */
  readonly cwd: string;
  /** The git binary (`git.path`); defaults to `git` on PATH. */
  readonly gitPath?: string;
  /** Default 4: a refresh never floods a small machine with git processes. */
  readonly maxConcurrentProcesses?: number;
  readonly logger?: Logger;
  /** Called once per git process spawned, with its arguments. */
  readonly onProcess?: (args: readonly string[]) => void;
  /** Extra environment for git (tests pass a fixed identity and no global config). */
  readonly env?: NodeJS.ProcessEnv;
}

/** How long after git exits its output may still arrive before the process counts as done. */
const GIT_CLOSE_GRACE_MS = 5_000;

/** A failed git process as simple-git reports it: kept as data until we map it. */
class GitProcessFailure extends SimpleGitError {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(undefined, stderr);
  }
}

/** Raw result of a process that is allowed to exit non-zero (e.g. `merge-base --is-ancestor`). */
export interface GitExit {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class GitRunner {
  private readonly git: SimpleGit;
  private readonly logger: Logger;

  constructor(options: GitRunnerOptions) {
    this.logger = options.logger ?? silentLogger;
    const env = gitEnvironment(options.env);
    this.git = simpleGit({
      baseDir: options.cwd,
      binary: options.gitPath ?? 'git',
      maxConcurrentProcesses: options.maxConcurrentProcesses ?? 4,
      trimmed: false,
      // Every key we pass is chosen here; ambient GIT_* variables were dropped above.
      allowEnvironment: Object.keys(env),
      // Resolve on 'close', when all of git's output has been read; 'exit' can come
      // first, and resolving 50 ms after it (simple-git's default) can cut the output
      // short when the event loop is busy. The exit timer still has a value, because
      // `onExit: false` races every process against one promise that never settles,
      // which keeps each process's callbacks alive for good (about 1 KB per process).
      // Five seconds after exit also frees a process whose pipes a left-behind child
      // (a credential daemon) holds open.
      completion: { onClose: true, onExit: GIT_CLOSE_GRACE_MS },
      // Keep the exit code: simple-git treats "non-zero and no stderr" as success.
      errors: (error, result) => {
        if (result.exitCode === 0 && error === undefined) {
          return undefined;
        }
        const stderr = Buffer.concat(result.stdErr).toString('utf8');
        const stdout = Buffer.concat(result.stdOut).toString('utf8');
        return new GitProcessFailure(result.exitCode, stderr || (error instanceof Error ? error.message : ''), stdout);
      },
    }).env(env);
    const onProcess = options.onProcess;
    if (onProcess) {
      this.git.outputHandler((_command, _stdout, _stderr, args) => onProcess(args));
    }
  }

  /** Runs git and returns stdout; throws GitError when git exits non-zero. */
  async run(args: readonly string[]): Promise<string> {
    const result = await this.exit(args);
    if (result.exitCode !== 0) {
      throw this.toGitError(args, result.stderr, result.stdout);
    }
    return result.stdout;
  }

  /** Runs git and returns its exit code with the output, for commands whose exit code is the answer. */
  async exit(args: readonly string[]): Promise<GitExit> {
    this.logger.trace(`git ${redact(args.join(' '))}`);
    try {
      const stdout = await this.git.raw([...args]);
      return { exitCode: 0, stdout, stderr: '' };
    } catch (error) {
      if (error instanceof GitProcessFailure && error.exitCode > 0) {
        return { exitCode: error.exitCode, stdout: error.stdout, stderr: error.stderr };
      }
      // The process did not run at all (git missing, cwd gone): not an answer, a failure.
      const message = error instanceof Error ? error.message : String(error);
      throw new GitError('Unknown', `Git could not be started: ${redact(message)}`, { args });
    }
  }

  /**
   * Maps a failed process to a typed GitError, logging the redacted details. Some
   * failures are told on stdout only (merge's "CONFLICT (content): …"), so stdout is
   * read when stderr names nothing.
   */
  toGitError(args: readonly string[], stderr: string, stdout = ''): GitError {
    const byStderr = getGitErrorCode(stderr);
    const code = byStderr === 'Unknown' && stdout ? getGitErrorCode(stdout) : byStderr;
    const safeStderr = redact((code === byStderr ? stderr : `${stderr}\n${stdout}`).trim());
    this.logger.debug(`git ${redact(args.join(' '))} failed (${code}): ${safeStderr}`);
    const message =
      code === 'Unknown' && safeStderr
        ? `${gitErrorMessage('Unknown')} ${firstLine(safeStderr)}`
        : gitErrorMessage(code);
    return new GitError(code, message, { stderr: safeStderr, args: args.map(redact) });
  }
}

/**
 * Variables simple-git guards (they can make git run a program) or that would point
 * git elsewhere (a stray GIT_DIR or GIT_WORK_TREE). EnvFlow never needs an editor,
 * pager or askpass program: it passes --no-edit and runs without a terminal.
 */
const AMBIENT_KEYS_DROPPED = /^(git_.*|editor|visual|pager|prefix|ssh_askpass)$/i;

/**
 * The process environment minus AMBIENT_KEYS_DROPPED, with English messages so
 * getGitErrorCode can read them, and no terminal prompt that could hang a refresh.
 * `extra` must not hold a key simple-git guards (GIT_CONFIG_GLOBAL, GIT_SSH_COMMAND, …):
 * simple-git refuses those without an `unsafe` option, which EnvFlow never sets.
 */
function gitEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!AMBIENT_KEYS_DROPPED.test(key) && value !== undefined) {
      env[key] = value;
    }
  }
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', ...extra };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.replace(/^(fatal|error):\s*/, '');
}
