/**
 * Small text helpers shared by the tree, the status bar and notifications.
 * Pure (no vscode import) so unit tests cover them in plain Node.
 */

export { shortSha } from '../core/model/sha';
export { relativeTime } from '../core/model/text';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "1.2 s", "850 ms", "3 min 5 s" */
export function duration(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/**
 * Escapes text from git or GitHub (PR titles, check names, descriptions) so it renders
 * literally in a MarkdownString: no links (so no `command:` links), no HTML, no emphasis.
 */
export function escapeMarkdown(text: string): string {
  // Shortened before escaping: cutting after it could leave a lone '\\' that escapes
  // EnvFlow's own markup next to it (a link's ']', a closing '**'), or half a surrogate pair.
  // Every line ending (a lone '\\r' too) becomes a space, so no text starts a block of its own.
  const characters = Array.from(text.slice(0, 2 * MAX_ESCAPED_LENGTH).replace(/\r\n?|\n/g, ' '));
  const shown = characters.length > MAX_ESCAPED_LENGTH ? `${characters.slice(0, MAX_ESCAPED_LENGTH - 1).join('')}…` : characters.join('');
  return shown.replace(/[\\`*_{}[\]()#+\-.!|<>~$&:=]/g, (c) => `\\${c}`);
}

/** Characters of API text shown in one tooltip line. */
const MAX_ESCAPED_LENGTH = 500;

/**
 * Text for a notification. VS Code turns `[label](command:…)` (and http/file targets) in a
 * notification message into a link, and a click runs the command with its arguments; a
 * zero-width space between ']' and '(' keeps text from GitHub or git from forming one,
 * and reads the same.
 */
export function notificationText(text: string): string {
  return text.replace(/\]\s*\(/g, (match) => `]\u200b${match.slice(1)}`);
}

/** Only web pages are opened from API data: never `command:`, `javascript:` or `file:`. */
export function isWebUrl(url: string | undefined): url is string {
  if (url === undefined || !/^https?:\/\//i.test(url)) {
    return false;
  }
  // Parsed too: a string that only starts like a web URL (no host, spaces, control characters) is not one.
  try {
    const parsed = new URL(url);
    // eslint-disable-next-line no-control-regex
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' && !/[\s\u0000-\u001f]/.test(url);
  } catch {
    return false;
  }
}

/** A markdown link whose label is escaped and whose target must be an http(s) URL. */
export function markdownLink(label: string, url: string | undefined): string {
  if (!isWebUrl(url)) {
    return escapeMarkdown(label);
  }
  return `[${escapeMarkdown(label)}](${encodeURI(decodeURIComponentSafe(url)).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)})`;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
