import * as assert from 'node:assert/strict';
import { forbiddenGitInvocations } from '../../support/gitSafety';

describe("the host suites' git safety check", () => {
  it('catches every way of forcing or rewriting', () => {
    const log = [
      '1 push --force origin main',
      '2 push --force-with-lease origin develop',
      '3 push origin +refs/heads/main:refs/heads/main',
      '4 push origin :refs/heads/develop',
      '5 push --delete origin feature/x',
      '6 reset --hard origin/main',
      '7 tag -f backup/production-1 abc',
      '8 branch -D develop',
      '9 update-ref refs/heads/main abc',
    ].join('\n');
    assert.equal(forbiddenGitInvocations(log).length, 9);
  });

  it("lets EnvFlow's own commands through", () => {
    const log = [
      '1 --no-optional-locks status --porcelain=v2 --branch -z',
      '2 push --set-upstream --end-of-options origin refs/heads/feature/a:refs/heads/feature/a',
      '3 push --end-of-options origin refs/tags/backup/production-1:refs/tags/backup/production-1',
      '4 tag --annotate --message=Backup --end-of-options backup/production-1 abc',
      '5 switch --no-track --create feature/a --end-of-options origin/develop',
    ].join('\n');
    assert.deepEqual(forbiddenGitInvocations(log), []);
  });
});
