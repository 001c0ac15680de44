/** What the window wrote under its user-data folder (ENVFLOW_USER_DATA_DIR, set by the launchers). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTPUT_CHANNEL_NAME } from '../../../src/constants';
import { filesBelow } from '../secretScan';

export function userDataDir(): string {
  const dir = process.env.ENVFLOW_USER_DATA_DIR;
  if (!dir) {
    throw new Error('ENVFLOW_USER_DATA_DIR is not set: the host launcher sets it for every window');
  }
  return dir;
}

/** The text of EnvFlow's output channel, as VS Code logged it to disk. */
export async function envflowLog(): Promise<string> {
  const logs = (await filesBelow(join(userDataDir(), 'logs'))).filter((file) =>
    file.endsWith(`${OUTPUT_CHANNEL_NAME}.log`),
  );
  // VS Code creates the file with the first line it writes; until then the log is empty.
  return (await Promise.all(logs.map((file) => readFile(file, 'utf8')))).join('\n');
}
