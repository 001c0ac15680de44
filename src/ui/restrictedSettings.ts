/**
 * The settings a repository's own `.vscode/settings.json` may not apply while the
 * folder is untrusted (package.json `restrictedConfigurations`), and what EnvFlow
 * says when a folder tries. Pure (no vscode import) so unit tests cover it.
 */
import * as l10n from '@vscode/l10n';
import { createScanner, SyntaxKind } from 'jsonc-parser';

/** Full keys, as written in a settings file. */
export const RESTRICTED_SETTINGS = ['envflow.testCommand', 'envflow.github.apiUrl'] as const;

/**
 * Which restricted EnvFlow settings a settings file (JSON with comments) sets: a
 * `.vscode/settings.json`, or a `.code-workspace` file's `settings`, dotted
 * (`"envflow.testCommand"`) or nested (`"envflow": { "testCommand": … }`). VS Code drops
 * these values in an untrusted workspace before EnvFlow can see them, so the file's text
 * is the only place to learn that a folder tried. Read with jsonc-parser's scanner (VS
 * Code's own JSONC tokenizer) in one pass with an explicit stack: linear on any input,
 * an unclosed comment or a million nested brackets included (its recursive `parse`
 * overflows the stack on the latter).
 */
export function restrictedSettingsIn(settingsText: string): string[] {
  const found = new Set<string>();
  forEachKeyPath(settingsText, (path) => {
    // A workspace file holds the settings under "settings".
    const key = path.startsWith('settings.') ? path.slice('settings.'.length) : path;
    if (RESTRICTED.has(key)) {
      found.add(key);
    }
  });
  return RESTRICTED_SETTINGS.filter((key) => found.has(key));
}

const RESTRICTED: ReadonlySet<string> = new Set(RESTRICTED_SETTINGS);

/** A container on the scanner's stack: the dotted path of keys that leads to it (undefined inside an array). */
interface Container {
  readonly kind: 'object' | 'array';
  readonly path: string | undefined;
  expectKey: boolean;
  key?: string;
}

/** Calls `onKey` with the dotted path of every `"key":` in objects reached through keys only (none inside arrays). */
function forEachKeyPath(text: string, onKey: (path: string) => void): void {
  const scanner = createScanner(text, true);
  const stack: Container[] = [];
  let nextPath: string | undefined = '';
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const top = stack[stack.length - 1];
    switch (token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        stack.push({
          kind: token === SyntaxKind.OpenBraceToken ? 'object' : 'array',
          path: top?.kind === 'array' ? undefined : nextPath,
          expectKey: true,
        });
        nextPath = undefined;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        break;
      case SyntaxKind.CommaToken:
        if (top) {
          top.expectKey = true;
          top.key = undefined;
        }
        break;
      case SyntaxKind.StringLiteral:
        if (top?.kind === 'object' && top.expectKey) {
          top.key = scanner.getTokenValue();
          top.expectKey = false;
        }
        break;
      case SyntaxKind.ColonToken:
        if (top?.kind === 'object' && top.key !== undefined && top.path !== undefined) {
          const path = top.path ? `${top.path}.${top.key}` : top.key;
          nextPath = path;
          onKey(path);
        }
        break;
    }
  }
}

/** The one sentence shown when an untrusted folder sets restricted settings. */
export function ignoredSettingsMessage(keys: readonly string[]): string {
  const named = keys.join(l10n.t(' and '));
  return keys.length === 1
    ? l10n.t("This folder's own settings set {0}; EnvFlow ignores it until you trust the folder.", named)
    : l10n.t("This folder's own settings set {0}; EnvFlow ignores them until you trust the folder.", named);
}
