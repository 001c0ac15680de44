// Bundles the extension into two CommonJS files (`vscode` external):
//   dist/extension.js  what activation loads
//   dist/github.js     Octokit and its plugins (src/core/github/octokit.ts), which the
//                      main bundle requires on the first GitHub request, so activation never parses it
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, with dist/meta.json and dist/meta-github.json for size analysis,
//                                  and dist/THIRD-PARTY-NOTICES.txt (scripts/notices.mjs) for the vsix
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { thirdPartyNotices } from './scripts/notices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The client's `import('./octokit.js')` becomes a lazy `require('./github.js')` of the
 * sibling bundle (a CommonJS require, like the rest of the extension host's loading).
 */
const octokitOutside = {
  name: 'octokit-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/octokit(\.js)?$/ }, (args) =>
      args.importer.endsWith('client.ts') ? { path: 'octokit', namespace: 'github-bundle' } : undefined,
    );
    build.onResolve({ filter: /^\.\/github\.js$/, namespace: 'github-bundle' }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'github-bundle' }, () => ({
      contents: "module.exports = require('./github.js');",
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
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

/** Each bundle and where its production build writes its metafile. */
const bundles = [
  {
    meta: 'dist/meta.json',
    options: { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [octokitOutside] },
  },
  {
    meta: 'dist/meta-github.json',
    options: { ...common, entryPoints: ['src/core/github/octokit.ts'], outfile: 'dist/github.js' },
  },
];

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
  const api = await readFile('src/envflow.d.ts', 'utf8');
  const apiWithoutLocalImports = api.replace(/^(import|export) type .* from '\.\/core\/model\/snapshot';\n/gm, '');
  return `${apiWithoutLocalImports}${await modelTypes('snapshot', new Set())}`;
}

/** A model file's declarations, with the model files it imports types from inlined before it (once each). */
async function modelTypes(name, seen) {
  if (seen.has(name)) {
    return '';
  }
  seen.add(name);
  const text = await readFile(`src/core/model/${name}.ts`, 'utf8');
  const imported = [];
  const body = text.replace(/^import type \{[^}]*\} from '\.\/([\w.-]+)';\n/gm, (_, file) => {
    imported.push(file);
    return '';
  });
  if (/^import /m.test(body)) {
    throw new Error(`src/core/model/${name}.ts imports more than model types, so dist/envflow.d.ts cannot inline it`);
  }
  let inlined = '';
  for (const file of imported) {
    inlined += await modelTypes(file, seen);
  }
  return `${inlined}\n// ---- ${name} types (src/core/model/${name}.ts) ----\n${body}`;
}

if (watch) {
  for (const { options } of bundles) {
    await (await esbuild.context(options)).watch();
  }
  console.log('[esbuild] watching src/ …');
} else {
  const metafiles = [];
  for (const { meta, options } of bundles) {
    const result = await esbuild.build(options);
    if (result.metafile) {
      metafiles.push(result.metafile);
      await writeFile(meta, JSON.stringify(result.metafile));
      const bytes = result.metafile.outputs[options.outfile].bytes;
      console.log(`[esbuild] ${options.outfile} ${(bytes / 1024).toFixed(1)} KB`);
    }
  }
  if (production) {
    await writeFile('dist/THIRD-PARTY-NOTICES.txt', await thirdPartyNotices(metafiles));
  }
}
