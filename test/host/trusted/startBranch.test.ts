import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../../src/constants';
import type { EnvFlowApi } from '../../../src/envflow';
import { git } from '../../support/gitFixtures';
import { runCommand, waitForSnapshot } from '../hostSupport';

describe('envflow.startBranch and envflow.startHotfix', () => {
  let api: EnvFlowApi;
  let root: string;
  const run = (...args: string[]) => git(root, args);

  before(async () => {
    api = (await vscode.extensions.getExtension<EnvFlowApi>(EXTENSION_ID)!.activate())!;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await waitForSnapshot(api, (s) => s.local.branch !== undefined);
  });

  afterEach(async () => {
    // Leave the shared fixture as the next suite expects it: on develop, clean, no stash.
    await run('reset', '--quiet', '--hard');
    await run('clean', '--quiet', '-fd');
    await run('switch', '--quiet', 'develop');
    await run('stash', 'clear');
  });

  it('creates feature/<name> from the freshly fetched origin/develop and switches to it', async () => {
    // Someone else moved develop on origin since our last fetch.
    const other = await mkdtemp(join(tmpdir(), 'envflow-other-'));
    await git(other, ['clone', '--quiet', join(root, '..', 'origin.git'), 'clone']);
    await git(join(other, 'clone'), ['switch', '--quiet', 'develop']);
    writeFileSync(join(other, 'clone', 'teammate.txt'), 'from a teammate\n');
    await git(join(other, 'clone'), ['add', 'teammate.txt']);
    await git(join(other, 'clone'), ['commit', '--quiet', '-m', 'Teammate change']);
    await git(join(other, 'clone'), ['push', '--quiet', 'origin', 'develop']);
    const remoteDevelop = await git(join(other, 'clone'), ['rev-parse', 'HEAD']);
    await rm(other, { recursive: true, force: true });

    const branch = await vscode.commands.executeCommand(Commands.startBranch, { prefix: 'feature', name: 'login' });
    assert.equal(branch, 'feature/login');
    assert.equal(await run('rev-parse', 'HEAD'), remoteDevelop, 'started from the fetched origin/develop');
    const snapshot = await waitForSnapshot(api, (s) => s.local.branch === 'feature/login');
    assert.equal(snapshot.local.behindDevelop, 0);
    await run('switch', '--quiet', 'develop');
    await run('merge', '--quiet', '--ff-only', 'origin/develop');
    await run('branch', '-D', 'feature/login');
  });

  it('refuses hostile and taken names before running git, and changes nothing', async () => {
    const head = await run('rev-parse', 'HEAD');
    for (const name of ['--upload-pack=/tmp/evil', '../x', 'a..b', 'x.lock', 'tab\tname', 'new\nline']) {
      const { value, run: ran } = await runCommand(api, Commands.startBranch, { prefix: 'feature', name });
      assert.equal(value, undefined, name);
      assert.equal(ran.outcome, 'refused', `${JSON.stringify(name)}: ${JSON.stringify(ran)}`);
      assert.ok(ran.sentence && !ran.sentence.includes('\n'), `one sentence for ${JSON.stringify(name)}`);
    }
    await run('branch', 'feature/taken');
    const taken = await runCommand(api, Commands.startBranch, { prefix: 'feature', name: 'taken' });
    assert.deepEqual(taken.run, { command: Commands.startBranch, outcome: 'refused', sentence: 'A branch named feature/taken already exists (locally or on origin): choose another name.' });
    assert.equal(await run('rev-parse', '--abbrev-ref', 'HEAD'), 'develop');
    assert.equal(await run('rev-parse', 'HEAD'), head);
    assert.equal(await run('branch', '--list', 'feature/*'), '  feature/taken');
    await run('branch', '-D', 'feature/taken');
  });

  it('carries uncommitted and untracked changes to the new branch', async () => {
    writeFileSync(join(root, 'README.md'), '# Sandbox service\nmy unsaved work\n');
    writeFileSync(join(root, 'notes.txt'), 'untracked notes\n');
    assert.equal(await vscode.commands.executeCommand(Commands.startBranch, { prefix: 'fix', name: 'typo' }), 'fix/typo');
    assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /my unsaved work/);
    assert.equal(readFileSync(join(root, 'notes.txt'), 'utf8'), 'untracked notes\n');
    await run('switch', '--quiet', '--discard-changes', 'develop');
    await run('branch', '-D', 'fix/typo');
  });

  it('keeps conflicting changes when the user cancels, and keeps them in a stash when carrying conflicts', async () => {
    // origin/develop gets a README change that collides with the user's unsaved edit.
    const other = await mkdtemp(join(tmpdir(), 'envflow-other-'));
    await git(other, ['clone', '--quiet', '--branch', 'develop', join(root, '..', 'origin.git'), 'clone']);
    writeFileSync(join(other, 'clone', 'README.md'), '# Sandbox service\nchanged upstream\n');
    await git(join(other, 'clone'), ['commit', '--quiet', '-am', 'Upstream README']);
    await git(join(other, 'clone'), ['push', '--quiet', 'origin', 'develop']);
    await rm(other, { recursive: true, force: true });
    writeFileSync(join(root, 'README.md'), '# Sandbox service\nmy precious line\n');

    const cancelled = await vscode.commands.executeCommand(Commands.startBranch, { prefix: 'feature', name: 'cancelled', onConflictingChanges: 'cancel' });
    assert.equal(cancelled, undefined);
    assert.equal(await run('rev-parse', '--abbrev-ref', 'HEAD'), 'develop');
    assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /my precious line/);

    const carried = await vscode.commands.executeCommand(Commands.startBranch, { prefix: 'feature', name: 'carried', onConflictingChanges: 'stash' });
    assert.equal(carried, undefined, 'a conflicting carry reports an error');
    assert.equal(await run('rev-parse', '--abbrev-ref', 'HEAD'), 'feature/carried');
    assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /my precious line/, 'the line is in the tree (with conflict markers)');
    assert.match(await run('stash', 'list'), /envflow: carry to feature\/carried/, 'and kept in the stash');
    assert.match(await run('stash', 'show', '-p', 'stash@{0}'), /\+my precious line/);
    await run('reset', '--quiet', '--hard');
    await run('switch', '--quiet', 'develop');
    await run('branch', '-D', 'feature/carried');
    await run('reset', '--quiet', '--hard', 'origin/develop');
  });

  it('starts hotfix/<name> from origin/main', async () => {
    const main = await run('rev-parse', 'origin/main');
    assert.equal(await vscode.commands.executeCommand(Commands.startHotfix, { name: 'urgent' }), 'hotfix/urgent');
    assert.equal(await run('rev-parse', 'HEAD'), main);
    await run('switch', '--quiet', 'develop');
    await run('branch', '-D', 'hotfix/urgent');
  });
});
