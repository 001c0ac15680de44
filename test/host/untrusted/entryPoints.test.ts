/**
 * Every door of EnvFlow, knocked on while the hostile workspace (hostileWorkspace.ts,
 * opened as a multi-root workspace) is untrusted: activation, the exported API, a
 * hostile folder added and removed, files and refs edited in both, settings changed at
 * every level, and every command package.json contributes. None may start git, run a
 * repository's program or reach the folder's decoy API server; the trust gate must have
 * refused each door that reaches it. hostileWorkspace.test.ts then waits out a minute of
 * polling, so anything these doors scheduled for later is caught there.
 */
import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, type CommandId } from '../../../src/constants';
import { commandNeedsTrust } from '../../../src/ui/trust/entryPoints';
import { activateEnvFlow, nextFoldersChange, report } from '../hostSupport';
import { envflowLog } from '../userData';
import { waitUntil } from '../../support/waitUntil';

/** The doors exercised, in order; the gate's refusal is looked for in the log for those marked. */
const exercised: { entry: string; refusedByGate: boolean }[] = [];
const knocked = (entry: string, refusedByGate: boolean): void => {
  exercised.push({ entry, refusedByGate });
};

function contributedCommands(): string[] {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
  return manifest.contributes.commands.map((c) => c.command);
}

/** A file edit and a new branch, written straight to disk as another program would. */
async function editFileAndRef(folder: string): Promise<void> {
  const readme = await readFile(join(folder, 'README.md'), 'utf8');
  await writeAndSeeDelivered(folder, 'README.md', `${readme}edited while untrusted\n`);
  const head = (await readFile(join(folder, '.git', 'HEAD'), 'utf8')).replace(/^ref: /, '').trim();
  const sha = await readFile(join(folder, '.git', head), 'utf8');
  await writeAndSeeDelivered(folder, '.git/refs/heads/door-probe', sha);
}

/** Commands that need no trust answer at once; the rest may open a quick pick or input box, which is closed as a user would. */
async function runClosingInputs(command: string): Promise<void> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => {
    settled = true;
  });
  await waitUntil(`${command} to finish`, async () => {
    if (!settled) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    return settled;
  }, 30_000);
  await run;
}

/**
 * Writes a file until VS Code delivers the change to this extension host's watchers
 * (EnvFlow's too, had it made one). A folder just added is watched a moment later, so a
 * first write can go unseen: it is written again, each second, until one is seen.
 */
async function writeAndSeeDelivered(folder: string, relative: string, content: string): Promise<void> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), relative));
  let delivered = false;
  const seen = (): void => {
    delivered = true;
  };
  const subscriptions = [watcher, watcher.onDidChange(seen), watcher.onDidCreate(seen)];
  try {
    const deadline = Date.now() + 30_000;
    while (!delivered) {
      if (Date.now() > deadline) {
        throw new Error(`the change of ${relative} never reached the extension host`);
      }
      await writeFile(join(folder, relative), content);
      await waitUntil('a change event', () => delivered, 1_000).catch(() => undefined);
    }
  } finally {
    subscriptions.forEach((s) => s.dispose());
  }
}

async function gitProcesses(): Promise<number> {
  return (await readFile(process.env.ENVFLOW_GIT_LOG!, 'utf8')).split('\n').filter(Boolean).length;
}

describe('every entry point of an untrusted workspace', function () {
  this.timeout(180_000);
  const first = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const added = process.env.ENVFLOW_EXTRA_FOLDER!;

  it('opens the hostile repository in a multi-root workspace, in restricted mode', () => {
    assert.ok(vscode.workspace.workspaceFile, 'a .code-workspace is open: folders change without an extension host restart');
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activation', async () => {
    await activateEnvFlow();
    knocked('activation', true);
  });

  it('the exported API, called by another extension', async () => {
    const api = await activateEnvFlow();
    const listeners = [api.onDidChangeSnapshot(() => undefined), api.onDidAlert(() => undefined)];
    assert.equal(api.getSnapshot(), undefined);
    assert.equal(api.getSnapshot(vscode.Uri.file(first())), undefined);
    listeners.forEach((l) => l.dispose());
    knocked('api', true);
  });

  it('a hostile folder added to the workspace, then files and refs edited in it', async () => {
    const changed = nextFoldersChange();
    assert.ok(vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders!.length, 0, { uri: vscode.Uri.file(added) }));
    assert.equal((await changed).added.length, 1);
    knocked('foldersAdded', true);
    await editFileAndRef(added);
  });

  it("files and refs edited in the workspace's first repository", async () => {
    await editFileAndRef(first());
    // No refusal to look for: untrusted, EnvFlow holds no file watcher at all.
    knocked('fileChanged', false);
    knocked('refChanged', false);
  });

  it('settings changed for the user, the workspace and a folder', async () => {
    const folderUri = vscode.workspace.workspaceFolders![0].uri;
    const targets: [vscode.ConfigurationTarget, vscode.Uri | undefined][] = [
      [vscode.ConfigurationTarget.Global, undefined],
      [vscode.ConfigurationTarget.Workspace, undefined],
      [vscode.ConfigurationTarget.WorkspaceFolder, folderUri],
    ];
    for (const [target, scope] of targets) {
      const config = vscode.workspace.getConfiguration('envflow', scope);
      await config.update('developBranch', 'trunk', target);
      await config.update('developBranch', undefined, target);
    }
    knocked('settingsChanged', true);
  });

  it('every command package.json contributes, each with no argument', async () => {
    const commands = contributedCommands();
    assert.ok(commands.length >= 10, `only ${commands.length} commands found in package.json`);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of commands) {
      assert.ok(registered.has(command), `${command} is not registered`);
      await runClosingInputs(command);
      knocked(`command:${command}`, commandNeedsTrust(command as CommandId));
    }
  });

  it('the added folder removed again', async () => {
    const index = vscode.workspace.workspaceFolders!.findIndex((f) => f.uri.fsPath === added);
    assert.ok(index > 0, 'the added folder is in the workspace');
    const changed = nextFoldersChange();
    assert.ok(vscode.workspace.updateWorkspaceFolders(index, 1));
    assert.equal((await changed).removed.length, 1);
    knocked('foldersRemoved', true);
  });

  it('ran no git, no program of the repositories, and sent nothing to the decoy; the gate refused each door it guards', async () => {
    const log = await envflowLog();
    const unrefused = exercised.filter((e) => e.refusedByGate && !log.includes(`workspace not trusted: ${e.entry} runs no git`)).map((e) => e.entry);
    const git = await gitProcesses();
    const markers = await readdir(process.env.ENVFLOW_MARKER_DIR!);
    const decoyRequests = (await readFile(process.env.ENVFLOW_DECOY_LOG!, 'utf8')).split('\n').filter(Boolean);
    report(`untrusted entry points: ${exercised.length}, git processes: ${git}, markers: ${markers.length}`);
    assert.equal(git, 0, 'git processes');
    assert.deepEqual(markers, [], "markers of the repositories' programs");
    assert.deepEqual(decoyRequests, [], "requests to the folder's github.apiUrl");
    assert.deepEqual(unrefused, [], 'doors the trust gate did not log a refusal for');
  });
});
