/**
 * The README's command and settings tables against package.json's contributes: a
 * command added, renamed or retitled, or a setting added or given a new default, fails
 * here until the README says so too.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localizedManifest } from '../support/manifest';

const root = join(__dirname, '..', '..', '..');
const manifest = localizedManifest();
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface ContributedCommand {
  readonly command: string;
  readonly title: string;
}

/** The rows of the markdown table whose header row starts with `header`, as cells. */
function tableRows(header: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  assert.ok(start >= 0, `README.md has a table headed "${header}"`);
  const rows: string[][] = [];
  // Past the header and the |---| line, up to the first line that is not a row.
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) {
      break;
    }
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

describe('README tables match package.json', () => {
  const commands: ContributedCommand[] = manifest.contributes.commands;
  const hiddenFromPalette = new Set<string>(
    (manifest.contributes.menus.commandPalette as { command: string; when?: string }[])
      .filter((entry) => entry.when === 'false')
      .map((entry) => entry.command),
  );

  it('lists every command of the Command Palette with its title, and no other', () => {
    const listed = new Map<string, string>();
    for (const [titles = '', ids = ''] of tableRows('Command')) {
      // One row may pair commands: "Sign in to GitHub / Sign out of GitHub".
      const rowTitles = titles.split(' / ');
      const rowIds = codeSpans(ids);
      assert.equal(rowTitles.length, rowIds.length, `README row "${titles}" names as many titles as ids`);
      rowIds.forEach((id, i) => listed.set(id, rowTitles[i] ?? ''));
    }
    for (const { command, title } of commands) {
      if (!hiddenFromPalette.has(command)) {
        assert.equal(listed.get(command), title, `README lists ${command} as "${title}"`);
      }
    }
    const contributed = new Map(commands.map((c) => [c.command, c.title]));
    for (const [id, title] of listed) {
      assert.equal(contributed.get(id), title, `README's ${id} ("${title}") is a contributed command with that title`);
    }
  });

  it('lists every setting with its default, and no other', () => {
    const properties: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;
    const rows = tableRows('Setting');
    const listed = rows.map(([key = '']) => codeSpans(key)[0] ?? key);
    assert.deepEqual([...listed].sort(), Object.keys(properties).sort());
    for (const [key = '', shownDefault = ''] of rows) {
      const [value] = codeSpans(shownDefault);
      const declared = properties[codeSpans(key)[0] ?? '']?.default;
      // A default shown as code is the value itself; prose ("all on") describes an object.
      if (value !== undefined) {
        assert.deepEqual(
          typeof declared === 'string' ? value : JSON.parse(value),
          declared,
          `README's default of ${key}`,
        );
      }
    }
  });
});
