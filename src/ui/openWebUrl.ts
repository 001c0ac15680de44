import * as vscode from 'vscode';
import { isWebUrl } from './format';

/**
 * The one way EnvFlow opens a URL, most of which come from API data (a pull request's
 * `html_url`, a deployment's environment URL): only an http(s) web page is opened,
 * never `command:`, `vscode:`, `file:` or `javascript:`. Anything else is refused with
 * one sentence. Returns whether the page was opened.
 */
export async function openWebUrl(url: string | undefined): Promise<boolean> {
  if (!isWebUrl(url)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'EnvFlow did not open {0}: it opens only http(s) web pages.',
        JSON.stringify((url ?? '').slice(0, 80)),
      ),
    );
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}
