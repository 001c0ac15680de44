/**
 * The settings a repository's own `.vscode/settings.json` may not apply while the
 * folder is untrusted (package.json `restrictedConfigurations`), and what EnvFlow
 * says when a folder tries. Pure (no vscode import) so unit tests cover it.
 */

/** Full keys, as written in a settings file. */
export const RESTRICTED_SETTINGS = ['envflow.testCommand', 'envflow.github.apiUrl'] as const;

/**
 * Which restricted EnvFlow settings a settings file (JSON with comments) sets.
 * VS Code drops these values in an untrusted workspace before EnvFlow can see them,
 * so the file's text is the only place to learn that a folder tried.
 */
export function restrictedSettingsIn(settingsText: string): string[] {
  const code = withoutComments(settingsText);
  return RESTRICTED_SETTINGS.filter((key) => new RegExp(`"${key.replace(/\./g, '\\.')}"\\s*:`).test(code));
}

/** The one sentence shown when an untrusted folder sets restricted settings. */
export function ignoredSettingsMessage(keys: readonly string[]): string {
  const named = keys.join(' and ');
  return `This folder's own settings set ${named}; EnvFlow ignores ${keys.length === 1 ? 'it' : 'them'} until you trust the folder.`;
}

// Strings are kept whole so a "//" inside a URL is not taken for a comment.
function withoutComments(text: string): string {
  return text.replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_match, quoted: string | undefined) => quoted ?? ' ');
}
