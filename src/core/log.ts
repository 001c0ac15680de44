/**
 * The logging seam of the core. The extension passes VS Code's LogOutputChannel
 * (which has exactly these methods); tests pass a recorder or `silentLogger`.
 * Never log a token: callers pass messages through `redact` when they may contain one.
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

const noop = (): void => undefined;
export const silentLogger: Logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop };

/** Hides credentials embedded in URLs and GitHub token shapes. */
export function redact(text: string): string {
  return (
    text
      // Up to the last '@' before the path: a password may hold a raw '@' itself.
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s'"]*@/gi, '$1***@')
      .replace(/([?&](?:access_token|token)=)[^&#\s'"]+/gi, '$1***')
      .replace(/\b(gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***')
      // Other services' token shapes a test command may carry: npm, GitLab, Slack, AWS key ids, JWTs.
      .replace(
        /\b(npm_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+)/g,
        '***',
      )
      .replace(/(authorization:\s*)(token|bearer)\s+\S+/gi, '$1$2 ***')
  );
}

// `NAME=value` as a shell word (at the start, after whitespace, `;`, `&`, `|` or `(`), the value quoted or bare.
const ENV_ASSIGNMENT = /(^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|)]*)/g;
// `--password=x`, `--api-token x`, `-p=x` style options whose name says it holds a secret.
const SECRET_OPTION =
  /(--?[A-Za-z0-9-]*(?:token|password|passwd|secret|api-?key|auth)[A-Za-z0-9-]*)(=|\s+)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|]+)/gi;

/**
 * A shell command line as it may be published (a commit status, a pull request body):
 * `redact` plus every environment assignment's value and every secret-named option's
 * value hidden, since `API_KEY=… npm test` is a common way to pass a secret to tests.
 */
export function redactCommandLine(command: string): string {
  return redact(command)
    .replace(
      ENV_ASSIGNMENT,
      (_all, before: string, name: string, value: string) => `${before}${name}=${value ? '***' : ''}`,
    )
    .replace(SECRET_OPTION, (_all, option: string, separator: string) => `${option}${separator}***`);
}
