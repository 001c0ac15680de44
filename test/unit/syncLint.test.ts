import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = resolve(__dirname, '..', '..', '..');

/** Every way into a synchronous fs or child_process call that src/ must not take: each would stall the extension host's event loop. */
const blocking = [
  "import { execSync } from 'node:child_process';\nexecSync('git status');",
  "import { spawnSync as run } from 'child_process';\nrun('git');",
  "import * as cp from 'node:child_process';\ncp.execFileSync('git');",
  "import { readFileSync } from 'node:fs';\nreadFileSync('x');",
  "import fs from 'fs';\nfs.existsSync('x');",
  "export async function f() {\n  const fs = await import('node:fs');\n  return fs.statSync('x');\n}",
  "export async function f() {\n  const cp = await import('child_process');\n  return cp.spawnSync('git');\n}",
  "const fs = require('fs');\nfs.readFileSync('x');",
];

describe('lint: no synchronous fs or child_process in src/', function () {
  this.timeout(60_000);
  // The probes are files the type-checker has never seen, and the rules under test read syntax only.
  const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

  for (const code of blocking) {
    it(`rejects ${code.split('\n').find((line) => /Sync|require|import\(/.test(line))?.trim()}`, async () => {
      const [result] = await eslint.lintText(code, { filePath: resolve(root, 'src', 'core', 'probe.ts') });
      assert.ok(result.errorCount > 0, `no lint error for:\n${code}`);
    });
  }

  it('accepts the asynchronous APIs', async () => {
    const code = "import { execFile } from 'node:child_process';\nimport { readFile } from 'node:fs/promises';\nexport const both = [execFile, readFile];\n";
    const [result] = await eslint.lintText(code, { filePath: resolve(root, 'src', 'core', 'probe.ts') });
    assert.deepEqual(result.messages.map((m) => m.message), []);
  });
});
