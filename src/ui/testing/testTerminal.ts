import * as vscode from 'vscode';
import { runShellCommand, type ShellRunResult } from '../../core/testing/shellProcess';

/**
 * The terminal side of a test run: a Pseudoterminal that runs the command itself
 * (`child_process.spawn` in the repository root) and echoes every chunk of output,
 * so the user watches the run stream while EnvFlow keeps the text for the counts.
 * A ShellExecution task could not do both: the extension API cannot read a
 * terminal's output. Closing the terminal, "Terminate Task" or Ctrl+C ends the
 * process tree, which counts as a cancel.
 */
export class TestPseudoterminal implements vscode.Pseudoterminal {
  private readonly _onDidWrite = new vscode.EventEmitter<string>();
  readonly onDidWrite = this._onDidWrite.event;
  private readonly _onDidClose = new vscode.EventEmitter<number | void>();
  readonly onDidClose = this._onDidClose.event;
  private readonly abort = new AbortController();
  private started = false;
  private resolveResult!: (result: ShellRunResult) => void;
  /** Settles once the command ended (or was never started and then closed). */
  readonly result = new Promise<ShellRunResult>((resolve) => (this.resolveResult = resolve));

  constructor(
    private readonly command: string,
    private readonly cwd: string,
  ) {}

  /** True once VS Code opened the terminal and the command started. */
  get hasStarted(): boolean {
    return this.started;
  }

  /** Ends the process tree (the progress notification's cancel). */
  cancel(): void {
    this.abort.abort();
    if (!this.started) {
      this.resolveResult({ cancelled: true, output: '', durationMs: 0 });
    }
  }

  open(): void {
    if (this.abort.signal.aborted) {
      this._onDidClose.fire(130);
      return;
    }
    this.started = true;
    this.write(`\x1b[2m> ${this.command}\x1b[0m\n\n`);
    void runShellCommand({
      command: this.command,
      cwd: this.cwd,
      signal: this.abort.signal,
      onOutput: (text) => this.write(text),
    }).then((result) => {
      this.write(`\n${footer(result)}\n`);
      this.resolveResult(result);
      // 130 is what a shell reports for an interrupted command.
      this._onDidClose.fire(result.cancelled ? 130 : (result.exitCode ?? 1));
      this._onDidWrite.dispose();
      this._onDidClose.dispose();
    });
  }

  /** The user closed the terminal or terminated the task. */
  close(): void {
    this.cancel();
  }

  handleInput(data: string): void {
    if (data.includes('\x03')) {
      this.write('^C\n');
      this.cancel();
    }
  }

  private write(text: string): void {
    // A terminal needs CR LF; process output usually has bare LF.
    this._onDidWrite.fire(text.replace(/\r?\n/g, '\r\n'));
  }
}

function footer(result: ShellRunResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.cancelled) {
    return `\x1b[33mCancelled after ${seconds} s.\x1b[0m`;
  }
  if (result.startError) {
    return `\x1b[31mCould not start: ${result.startError}\x1b[0m`;
  }
  const how = result.exitCode !== undefined ? `exit code ${result.exitCode}` : `signal ${result.signal ?? 'unknown'}`;
  const colour = result.exitCode === 0 ? '32' : '31';
  return `\x1b[${colour}mFinished with ${how} in ${seconds} s.\x1b[0m`;
}
