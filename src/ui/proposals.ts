import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';

export const PROPOSAL_SCHEME = 'envflow-proposal';

/**
 * Read-only documents holding the files setup proposes, so an existing file can be
 * compared with EnvFlow's version (`vscode.diff`) without EnvFlow ever writing over it.
 */
export class ProposalDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this._onDidChange.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Shows EnvFlow's proposal for `path` (relative to `root`): a diff when the file exists, else the proposal alone. */
  async show(root: string, path: string, content: string): Promise<void> {
    const proposal = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${path}`, query: root });
    this.contents.set(proposal.toString(), content);
    this._onDidChange.fire(proposal);
    const file = vscode.Uri.joinPath(vscode.Uri.file(root), ...path.split('/'));
    const exists = await vscode.workspace.fs.stat(file).then(
      () => true,
      () => false,
    );
    if (exists) {
      await vscode.commands.executeCommand('vscode.diff', file, proposal, `${path}: yours ↔ EnvFlow's proposal`, {
        preview: true,
      });
    } else {
      await vscode.window.showTextDocument(proposal, { preview: true });
    }
  }
}
