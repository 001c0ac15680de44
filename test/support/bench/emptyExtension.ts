/**
 * An extension that does nothing, activated on the same event as EnvFlow: what VS Code's
 * activation figure is for any extension in the same window, so EnvFlow's own share of
 * its figure shows apart from what the machine costs every extension.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EMPTY_EXTENSION_ID = 'envflow-bench.empty';

/** Extension ids compare without case (VS Code lists them lower-cased). */
export function isEmptyExtension(extensionId: string): boolean {
  return extensionId.toLowerCase() === EMPTY_EXTENSION_ID;
}

/** Writes the extension's folder (named as an installed extension's) and returns its path. */
export async function writeEmptyExtension(activationEvent: string): Promise<string> {
  const folder = join(await mkdtemp(join(tmpdir(), 'envflow-bench-ext-')), `${EMPTY_EXTENSION_ID}-0.0.1`);
  await mkdir(folder);
  const manifest = {
    name: 'empty',
    publisher: 'envflow-bench',
    version: '0.0.1',
    engines: { vscode: '^1.85.0' },
    activationEvents: [activationEvent],
    main: './extension.js',
  };
  await writeFile(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(folder, 'extension.js'), 'exports.activate = function () {};\n');
  return folder;
}
