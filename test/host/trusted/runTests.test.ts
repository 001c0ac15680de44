import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../../src/constants';
import type { EnvFlowApi, RepositorySnapshot } from '../../../src/envflow';
import type { RunTestsResult } from '../../../src/ui/commands/runTests';
import { git } from '../../support/gitFixtures';
import { waitForSnapshot } from '../../support/host/hostSupport';
import { processAlive } from '../../support/processAlive';
import { waitUntil } from '../../support/waitUntil';

describe('envflow.runTests', () => {
  let api: EnvFlowApi;
  let root: string;
  let head: string;
  let scratch: string;
  let hadVscodeFolder: boolean;
  const settings = () => vscode.workspace.getConfiguration('envflow');
  const setCommand = (command: string | undefined) =>
    settings().update('testCommand', command, vscode.ConfigurationTarget.Workspace);
  const runTests = (options?: unknown) =>
    vscode.commands.executeCommand<RunTestsResult | undefined>(Commands.runTests, options);
  const tests = (s: RepositorySnapshot) => s.local.tests;

  before(async () => {
    api = (await vscode.extensions.getExtension<EnvFlowApi>(EXTENSION_ID)!.activate())!;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    hadVscodeFolder = existsSync(join(root, '.vscode'));
    head = await git(root, ['rev-parse', 'HEAD']);
    scratch = await mkdtemp(join(tmpdir(), 'envflow-runtests-'));
    await waitForSnapshot(api, (s) => s.local.branch !== undefined);
  });

  after(async () => {
    // The window and repository are shared with the other host suites.
    await setCommand(undefined);
    if (!hadVscodeFolder) {
      await rm(join(root, '.vscode'), { recursive: true, force: true });
    }
    await git(root, ['checkout', '--', '.']);
    await rm(join(root, 'during.txt'), { force: true });
    await rm(scratch, { recursive: true, force: true });
    await waitForSnapshot(api, (s) => s.local.changes.untracked + s.local.changes.unstaged === 0);
  });

  it('detects npm test from package.json when no command is set, and records the pass for HEAD', async () => {
    const result = await runTests();
    assert.equal(result?.recorded, true, result?.message);
    assert.equal(result?.record?.command, 'npm test');
    const snapshot = await waitForSnapshot(
      api,
      (s) => tests(s).state === 'passed' && tests(s).record?.command === 'npm test',
    );
    assert.equal(tests(snapshot).record?.commit, head);
    assert.equal(tests(snapshot).record?.passed, 1, 'the fixture prints "1 passing"');
  });

  it('runs envflow.testCommand and records a pass with its counts', async () => {
    await setCommand(`node -e "console.log('  4 passing (3ms)'); console.log('  2 pending')"`);
    const result = await runTests();
    assert.equal(result?.outcome, 'passed');
    assert.match(result!.message, /^Tests passed on [0-9a-f]{7}: 4 passed, 2 skipped in /);
    const snapshot = await waitForSnapshot(api, (s) => tests(s).state === 'passed' && tests(s).record?.passed === 4);
    const record = tests(snapshot).record!;
    assert.equal(record.commit, head);
    assert.equal(record.skipped, 2);
    assert.match(record.command, /^node -e/);
    assert.ok(record.durationMs > 0);
    assert.ok(
      vscode.window.terminals.some((t) => t.name.includes('Run Tests')),
      'the output streamed into the Run Tests terminal',
    );
  });

  it('records a failing run as failed, with its counts', async () => {
    await setCommand(`node -e "console.log('  2 passing'); console.log('  1 failing'); process.exit(1)"`);
    const result = await runTests();
    assert.equal(result?.recorded, true);
    assert.equal(result?.outcome, 'failed');
    const snapshot = await waitForSnapshot(api, (s) => tests(s).state === 'failed');
    assert.equal(tests(snapshot).record?.failed, 1);
    assert.equal(tests(snapshot).record?.passed, 2);
  });

  it('marks the result stale when a file changes, and current again when it is restored', async () => {
    const readme = join(root, 'README.md');
    const original = await readFile(readme, 'utf8');
    await writeFile(readme, `${original}an edit after the run\n`);
    await waitForSnapshot(api, (s) => tests(s).state === 'stale');
    await writeFile(readme, original);
    const snapshot = await waitForSnapshot(api, (s) => tests(s).state === 'failed');
    assert.equal(tests(snapshot).record?.failed, 1);
  });

  it('records nothing when files change during the run, and says so', async () => {
    const before = api.getSnapshot()!.local.tests.record;
    await setCommand(`node -e "require('fs').writeFileSync('during.txt', 'x')"`);
    const result = await runTests();
    assert.equal(result?.recorded, false);
    assert.equal(result?.reason, 'filesChanged');
    assert.equal(result?.outcome, 'passed');
    assert.match(result!.message, /files changed during the run/);
    await rm(join(root, 'during.txt'));
    await vscode.commands.executeCommand(Commands.refresh);
    assert.deepEqual(api.getSnapshot()!.local.tests.record, before);
  });

  it('runs a configured task of the test group when no command is set, recording its exit code', async () => {
    await setCommand(undefined);
    await mkdir(join(root, '.vscode'), { recursive: true });
    const tasksFile = join(root, '.vscode', 'tasks.json');
    const writeTask = (command: string) =>
      writeFile(
        tasksFile,
        JSON.stringify({ version: '2.0.0', tasks: [{ label: 'unit', type: 'shell', command, group: 'test' }] }),
      );
    const taskRuns = async (command: string) =>
      (await vscode.tasks.fetchTasks()).some(
        (t) => t.name === 'unit' && (t.execution as vscode.ShellExecution | undefined)?.commandLine === command,
      );

    await writeTask('node test.js');
    await waitUntil('VS Code read tasks.json', () => taskRuns('node test.js'));
    const passed = await runTests();
    assert.equal(passed?.recorded, true, passed?.message);
    assert.equal(passed?.record?.command, 'task: unit');
    assert.equal(passed?.outcome, 'passed');

    await writeTask('node -e "process.exit(3)"');
    await waitUntil('VS Code read the changed tasks.json', () => taskRuns('node -e "process.exit(3)"'));
    const failed = await runTests();
    assert.equal(failed?.outcome, 'failed', failed?.message);
    await waitForSnapshot(api, (s) => tests(s).state === 'failed' && tests(s).record?.command === 'task: unit');
    await rm(tasksFile);
  });

  // The progress notification's Cancel button cannot be clicked from the extension
  // host; the command's `cancellation` argument is the same path (it cancels the
  // token the runner already listens to for that button).
  it('cancelling a hanging run ends its process tree and records nothing', async () => {
    const before = api.getSnapshot()!.local.tests.record;
    const pidFile = join(scratch, 'cancel.pid');
    await setCommand(`sleep 300 & echo $! > '${pidFile}'; wait`);
    const source = new vscode.CancellationTokenSource();
    const running = runTests({ cancellation: source.token });
    await waitUntil(
      'the hanging command started',
      async () => existsSync(pidFile) && (await readFile(pidFile, 'utf8')).trim() !== '',
    );
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    assert.ok(processAlive(pid));
    source.cancel();
    const result = await running;
    assert.equal(result?.recorded, false);
    assert.equal(result?.reason, 'cancelled');
    await waitUntil('the test process ended', () => !processAlive(pid));
    assert.deepEqual(api.getSnapshot()!.local.tests.record, before);
  });

  it('terminating the task from VS Code cancels the run the same way', async () => {
    const pidFile = join(scratch, 'terminate.pid');
    await setCommand(`sleep 300 & echo $! > '${pidFile}'; wait`);
    const running = runTests();
    await waitUntil(
      'the hanging command started',
      async () => existsSync(pidFile) && (await readFile(pidFile, 'utf8')).trim() !== '',
    );
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await vscode.commands.executeCommand('workbench.action.tasks.terminate', 'terminateAll');
    const result = await running;
    assert.equal(result?.reason, 'cancelled');
    await waitUntil('the test process ended', () => !processAlive(pid));
  });
});
