// Bundles the extension into dist/extension.js (CommonJS, `vscode` external).
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, with dist/meta.json for size analysis
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: production,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  // @octokit packages are ESM with `exports`; prefer their node/ESM entry.
  mainFields: ['module', 'main'],
  conditions: ['node', 'import', 'default'],
};

// Start clean so a production build never ships a stale development source map.
if (!watch) {
  await rm('dist', { recursive: true, force: true });
}
await mkdir('dist', { recursive: true });
await writeFile('dist/envflow.d.ts', await publicTypes());

/**
 * The public API's types ship beside the bundle (package.json "types") as one
 * self-contained file: the snapshot types (declarations only) inlined into the API.
 */
async function publicTypes() {
  const snapshot = await readFile('src/core/flow/snapshot.ts', 'utf8');
  const api = await readFile('src/envflow.d.ts', 'utf8');
  const apiWithoutLocalImports = api.replace(/^(import|export) type .* from '\.\/core\/flow\/snapshot';\n/gm, '');
  return `${apiWithoutLocalImports}\n// ---- snapshot types (src/core/flow/snapshot.ts) ----\n${snapshot}`;
}

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('[esbuild] watching src/ …');
} else {
  const result = await esbuild.build(options);
  if (result.metafile) {
    await writeFile('dist/meta.json', JSON.stringify(result.metafile));
    const bytes = result.metafile.outputs['dist/extension.js'].bytes;
    console.log(`[esbuild] dist/extension.js ${(bytes / 1024).toFixed(1)} KB`);
  }
}
