/**
 * Ref-name validation in TypeScript, so a hostile name (`--upload-pack=…`, `-x`, `a..b`)
 * is refused before any git process starts. The rules are git check-ref-format's,
 * plus "no leading '-'" because git would read such a name as an option.
 * https://git-scm.com/docs/git-check-ref-format
 */
import * as l10n from '@vscode/l10n';
import { GitError } from './errors';

// Control characters, DEL, space and the characters git reserves for revision syntax.
// eslint-disable-next-line no-control-regex
const forbiddenCharacter = /[\u0000-\u0020\u007f~^:?*[\\]/;
// Characters git accepts but that make a name look like another one: invisible (zero-width,
// soft hyphen, BOM), bidirectional overrides that reorder what is shown (Trojan Source), and
// space look-alikes. Letters of any script stay allowed.
const deceptiveCharacter =
  /[\u00a0\u00ad\u061c\u115f\u1160\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff]/;
// A loose ref is a file, and git also writes `<name>.lock` next to it: a component longer
// than this fails inside git with "File name too long", which reads like a lock problem.
const MAX_COMPONENT_BYTES = 250;

/** Returns undefined when `name` is a valid ref name, else one sentence saying why not. */
export function checkRefName(name: string): string | undefined {
  const shown = JSON.stringify(name);
  if (name.length === 0) {
    return l10n.t('A ref name cannot be empty.');
  }
  if (name.startsWith('-')) {
    return l10n.t("{0} starts with '-', which git would read as an option.", shown);
  }
  if (name === '@') {
    return l10n.t('"@" alone is not a valid ref name.');
  }
  const bad = forbiddenCharacter.exec(name);
  if (bad) {
    return l10n.t('{0} contains {1}, which is not allowed in a ref name.', shown, describeCharacter(bad[0]));
  }
  const deceptive = deceptiveCharacter.exec(name);
  if (deceptive) {
    return l10n.t(
      '{0} contains {1}, an invisible or space-like character that would make the name look like another one.',
      shown,
      describeCharacter(deceptive[0]),
    );
  }
  if (name.includes('..')) {
    return l10n.t("{0} contains '..', which is not allowed in a ref name.", shown);
  }
  if (name.includes('@{')) {
    return l10n.t("{0} contains '@{', which is not allowed in a ref name.", shown);
  }
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return l10n.t("{0} has an empty path component (a leading, trailing or doubled '/').", shown);
  }
  if (name.endsWith('.')) {
    return l10n.t("{0} ends with '.', which is not allowed in a ref name.", shown);
  }
  for (const component of name.split('/')) {
    if (component.startsWith('.')) {
      return l10n.t("{0} has a component starting with '.', which is not allowed in a ref name.", shown);
    }
    if (component.endsWith('.lock')) {
      return l10n.t("{0} has a component ending in '.lock', which is not allowed in a ref name.", shown);
    }
    if (Buffer.byteLength(component, 'utf8') > MAX_COMPONENT_BYTES) {
      return l10n.t(
        '{0} has a part longer than {1} bytes, more than a file name can hold.',
        shortened(shown),
        MAX_COMPONENT_BYTES,
      );
    }
  }
  return undefined;
}

/** Throws GitError `InvalidRef` with checkRefName's sentence when `name` is not a valid ref name. */
export function assertRefName(name: string): string {
  const reason = checkRefName(name);
  if (reason !== undefined) {
    throw new GitError('InvalidRef', reason);
  }
  return name;
}

function shortened(shown: string): string {
  return shown.length > 60 ? `${shown.slice(0, 40)}…${shown.slice(-10)}` : shown;
}

function describeCharacter(character: string): string {
  if (character === ' ') {
    return l10n.t('a space');
  }
  const code = character.charCodeAt(0);
  if (code >= 0x80) {
    return l10n.t('the character U+{0}', code.toString(16).toUpperCase().padStart(4, '0'));
  }
  if (code < 0x20 || code === 0x7f) {
    return l10n.t('a control character (U+{0})', code.toString(16).toUpperCase().padStart(4, '0'));
  }
  return `'${character}'`;
}
