import * as assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import { comparablePath, isInside, relativeInside, samePath } from '../../../src/core/util/paths';

/** Each case runs with paths built by both platforms' path modules, so Windows is covered on Linux. */
const flavours = [
  { name: 'posix', path: posix, root: '/work' },
  { name: 'win32', path: win32, root: 'C:\\work' },
] as const;

for (const { name, path, root } of flavours) {
  describe(`paths (${name} separators)`, () => {
    const repo = path.join(root, 'repo');

    it('finds a file inside the repository and the repository inside itself', () => {
      assert.ok(isInside(repo, path.join(repo, 'src', 'a.ts')));
      assert.ok(isInside(repo, repo));
      assert.ok(isInside(repo, `${repo}${path.sep}`));
    });

    it('does not take a sibling sharing a prefix for a child', () => {
      assert.ok(!isInside(repo, path.join(root, 'repo-other', 'a.ts')));
      assert.ok(!isInside(repo, root));
    });

    it('gives the relative path with forward slashes', () => {
      assert.equal(relativeInside(repo, path.join(repo, '.git', 'refs', 'heads', 'main')), '.git/refs/heads/main');
      assert.equal(relativeInside(repo, repo), '');
      assert.equal(relativeInside(repo, path.join(root, 'elsewhere')), undefined);
    });

    it('matches a root spelled with a trailing separator', () => {
      assert.ok(isInside(`${repo}${path.sep}`, path.join(repo, 'a.ts')));
      assert.ok(isInside(path.parse(repo).root, repo));
    });
  });
}

describe('paths across sources on Windows', () => {
  it("matches VS Code's fsPath against git's --show-toplevel spelling", () => {
    assert.ok(isInside('C:/work/repo', 'c:\\work\\repo\\src\\a.ts'));
    assert.equal(relativeInside('C:/work/repo', 'c:\\work\\repo\\.git\\HEAD'), '.git/HEAD');
    assert.ok(samePath('c:\\work\\repo\\', 'C:/work/repo'));
  });

  it('compares only the drive letter case-insensitively', () => {
    assert.ok(!samePath('C:/Work/repo', 'C:/work/repo'));
    assert.equal(comparablePath('D:\\'), 'd:/');
  });
});
