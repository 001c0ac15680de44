/**
 * A settings file built to be slow to scan by hand: a restricted key, then an unclosed
 * `/*` followed by megabytes of text that looks like more keys and more comment openers.
 * A regex that looks for the comment's end from every opener is quadratic on it.
 */
export function unclosedCommentSettings(minimumBytes: number): string {
  const head = `{ "envflow.testCommand": "x", ${'"a": "/*", '.repeat(50_000)} /* `;
  const unit = '"envflow.github.apiUrl": 1, /* ';
  return head + unit.repeat(Math.max(0, Math.ceil((minimumBytes - head.length) / unit.length)));
}
