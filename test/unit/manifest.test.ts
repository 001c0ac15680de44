import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, ContextKeys, Settings, Views } from '../../src/constants';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

  it('contributes exactly the commands the code defines', () => {
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
  });

  it('gives every command the EnvFlow category and a codicon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'EnvFlow', command.command);
      assert.match(command.icon, /^\$\([a-z-]+\)$/, command.command);
      assert.equal(command.when, undefined, `${command.command}: put "when" in menus, not on the command`);
    }
  });

  it('declares every setting the code reads, each with a markdown description', () => {
    const properties = manifest.contributes.configuration.properties;
    const { section, ...keys } = Settings;
    const declared = Object.keys(properties).sort();
    assert.deepEqual(
      declared,
      Object.values(keys)
        .map((k) => `${section}.${k}`)
        .sort(),
    );
    for (const [key, schema] of Object.entries<{ markdownDescription?: string }>(properties)) {
      assert.ok(schema.markdownDescription, `${key} has a markdownDescription`);
    }
  });

  it('restricts the settings that could run a command or redirect the token', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual([...trust.restrictedConfigurations].sort(), ['envflow.github.apiUrl', 'envflow.testCommand']);
  });

  it('contributes the envflow container, the environments view and its welcome views', () => {
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, Views.container);
    assert.equal(manifest.contributes.views[Views.container][0].id, Views.environments);
    assert.ok(manifest.contributes.viewsWelcome.length >= 3);
  });

  it('activates after startup, never with "*" or while the window is still starting', () => {
    // Views and commands activate EnvFlow on their own (VS Code derives those events).
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
  });

  it('has background fetching the user can turn off, following git.autofetch by default', () => {
    const autoFetch = manifest.contributes.configuration.properties['envflow.autoFetch'];
    assert.deepEqual(autoFetch.enum, ['followGit', 'on', 'off']);
    assert.equal(autoFetch.default, 'followGit');
  });

  it('hides item-only commands from the palette', () => {
    const hidden = manifest.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false');
    assert.ok(hidden.some((m: { command: string }) => m.command === Commands.openOnGitHub));
  });

  it('pins @types/vscode to the oldest supported engine', () => {
    const engine = manifest.engines.vscode.replace(/^\^/, '');
    assert.ok(
      manifest.devDependencies['@types/vscode']
        .replace(/^[~^]/, '')
        .startsWith(engine.split('.').slice(0, 2).join('.')),
    );
  });

  it('has a walkthrough whose steps complete on context keys EnvFlow sets, with their markdown shipped', () => {
    const [walkthrough] = manifest.contributes.walkthroughs as {
      steps: { id: string; media: { markdown: string }; completionEvents: string[]; description: string }[];
    }[];
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['signIn', 'setUp', 'startBranch', 'runTests', 'openPullRequest', 'promote', 'readFailedLog', 'whereIsCommit'],
    );
    const keys: string[] = Object.values(ContextKeys);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(root, step.media.markdown)), `${step.media.markdown} exists`);
      assert.equal(step.completionEvents.length, 1);
      const [kind, key] = step.completionEvents[0].split(':');
      assert.equal(kind, 'onContext', `${step.id} completes on a real state, not on running a command`);
      assert.ok(keys.includes(key), `${key} is a context key EnvFlow sets`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(contributed.includes(command), `${command} is contributed`);
      }
    }
  });
});
