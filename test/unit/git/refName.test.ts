import * as assert from 'node:assert/strict';
import { GitError } from '../../../src/core/git/errors';
import { assertRefName, checkRefName } from '../../../src/core/git/refName';

describe('checkRefName', () => {
  const valid = [
    'main',
    'develop',
    'feature/login',
    'hotfix/1.2.3',
    'refs/heads/develop',
    'origin/develop',
    'backup/production-20261128T100000Z',
    'HEAD',
    'a',
    '+plus',
    'weird#name',
    'v1.0',
    'a@b',
    '0123456789abcdef0123456789abcdef01234567',
    'feature/логин',
    'fix/café',
    `feature/${'a'.repeat(250)}`,
  ];
  for (const name of valid) {
    it(`accepts ${JSON.stringify(name)}`, () => {
      assert.equal(checkRefName(name), undefined);
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /empty/],
    ['-x', /starts with '-'/],
    ['--upload-pack=/tmp/evil', /starts with '-'/],
    ['a..b', /'\.\.'/],
    ['foo.lock', /'\.lock'/],
    ['refs/heads/x.lock/y', /'\.lock'/],
    ['a\u0001b', /control character \(U\+0001\)/],
    ['a\nb', /control character \(U\+000A\)/],
    ['a\tb', /control character \(U\+0009\)/],
    ['a\u007fb', /control character \(U\+007F\)/],
    ['@{u}', /'@\{'/],
    ['x@{1}', /'@\{'/],
    ['x y', /a space/],
    ['@', /"@" alone/],
    ['a~1', /'~'/],
    ['a^', /'\^'/],
    ['a:b', /':'/],
    ['a?', /'\?'/],
    ['a*', /'\*'/],
    ['a[b', /'\['/],
    ['a\\b', /'\\'/],
    ['.hidden', /starting with '\.'/],
    ['feature/.x', /starting with '\.'/],
    ['feature/', /empty path component/],
    ['/feature', /empty path component/],
    ['a//b', /empty path component/],
    ['ends.', /ends with '\.'/],
    [`feature/${'a'.repeat(251)}`, /part longer than 250 bytes/],
    [`feature/${'é'.repeat(126)}`, /part longer than 250 bytes/],
    ['feature/log\u200bin', /invisible or space-like character/],
    ['feature/\u202egnp.exe', /U\+202E/],
    ['feature/a\u00a0b', /U\+00A0/],
    ['\ufefffeature/x', /U\+FEFF/],
    ['feature/x\u2028y', /U\+2028/],
  ];
  for (const [name, reason] of invalid) {
    it(`refuses ${JSON.stringify(name)} with one sentence`, () => {
      const message = checkRefName(name);
      assert.ok(message, 'expected a reason');
      assert.match(message, reason);
      assert.match(message, /^[^\n]*\.$/, 'one sentence ending with a full stop, no newline');
    });
  }

  it('assertRefName throws GitError InvalidRef with the same sentence, and returns a valid name', () => {
    assert.equal(assertRefName('develop'), 'develop');
    assert.throws(
      () => assertRefName('-x'),
      (error: unknown) =>
        error instanceof GitError && error.code === 'InvalidRef' && error.message === checkRefName('-x'),
    );
  });
});
