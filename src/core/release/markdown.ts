/** Markdown helpers for the pull request bodies the release flows write. */

/** Commit subjects are their authors' text: keep them from opening HTML or mentioning people. */
export function escapeInline(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/@(\w)/g, '@\u200b$1');
}

/** Text inside a `code span`: a backtick would end it. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
