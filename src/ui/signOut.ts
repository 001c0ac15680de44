import * as vscode from 'vscode';
import { apiOrigin } from '../core/util/origin';
import type { GitHubAuth } from './auth';

/**
 * Sign Out: forgets the pasted token of the current API origin at once, then offers
 * to forget those of every other origin EnvFlow holds one for (a QuickPick listing
 * them). The offer is not awaited, so the command never waits on a dialog.
 * Returns whether the current origin had a pasted token.
 */
export async function signOutOfGitHub(auth: GitHubAuth, apiUrl: string): Promise<boolean> {
  const current = apiOrigin(apiUrl);
  const forgotten = current ? await auth.forget([current]) : [];
  const others = auth.storedOrigins().filter((origin) => origin !== current);
  if (others.length > 0) {
    void offerToForget(auth, others);
  }
  return forgotten.length > 0;
}

async function offerToForget(auth: GitHubAuth, origins: string[]): Promise<void> {
  const message =
    origins.length === 1
      ? vscode.l10n.t('EnvFlow also keeps a token for another GitHub origin ({0}).', origins[0] ?? '')
      : vscode.l10n.t('EnvFlow also keeps a token for {0} other GitHub origins.', origins.length);
  const forget = vscode.l10n.t('Forget tokens…');
  const answer = await vscode.window.showInformationMessage(message, forget);
  if (answer !== forget) {
    return;
  }
  const picked = await vscode.window.showQuickPick(
    origins.map((origin) => ({ label: origin, picked: true })),
    {
      title: vscode.l10n.t('Forget the tokens EnvFlow keeps for these origins'),
      canPickMany: true,
      placeHolder: vscode.l10n.t('Every checked origin loses its stored token'),
    },
  );
  if (picked?.length) {
    const forgotten = await auth.forget(picked.map((item) => item.label));
    void vscode.window.showInformationMessage(
      forgotten.length
        ? vscode.l10n.t('EnvFlow forgot the tokens for {0}.', forgotten.join(', '))
        : vscode.l10n.t('EnvFlow forgot no token.'),
    );
  }
}
