import * as vscode from 'vscode';
import { type CommandId, ContextKeys, Views } from '../../constants';
import { redact, type Logger } from '../../core/log';
import { userMessage } from '../../core/util/userMessage';
import { notificationText } from '../format';
import type { TrustGate } from '../trust/trustGate';

export interface CommandContext {
  readonly token: vscode.CancellationToken;
  readonly progress: vscode.Progress<{ message?: string; increment?: number }>;
}

export interface CommandSpec {
  readonly id: CommandId;
  /** Title for the progress indicator; omit for commands that only open UI. */
  readonly progressTitle?: string;
  /** Where progress shows (default: a cancellable notification). */
  readonly progressLocation?: 'notification' | 'view';
  /** Whether the command changes git or GitHub state (sets the busy context key). */
  readonly mutates?: boolean;
  run(context: CommandContext, ...args: unknown[]): Promise<unknown> | unknown;
}

/**
 * The one wrapper every command goes through: progress, cancellation, the busy
 * context key for `enablement` clauses, logging, and errors turned into one sentence.
 */
export class CommandRegistry {
  private busyCount = 0;

  constructor(
    private readonly logger: Logger,
    private readonly gate: TrustGate,
    private readonly describeError: (error: unknown) => string = userMessage,
  ) {}

  register(spec: CommandSpec): vscode.Disposable {
    return vscode.commands.registerCommand(spec.id, (...args: unknown[]) => this.execute(spec, args));
  }

  private async execute(spec: CommandSpec, args: unknown[]): Promise<unknown> {
    this.logger.info(`command ${spec.id}`);
    if (!this.gate.allowsCommand(spec.id)) {
      return undefined;
    }
    if (spec.mutates) {
      await this.setBusy(+1);
    }
    try {
      if (!spec.progressTitle) {
        const source = new vscode.CancellationTokenSource();
        try {
          return await spec.run({ token: source.token, progress: { report: () => undefined } }, ...args);
        } finally {
          source.dispose();
        }
      }
      const location =
        spec.progressLocation === 'view' ? { viewId: Views.environments } : vscode.ProgressLocation.Notification;
      return await vscode.window.withProgress(
        { location, title: spec.progressTitle, cancellable: spec.progressLocation !== 'view' },
        (progress, token) => Promise.resolve(spec.run({ token, progress }, ...args)),
      );
    } catch (error) {
      if (error instanceof vscode.CancellationError) {
        this.logger.info(`command ${spec.id} cancelled`);
        return undefined;
      }
      const sentence = this.describeError(error);
      this.logger.error(`command ${spec.id} failed: ${redact(String(error instanceof Error ? error.stack ?? error.message : error))}`);
      // The sentence may quote GitHub or git (a validation message, stderr): no links from it.
      void vscode.window.showErrorMessage(notificationText(sentence));
      return undefined;
    } finally {
      if (spec.mutates) {
        await this.setBusy(-1);
      }
    }
  }

  private async setBusy(delta: number): Promise<void> {
    this.busyCount += delta;
    await vscode.commands.executeCommand('setContext', ContextKeys.busy, this.busyCount > 0);
  }
}
