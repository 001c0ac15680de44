import * as vscode from 'vscode';
import type { FailedLogView } from '../core/usecases/showFailedLog';
import { Disposable } from '../util/disposable';

export const JOB_LOG_SCHEME = 'envflow-log';
/** Logs kept for open tabs; older ones are dropped (a closed tab re-reads through the command). */
const KEPT_LOGS = 10;

/**
 * Read-only editor documents holding job logs, so a failing check's log opens in a
 * tab, searchable and at its first error, instead of in a browser.
 */
export class JobLogDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this._onDidChange.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(JOB_LOG_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ??
      vscode.l10n.t('This log is no longer kept: run EnvFlow: Show Failed Log again.')
    );
  }

  /** Opens the log with the first error line selected and centred. */
  async show(view: FailedLogView): Promise<vscode.TextEditor> {
    const name = view.job.name.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'job';
    const uri = vscode.Uri.from({
      scheme: JOB_LOG_SCHEME,
      path: `/run-${view.runId}/${name}.log`,
      query: `job=${view.job.id}`,
    });
    this.contents.delete(uri.toString());
    this.contents.set(uri.toString(), view.log.text);
    while (this.contents.size > KEPT_LOGS) {
      const oldest = this.contents.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.contents.delete(oldest);
    }
    this._onDidChange.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const line = Math.min(view.log.firstErrorLine ?? 0, Math.max(0, document.lineCount - 1));
    const range = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
    return vscode.window.showTextDocument(document, { preview: false, selection: range });
  }
}
