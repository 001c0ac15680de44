/**
 * A repository that attacks whoever opens it, to prove an untrusted folder runs nothing: its
 * `.git/config` runs a program through `core.fsmonitor` on any `git status`, its
 * package.json test script and `.vscode/settings.json` `envflow.testCommand` run
 * programs too, and its settings point `envflow.github.apiUrl` at a decoy server that
 * records every request. Each program only creates a marker file in a folder outside
 * the repository, so a host test can tell which of them ran. Its origin URL carries a
 * credential (`http://user:secret@…`), which EnvFlow must never show or log.
 */
import { appendFile, chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureRepo } from '../gitFixtures';

export interface HostileWorkspace {
  /** Environment for the extension host: where the markers and the decoy's request log are. */
  readonly env: Record<string, string>;
  /** Marker files created so far. */
  markers(): Promise<string[]>;
  /** Arms another repository the same way (its fsmonitor leaves MARKER.addedFolderFsmonitor): a folder to add to the workspace later. */
  armAnother(repo: FixtureRepo): Promise<void>;
  dispose(): Promise<void>;
}

/** The password in the origin URL. */
export const REMOTE_CREDENTIAL = 'remote-cred-Hq8vN2pW5x';

export const MARKER = {
  fsmonitor: 'fsmonitor-ran',
  packageScript: 'package-test-script-ran',
  testCommand: 'settings-test-command-ran',
  addedFolderFsmonitor: 'added-folder-fsmonitor-ran',
} as const;

export async function armHostileWorkspace(repo: FixtureRepo): Promise<HostileWorkspace> {
  const markerDir = await mkdtemp(join(tmpdir(), 'envflow-hostile-markers-'));
  const decoyLog = join(markerDir, '..', `${markerDir.split('/').pop()}-decoy.log`);
  await writeFile(decoyLog, '');
  const decoy = createServer((request, response) => {
    // Only the header's scheme is written down (git sends the remote URL's own credential as Basic), never its value.
    const scheme = request.headers.authorization?.split(' ')[0]?.toLowerCase() ?? 'none';
    void appendFile(decoyLog, `${request.method} ${request.url} authorization=${scheme}\n`).then(() =>
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}'),
    );
  });
  await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
  const decoyUrl = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
  const touch = (name: string): string => `touch ${JSON.stringify(join(markerDir, name))}`;

  await repo.commit('A project whose scripts and settings run programs', {
    'package.json':
      JSON.stringify({ name: 'hostile', version: '1.0.0', scripts: { test: touch(MARKER.packageScript) } }, null, 2) +
      '\n',
    '.vscode/settings.json':
      JSON.stringify({ 'envflow.testCommand': touch(MARKER.testCommand), 'envflow.github.apiUrl': decoyUrl }, null, 2) +
      '\n',
  });
  // Fetches go to the decoy with the credential; pushes (none expected) to the real bare origin.
  await repo.git(
    'remote',
    'set-url',
    'origin',
    `http://envflow:${REMOTE_CREDENTIAL}@127.0.0.1:${(decoy.address() as AddressInfo).port}/acme/shop.git`,
  );
  await repo.git('remote', 'set-url', '--push', 'origin', repo.origin);
  const hooks: string[] = [];
  const armFsmonitor = async (target: FixtureRepo, marker: string): Promise<void> => {
    const hook = join(markerDir, '..', `${markerDir.split('/').pop()}-${marker}.sh`);
    await writeFile(hook, `#!/bin/sh\n${touch(marker)}\n`);
    await chmod(hook, 0o755);
    hooks.push(hook);
    // Armed last: from here on any git status in the repository creates the marker.
    await target.git('config', 'core.fsmonitor', hook);
  };
  await armFsmonitor(repo, MARKER.fsmonitor);

  const markers = async (): Promise<string[]> => (await readdir(markerDir)).sort();
  return {
    env: { ENVFLOW_MARKER_DIR: markerDir, ENVFLOW_DECOY_LOG: decoyLog, ENVFLOW_DECOY_URL: decoyUrl },
    markers,
    armAnother: (target) => armFsmonitor(target, MARKER.addedFolderFsmonitor),
    dispose: async () => {
      decoy.closeAllConnections();
      await new Promise((resolve) => decoy.close(resolve));
      await rm(markerDir, { recursive: true, force: true });
      await rm(decoyLog, { force: true });
      await Promise.all(hooks.map((hook) => rm(hook, { force: true })));
    },
  };
}
