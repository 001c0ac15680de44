import * as l10n from '@vscode/l10n';
import type { Choice, FollowUp, InteractionPort } from './port';

/** Tells the user what a command did, with a button to the pull request (or deployment) it made. */
export function announce(port: InteractionPort, sentence: string, url: string): string {
  port.notify({ severity: 'info', message: sentence, actions: [openOnGitHub(url)] });
  return sentence;
}

export function openOnGitHub(url: string): Choice<FollowUp> {
  return { label: l10n.t('Open on GitHub'), value: { kind: 'openUrl', url } };
}
