/** Searching files for a token: the host test of secrets and the runner after the window closed. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The token the secrets test signs in with: a shape `redact` does not know, so nothing masks a leak. */
export const DISTINCTIVE_TOKEN = 'envflow-secret-Q7m2xV9pL4zR8tK3wN6';

/** Every file below `dir`, recursively. */
export async function filesBelow(dir: string): Promise<string[]> {
  const paths = (await readdir(dir, { recursive: true })).map((name) => join(dir, name));
  const isFile = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return paths.filter((_path, index) => isFile[index]);
}

/** How many files below `dirs` were read, and which of them contain `secret` byte for byte. */
export async function filesHolding(
  secret: string,
  dirs: readonly string[],
): Promise<{ files: number; holding: string[] }> {
  const files = (await Promise.all(dirs.map((dir) => filesBelow(dir).catch(() => [] as string[])))).flat();
  const holding: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    if (bytes.includes(secret)) {
      holding.push(file);
    }
  }
  return { files: files.length, holding };
}
