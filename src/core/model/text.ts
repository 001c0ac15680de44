/** How long ago something happened, written the same way in every layer. */
import * as l10n from '@vscode/l10n';

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function relativeTime(iso: string | undefined, now: number): string {
  if (!iso) {
    return '';
  }
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return '';
  }
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) {
    return l10n.t('just now');
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return l10n.t('{0} min ago', minutes);
  }
  const hours = Math.round(minutes / 60);
  if (hours < 24) {
    return l10n.t('{0} h ago', hours);
  }
  const days = Math.round(hours / 24);
  return days === 1 ? l10n.t('1 day ago') : l10n.t('{0} days ago', days);
}
