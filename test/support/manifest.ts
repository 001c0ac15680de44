/**
 * package.json as English-speaking VS Code shows it: every `%key%` replaced by its
 * package.nls.json text, so tests read titles and descriptions, not keys.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..', '..');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(repositoryRoot, file), 'utf8'));
}

export function resolvePlaceholders(value: unknown, messages: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    const key = /^%([\w.-]+)%$/.exec(value)?.[1];
    return key !== undefined && key in messages ? messages[key] : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => resolvePlaceholders(item, messages));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, messages)]));
  }
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function localizedManifest(nlsFile = 'package.nls.json'): any {
  return resolvePlaceholders(readJson('package.json'), readJson(nlsFile) as Record<string, string>);
}
