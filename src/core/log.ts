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
  return text
    // Up to the last '@' before the path: a password may hold a raw '@' itself.
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s'"]*@/gi, '$1***@')
    .replace(/([?&](?:access_token|token)=)[^&#\s'"]+/gi, '$1***')
    .replace(/\b(gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***')
    .replace(/(authorization:\s*)(token|bearer)\s+\S+/gi, '$1$2 ***');
}
