/**
 * A job's raw log as GitHub serves it, made readable in an editor: each line's runner
 * timestamp dropped, and the first lines that say what failed found, so the editor
 * opens there instead of at line 1 of thousands.
 */
export interface ReadableJobLog {
  readonly text: string;
  /** 0-based line of the first error, or undefined when none was recognised. */
  readonly firstErrorLine?: number;
}

/** `2026-11-28T10:00:00.1234567Z ` at the start of every line the runner writes. */
const TIMESTAMP = /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/;

/**
 * What test runners, compilers and the runner itself print when something fails. The
 * earliest matching line wins: the runner's closing `##[error]Process completed with
 * exit code 1` comes after the assertion that caused it.
 */
const ERROR_SIGNS: readonly RegExp[] = [
  /^\s*(?:(?:FAIL|FAILED|not ok)\b|[✗✘×]\s)/,
  /\b(?:AssertionError|Error:|error(?:\[E\d+\])?:|ERROR\b|Traceback \(most recent call last\))/,
  /\b\d+ (?:failing|failed)\b/,
  /^##\[error\]/,
];

/** ANSI colour codes runners keep in logs. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function readableJobLog(raw: string): ReadableJobLog {
  const lines = raw.split(/\r?\n/).map((line) => line.replace(TIMESTAMP, '').replace(ANSI, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  const index = lines.findIndex((line) => !line.startsWith('##[group]') && ERROR_SIGNS.some((sign) => sign.test(line)));
  return index >= 0 ? { text: lines.join('\n'), firstErrorLine: index } : { text: lines.join('\n') };
}
