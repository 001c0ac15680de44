/**
 * The sentence a failed command shows. GitError and GitHubError already carry one
 * sentence with a way out; this keeps it that way for anything else thrown (redacted,
 * one line, ending in a stop) so the UI wrapper stays thin and tests can read it in Node.
 */
import * as l10n from '@vscode/l10n';
import { redact } from '../log';

/** The one sentence the user sees for `error`. */
export function userMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line =
    redact(text)
      .split('\n')
      .find((part) => part.trim().length > 0)
      ?.trim() ?? '';
  return line
    ? endWithStop(line)
    : l10n.t('EnvFlow failed without saying why: see the EnvFlow log (EnvFlow: Show Log).');
}

/** `text` without its final full stop, to be continued inside another sentence. */
export function withoutStop(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function endWithStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
