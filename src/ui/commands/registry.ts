import * as vscode from 'vscode';
import { type CommandId, ContextKeys, Views } from '../../constants';
import { redact, type Logger } from '../../core/log';
import { Cancelled, type Outcome, type OutcomeKind } from '../../core/usecases/outcome';
import type { Presenter } from '../../core/usecases/presenter';
import type { RepositoryServices, UseCaseInput, WorkspaceInput } from '../../core/usecases/services';
import { userMessage } from '../../core/util/userMessage';
import { notificationText } from '../format';
import { WidgetPort } from './widgetPort';

interface SpecBase {
  readonly id: CommandId;
  /**
   * Title for the progress indicator, looked up when the command runs so it is in the
   * user's language; omit for commands that only open UI or ask one question at a time.
   */
  readonly progressTitle?: () => string;
  /** Where progress shows (default: a cancellable notification). */
  readonly progressLocation?: 'notification' | 'view';
  /** Whether the command changes git or GitHub state (sets the busy context key). */
  readonly mutates?: boolean;
}

/**
 * A command that acts on one repository: the pipeline finds it, checks GitHub, and
 * refreshes it afterwards. Whether a command needs trust is the trust gate's list
 * (every command but those that only show things or handle the user's own token).
 */
export interface RepositoryCommandSpec extends SpecBase {
  readonly needs: { readonly repository: true; readonly github?: boolean };
  /** What to read again once the command ended, half-done work included. */
  readonly refreshes: 'local' | 'full' | 'none';
  run(input: UseCaseInput): Promise<Outcome>;
}

/** A command about the workspace or the window (refresh, sign-in, showing things). */
export interface WorkspaceCommandSpec extends SpecBase {
  readonly needs?: { readonly repository?: false };
  run(input: WorkspaceInput): Promise<Outcome>;
}

export type CommandSpec = RepositoryCommandSpec | WorkspaceCommandSpec;

/** What the pipeline needs from the extension: one way to each, nothing else. */
export interface PipelineServices {
  readonly logger: Logger;
  /** The trust gate's answer for this command; a refusal has already told the user, with the way out. */
  allowsCommand(id: CommandId): boolean;
  /** The repository a command acts on (the active editor's, else the first). */
  repository(): RepositoryServices | undefined;
  /** Sentences worded with the configured branch names of `root` (or the workspace's). */
  presenter(root?: string): Presenter;
}

/** One command run as it ended: what automation and tests observe. */
export interface CommandRunEvent {
  readonly command: CommandId;
  readonly outcome: OutcomeKind;
  readonly sentence?: string;
}

/**
 * The one wrapper every command goes through: trust, the repository and GitHub it
 * needs, progress and cancellation, the busy context key, the refresh afterwards, and
 * the outcome: failures become one sentence, and every run is announced on `onDidRun`.
 */
export class CommandRegistry {
  private busyCount = 0;
  private readonly _onDidRun = new vscode.EventEmitter<CommandRunEvent>();
  readonly onDidRun = this._onDidRun.event;

  constructor(
    private readonly services: PipelineServices,
    private readonly describeError: (error: unknown) => string = userMessage,
  ) {}

  register(spec: CommandSpec): vscode.Disposable {
    return vscode.commands.registerCommand(spec.id, (...args: unknown[]) => this.execute(spec, args));
  }

  dispose(): void {
    this._onDidRun.dispose();
  }

  private async execute(spec: CommandSpec, args: unknown[]): Promise<unknown> {
    this.services.logger.info(`command ${spec.id}`);
    if (spec.mutates) {
      await this.setBusy(+1);
    }
    let outcome: Outcome;
    try {
      outcome = await this.withProgress(spec, (port) => this.resolveAndRun(spec, port, args[0]));
    } catch (error) {
      outcome = this.failed(spec, error);
    } finally {
      if (spec.mutates) {
        await this.setBusy(-1);
      }
    }
    if (outcome.kind === 'failed') {
      // The sentence may quote GitHub or git (a validation message, stderr): no links from it.
      void vscode.window.showErrorMessage(notificationText(outcome.sentence));
    }
    this._onDidRun.fire({ command: spec.id, outcome: outcome.kind, sentence: outcome.sentence });
    return outcome.kind === 'done' ? outcome.value : undefined;
  }

  private async resolveAndRun(spec: CommandSpec, port: WidgetPort, arg: unknown): Promise<Outcome> {
    if (!this.services.allowsCommand(spec.id)) {
      return { kind: 'refused', sentence: this.services.presenter().untrusted() };
    }
    if (!isRepositoryCommand(spec)) {
      return spec.run({ port, say: this.services.presenter(), args: arg });
    }
    const repo = this.services.repository();
    if (!repo) {
      throw new Error(this.services.presenter().noRepository());
    }
    const say = this.services.presenter(repo.root);
    try {
      if (spec.needs.github) {
        const github = await repo.github();
        if ('reason' in github) {
          throw new Error(github.reason);
        }
      }
      return await spec.run({ port, repo, say, args: arg });
    } finally {
      if (spec.refreshes !== 'none') {
        // Also after a failure half-way: what did happen shows in the view.
        await repo
          .refresh(spec.refreshes)
          .catch((error: unknown) => this.services.logger.warn(`refresh after ${spec.id} failed: ${String(error)}`));
      }
    }
  }

  private async withProgress(spec: CommandSpec, run: (port: WidgetPort) => Promise<Outcome>): Promise<Outcome> {
    if (!spec.progressTitle) {
      const source = new vscode.CancellationTokenSource();
      try {
        return await run(new WidgetPort(source.token, { report: () => undefined }));
      } finally {
        source.dispose();
      }
    }
    const location =
      spec.progressLocation === 'view' ? { viewId: Views.environments } : vscode.ProgressLocation.Notification;
    return vscode.window.withProgress(
      { location, title: spec.progressTitle(), cancellable: spec.progressLocation !== 'view' },
      (progress, token) => run(new WidgetPort(token, progress)),
    );
  }

  private failed(spec: CommandSpec, error: unknown): Outcome {
    if (error instanceof vscode.CancellationError || error instanceof Cancelled) {
      this.services.logger.info(`command ${spec.id} cancelled`);
      return { kind: 'cancelled' };
    }
    this.services.logger.error(
      `command ${spec.id} failed: ${redact(String(error instanceof Error ? (error.stack ?? error.message) : error))}`,
    );
    return { kind: 'failed', sentence: this.describeError(error) };
  }

  private async setBusy(delta: number): Promise<void> {
    this.busyCount += delta;
    await vscode.commands.executeCommand('setContext', ContextKeys.busy, this.busyCount > 0);
  }
}

function isRepositoryCommand(spec: CommandSpec): spec is RepositoryCommandSpec {
  return spec.needs?.repository === true;
}
