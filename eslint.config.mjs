// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier/flat';

// Only the trust gate reads the trust state, so no path can decide for itself that git may run.
const trustStateReads = ['isTrusted', 'onDidGrantWorkspaceTrust'].flatMap((property) => [
  {
    selector: `MemberExpression[object.name='workspace'][property.name='${property}']`,
    message: 'Ask the trust gate (src/ui/trust/trustGate.ts), naming the entry point.',
  },
  {
    selector: `MemberExpression[object.property.name='workspace'][property.name='${property}']`,
    message: 'Ask the trust gate (src/ui/trust/trustGate.ts), naming the entry point.',
  },
]);

const srcRestrictedSyntax = [
  { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
  {
    selector: 'ImportExpression[source.value=/^(node:)?(fs|child_process)$/]',
    message: "Import 'node:fs/promises' or the asynchronous child_process API statically in src/.",
  },
  {
    selector: 'MemberExpression[property.name=/Sync$/]',
    message: 'No synchronous fs or child_process call in src/: it blocks the extension host.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      '.vscode-test/**',
      '.sandbox/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Type-aware, for the two rules below only: the full type-checked preset costs
    // minutes on a small machine, and these two catch what types alone let through.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its error and its ordering; `void` says it is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected: its rejection goes nowhere.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  {
    // The core is plain Node (unit tests and the bench run it without VS Code): it never imports VS Code.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core is VS Code free; put VS Code code in src/ui.' }] },
      ],
    },
  },
  {
    // The extension never blocks the extension host's event loop.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['execSync', 'execFileSync', 'spawnSync'].map((property) => ({
          object: 'child_process',
          property,
          message: 'Use the asynchronous child_process API in src/.',
        })),
      ],
      // Imports alone leave two holes: `await import('node:fs')` and a `*Sync` method
      // reached through any other object. This rule's options replace the ones above.
      'no-restricted-syntax': ['error', ...srcRestrictedSyntax, ...trustStateReads],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'node:child_process',
              importNames: ['execSync', 'execFileSync', 'spawnSync'],
              message: 'Use the asynchronous child_process API in src/.',
            },
            {
              name: 'child_process',
              importNames: ['execSync', 'execFileSync', 'spawnSync'],
              message: 'Use the asynchronous child_process API in src/.',
            },
            { name: 'fs', message: "Use 'node:fs/promises' in src/." },
            { name: 'node:fs', message: "Use 'node:fs/promises' in src/." },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/trust/trustGate.ts'],
    rules: { 'no-restricted-syntax': ['error', ...srcRestrictedSyntax] },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Last: turns off every rule about layout, which prettier owns.
  prettier,
);
