/**
 * Runs one shell command line, streams its output as it comes and keeps its tail for
 * the count parser. Cancelling ends the whole process tree: on POSIX the shell leads
 * its own process group (test runners fork workers, watchers and browsers that a
 * signal to the shell alone would orphan); on Windows `taskkill /T` walks the tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export interface ShellRunOptions {
  readonly command: string;
  readonly cwd: string;
  /** Default: the current process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives stdout and stderr interleaved, decoded as UTF-8, as they arrive. */
  readonly onOutput?: (text: string) => void;
  /** Aborting terminates the process tree; the result then says `cancelled`. */
  readonly signal?: AbortSignal;
  /** Characters of output kept for the result (the tail); default 1,000,000. */
  readonly captureLimit?: number;
  /** Time between SIGTERM and SIGKILL to the group; default 3000 ms. */
  readonly killGraceMs?: number;
  /**
   * After the shell exits, how long its output may stay open: a background process
   * the tests forgot (a server, a watcher) would otherwise hold the pipe, and the run,
   * open forever. Default 2000 ms.
   */
  readonly drainMs?: number;
}

export interface ShellRunResult {
  /** Undefined when the shell was ended by a signal or did not start. */
  readonly exitCode?: number;
  readonly signal?: NodeJS.Signals;
  readonly cancelled: boolean;
  /** The shell could not be started at all (e.g. the folder does not exist). */
  readonly startError?: string;
  /** The last `captureLimit` characters of output. */
  readonly output: string;
  readonly durationMs: number;
}

/** Starts `command` through the platform shell in `cwd`; resolves when it and its output have ended. */
export function runShellCommand(options: ShellRunOptions): Promise<ShellRunResult> {
  const limit = options.captureLimit ?? 1_000_000;
  const started = Date.now();
  const windows = process.platform === 'win32';
  let output = '';
  let cancelled = false;
  let startError: string | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  return new Promise<ShellRunResult>((resolve) => {
    if (options.signal?.aborted) {
      resolve({ cancelled: true, output: '', durationMs: 0 });
      return;
    }
    const child = spawn(options.command, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: true,
      // A new process group on POSIX, so the tree can be signalled as one.
      detached: !windows,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timers: NodeJS.Timeout[] = [];

    const append = (decoder: StringDecoder) => (chunk: Buffer) => {
      const text = decoder.write(chunk);
      if (!text) {
        return;
      }
      output += text;
      if (output.length > 2 * limit) {
        output = output.slice(-limit);
      }
      options.onOutput?.(text);
    };
    child.stdout!.on('data', append(new StringDecoder('utf8')));
    child.stderr!.on('data', append(new StringDecoder('utf8')));

    const onAbort = (): void => {
      if (exit && child.stdout!.closed && child.stderr!.closed) {
        return;
      }
      cancelled = true;
      terminateTree(child, windows, options.killGraceMs ?? 3000, timers);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (error) => {
      startError = error.message;
      if (child.pid === undefined) {
        // Never started: no exit or close event will follow.
        options.signal?.removeEventListener('abort', onAbort);
        resolve({ cancelled: false, startError, output: '', durationMs: Date.now() - started });
      }
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      const drain = setTimeout(() => {
        child.stdout!.destroy();
        child.stderr!.destroy();
      }, options.drainMs ?? 2000);
      timers.push(drain);
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      for (const timer of timers) {
        clearTimeout(timer);
      }
      if (cancelled && !windows && child.pid !== undefined) {
        // Members of the group that ignored SIGTERM still get the SIGKILL.
        signalGroup(child.pid, 'SIGKILL');
      }
      const final = exit ?? { code, signal };
      resolve({
        exitCode: final.code ?? undefined,
        signal: final.signal ?? undefined,
        cancelled,
        startError,
        output: output.length > limit ? output.slice(-limit) : output,
        durationMs: Date.now() - started,
      });
    });
  });
}

function terminateTree(child: ChildProcess, windows: boolean, graceMs: number, timers: NodeJS.Timeout[]): void {
  const pid = child.pid;
  if (pid === undefined) {
    return;
  }
  if (windows) {
    // taskkill is asynchronous here; its own failure (tree already gone) is not ours.
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on(
      'error',
      () => undefined,
    );
    return;
  }
  signalGroup(pid, 'SIGTERM');
  timers.push(setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
