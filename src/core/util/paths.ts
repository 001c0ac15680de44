/**
 * Comparing file-system paths that come from different sources: VS Code gives
 * `c:\work\repo` (fsPath) while git on Windows prints `C:/work/repo`, and POSIX paths
 * use '/' only. Both separators are accepted everywhere, and a drive letter compares
 * case-insensitively, so a path from one source is found inside a root from the other.
 */

/** One spelling of a path for comparisons: '/' separators, lower-case drive letter, no trailing separator. */
export function comparablePath(path: string): string {
  let normal = path.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(normal)) {
    normal = normal[0]!.toLowerCase() + normal.slice(1);
  }
  // A root ('/' or 'c:/') keeps its separator: without it 'c:' would mean the drive's current folder.
  while (normal.length > 1 && normal.endsWith('/') && !/^[a-z]:\/$/.test(normal)) {
    normal = normal.slice(0, -1);
  }
  return normal;
}

/** Whether `child` is `parent` or lies below it (never a sibling that merely shares a prefix). */
export function isInside(parent: string, child: string): boolean {
  return relativeInside(parent, child) !== undefined;
}

/** `child` relative to `parent` with '/' separators ('' for the same folder); undefined when outside. */
export function relativeInside(parent: string, child: string): string | undefined {
  const base = comparablePath(parent);
  const path = comparablePath(child);
  if (path === base) {
    return '';
  }
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** Whether two spellings name the same path. */
export function samePath(a: string, b: string): boolean {
  return comparablePath(a) === comparablePath(b);
}
