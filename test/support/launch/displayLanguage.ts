/**
 * A display language for the test workbench without downloading a language pack.
 *
 * code-server's `--locale` changes VS Code's language only when `languagepacks.json` in
 * the user-data folder names a pack for it (VS Code writes that file when a language
 * pack extension is installed). An entry whose core translation file is empty is enough:
 * the workbench resolves the language, so `vscode.env.language` is that language and
 * every extension loads its own `package.nls.<language>.json` and
 * `l10n/bundle.l10n.<language>.json`, while VS Code's own text stays English.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function registerEmptyLanguagePack(userDataDir: string, language: string): Promise<void> {
  const translations = join(userDataDir, 'empty-language-pack', `${language}.i18n.json`);
  await mkdir(join(userDataDir, 'empty-language-pack'), { recursive: true });
  await writeFile(translations, JSON.stringify({ contents: {} }));
  await writeFile(
    join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [language]: {
        hash: `envflow-test-${language}`,
        label: language,
        extensions: [{ extensionIdentifier: { id: `envflow-test.language-pack-${language}` }, version: '0.0.0' }],
        translations: { vscode: translations },
      },
    }),
  );
}
