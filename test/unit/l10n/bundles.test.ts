/**
 * Every sentence a user can read has an English and a Spanish text: the strings the
 * code passes to `l10n.t` (found the way `npm run l10n:export` finds them) against
 * l10n/bundle.l10n*.json, and package.json's `%key%` placeholders against
 * package.nls*.json. A key missing from either side, a key nothing uses, or a
 * translation whose `{0}` placeholders differ from the English fails here.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { localizedManifest, readJson, repositoryRoot } from '../../support/manifest';

type Messages = Record<string, string | { message: string }>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : extname(entry.name) === '.ts' ? [path] : [];
  });
}

/** Every `%key%` a string of package.json names. */
function manifestKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const key = /^%([\w.-]+)%$/.exec(value)?.[1];
    if (key !== undefined) {
      into.add(key);
    }
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((inner) => manifestKeys(inner, into));
  }
  return into;
}

const text = (message: Messages[string] | undefined): string | undefined =>
  typeof message === 'object' ? message.message : message;

const placeholders = (message: string): string =>
  [...message.matchAll(/\{\d+\}/g)]
    .map((m) => m[0])
    .sort()
    .join(' ');

interface Pair {
  readonly name: string;
  readonly used: ReadonlySet<string>;
  readonly english: Messages;
  readonly spanish: Messages;
}

describe('localization: English and Spanish bundles', () => {
  let pairs: Pair[];
  const missing: string[] = [];
  const unused: string[] = [];

  before(async () => {
    const code = await getL10nJson(
      sourceFiles(join(repositoryRoot, 'src')).map((file) => ({
        contents: readFileSync(file, 'utf8'),
        extension: extname(file),
      })),
    );
    pairs = [
      {
        name: 'l10n/bundle.l10n',
        used: new Set(Object.keys(code)),
        english: readJson('l10n/bundle.l10n.json') as Messages,
        spanish: readJson('l10n/bundle.l10n.es.json') as Messages,
      },
      {
        name: 'package.nls',
        used: manifestKeys(readJson('package.json')),
        english: readJson('package.nls.json') as Messages,
        spanish: readJson('package.nls.es.json') as Messages,
      },
    ];
  });

  after(() => {
    const strings = pairs.reduce((sum, pair) => sum + pair.used.size, 0);
    const spanish = pairs.reduce(
      (sum, pair) => sum + [...pair.used].filter((key) => text(pair.spanish[key])?.trim()).length,
      0,
    );
    console.log(
      `localization: ${strings} strings, ${spanish} in Spanish, ${missing.length} missing, ${unused.length} unused`,
    );
  });

  it('has every key the code and package.json use, in English and in Spanish', () => {
    for (const { name, used, english, spanish } of pairs) {
      for (const key of used) {
        if (text(english[key]) === undefined) {
          missing.push(`${name}.json: ${key}`);
        }
        if (!text(spanish[key])?.trim()) {
          missing.push(`${name}.es.json: ${key}`);
        }
      }
    }
    assert.deepEqual(missing, [], 'run `npm run l10n:export` and translate the new keys in the .es.json files');
  });

  it("gives every user-facing text of package.json's contributions a key (the product name aside)", () => {
    const raw: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') {
        const userFacing =
          /\.(title|name|description|markdownDescription|contents|patternErrorMessage|category)$|\.enumDescriptions\.\d+$/;
        if (userFacing.test(path) && !/^%[\w.-]+%$/.test(value) && value !== 'EnvFlow') {
          raw.push(`${path}: ${value}`);
        }
      } else if (value && typeof value === 'object') {
        Object.entries(value).forEach(([key, inner]) => walk(inner, `${path}.${key}`));
      }
    };
    walk((readJson('package.json') as { contributes: unknown }).contributes, 'contributes');
    missing.push(...raw);
    assert.deepEqual(raw, [], 'put the text in package.nls.json and package.nls.es.json, and "%key%" in package.json');
  });

  it('gives every walkthrough page a Spanish copy that Spanish VS Code opens', () => {
    const pages = (nlsFile: string): string[] =>
      (localizedManifest(nlsFile).contributes.walkthroughs as { steps: { media: { markdown: string } }[] }[]).flatMap(
        (walkthrough) => walkthrough.steps.map((step) => step.media.markdown),
      );
    const english = pages('package.nls.json');
    const absent = pages('package.nls.es.json').filter(
      (page, index) => page === english[index] || !existsSync(join(repositoryRoot, page)),
    );
    missing.push(...absent.map((page) => `walkthrough page: ${page}`));
    assert.deepEqual(absent, [], 'write the page as media/walkthrough/<step>.es.md and name it in package.nls.es.json');
  });

  it('has no key that nothing uses', () => {
    for (const { name, used, english, spanish } of pairs) {
      unused.push(
        ...Object.keys(english)
          .filter((key) => !used.has(key))
          .map((key) => `${name}.json: ${key}`),
        ...Object.keys(spanish)
          .filter((key) => !used.has(key))
          .map((key) => `${name}.es.json: ${key}`),
      );
    }
    assert.deepEqual(unused, []);
  });

  it('keeps the English placeholders in every Spanish text', () => {
    const differing: string[] = [];
    for (const { name, english, spanish } of pairs) {
      for (const [key, message] of Object.entries(english)) {
        const translated = text(spanish[key]);
        if (translated !== undefined && placeholders(text(message) ?? '') !== placeholders(translated)) {
          differing.push(`${name}: ${key} → ${translated}`);
        }
      }
    }
    assert.deepEqual(differing, []);
  });
});
