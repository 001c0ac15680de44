import type { Logger } from '../../src/core/log';

/** One line in `lines` per log call at any level, errors with their message and stack, so a leak test sees everything. */
export function recordingLogger(lines: string[]): Logger {
  const text = (part: unknown): string =>
    part instanceof Error
      ? `${part.message} ${String(part.stack)}`
      : typeof part === 'string'
        ? part
        : JSON.stringify(part);
  const record =
    (level: string) =>
    (message: string | Error, ...args: unknown[]): void => {
      lines.push([level, message, ...args].map(text).join(' '));
    };
  return {
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
