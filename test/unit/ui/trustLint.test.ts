import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = resolve(__dirname, '..', '..', '..', '..');
const gate = resolve(root, 'src', 'ui', 'trust', 'trustGate.ts');

/** Every way to read the trust state without the gate, which would let a path decide for itself. */
const readsOfTrust = [
  "import * as vscode from 'vscode';\nexport const trusted = vscode.workspace.isTrusted;",
  "import { workspace } from 'vscode';\nexport const trusted = workspace.isTrusted;",
  "import * as vscode from 'vscode';\nexport const later = vscode.workspace.onDidGrantWorkspaceTrust(() => undefined);",
];

describe('lint: only the trust gate reads the trust state', function () {
  this.timeout(60_000);
  // The probes are files the type-checker has never seen, and the rules under test read syntax only.
  const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
  const errors = async (code: string, file: string): Promise<string[]> =>
    (await eslint.lintText(code, { filePath: file }))[0].messages.map((m) => m.message);

  for (const code of readsOfTrust) {
    it(`rejects ${code.split('\n')[1]} outside the gate`, async () => {
      for (const file of [resolve(root, 'src', 'container.ts'), resolve(root, 'src', 'ui', 'monitor.ts')]) {
        assert.ok((await errors(code, file)).some((m) => m.includes('trust gate')), `no lint error in ${file} for:\n${code}`);
      }
    });

    it(`accepts ${code.split('\n')[1]} in the gate`, async () => {
      assert.deepEqual(await errors(code, gate), []);
    });
  }

  // Linted as an existing file: type-aware linting only parses files of the project.
  it("accepts a MarkdownString's own isTrusted", async () => {
    const code = "import * as vscode from 'vscode';\nconst tooltip = new vscode.MarkdownString('x');\ntooltip.isTrusted = false;\nexport { tooltip };";
    assert.deepEqual(await errors(code, resolve(root, 'src', 'ui', 'statusbar', 'statusBar.ts')), []);
  });

  it('still forbids blocking calls in the gate', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const text = readFileSync('x');";
    assert.ok((await errors(code, gate)).length > 0);
  });
});
