// THIRD-PARTY-NOTICES.txt for the vsix: the licence of every npm package bundled into
// dist/. Minifying strips the licence comments, and esbuild's `legalComments: 'external'`
// would only keep those that packages put in their code (most MIT packages put theirs in
// a LICENSE file instead), so the notices come from each package's own licence file,
// found through the production build's metafiles.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The package folders (e.g. `node_modules/@octokit/rest/`) that a metafile's inputs came from. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      // The last node_modules segment names the package a nested dependency belongs to.
      const matches = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
      const last = matches.at(-1);
      if (last) {
        dirs.add(input.slice(0, last.index + last[0].length));
      }
    }
  }
  return [...dirs];
}

async function licenceText(dir) {
  const file = (await readdir(dir))
    .filter((name) => /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i.test(name))
    .sort()[0];
  return file ? (await readFile(join(dir, file), 'utf8')).trim() : undefined;
}

/** The notices text: one section per bundled package, sorted by name. */
export async function thirdPartyNotices(metafiles) {
  const sections = new Map();
  for (const dir of bundledPackageDirs(metafiles)) {
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) {
      continue;
    }
    const { name, version, license, author } = JSON.parse(await readFile(manifestPath, 'utf8'));
    const text =
      (await licenceText(dir)) ??
      `Licensed under ${license ?? 'an unstated licence'}${author ? ` by ${typeof author === 'string' ? author : author.name}` : ''}; the package ships no licence file.`;
    sections.set(`${name}@${version}`, `${name} ${version} (${license ?? 'unknown licence'})\n\n${text}`);
  }
  const body = [...sections.keys()].sort().map((key) => sections.get(key));
  return [
    'THIRD-PARTY SOFTWARE NOTICES',
    '',
    'EnvFlow bundles the following npm packages into dist/extension.js and dist/github.js.',
    'Each is listed with its version, licence and licence text.',
    '',
    ...body.flatMap((section) => ['='.repeat(78), section, '']),
  ].join('\n');
}
