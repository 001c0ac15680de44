import * as assert from 'node:assert/strict';
import { pullRequestBody, pullRequestTitle } from '../../../src/core/flow/pullRequestText';

describe('pull request text', () => {
  const record = {
    outcome: 'passed' as const,
    commit: 'abcdef0123456789',
    treeFingerprint: 'clean:abcdef0123456789',
    command: 'npm test',
    passed: 42,
    failed: 0,
    durationMs: 5300,
    finishedAt: '2026-11-28T10:00:00.000Z',
  };

  it('titles a one-commit PR by its subject, else by the branch', () => {
    assert.equal(pullRequestTitle('feature/login', [{ subject: 'Add login form' }]), 'Add login form');
    assert.equal(pullRequestTitle('feature/user-login_page', [{ subject: 'a' }, { subject: 'b' }]), 'User login page');
  });

  it('writes the local test receipt for the exact commit', () => {
    const body = pullRequestBody({ branch: 'feature/login', base: 'develop', commits: [{ sha: 'abcdef0123456789', subject: 'Add login' }], testRecord: record, headSha: record.commit });
    assert.match(body, /- abcdef0 Add login/);
    assert.match(body, /\| Result \| ✅ passed \|/);
    assert.match(body, /\| Command \| `npm test` \|/);
    assert.match(body, /\| Counts \| 42 passed, 0 failed \|/);
    assert.match(body, /\| Duration \| 5\.3 s \|/);
    assert.doesNotMatch(body, /Gate overridden/);
  });

  it('says when tests were not run for this commit, and records an override', () => {
    const body = pullRequestBody({
      branch: 'fix/x',
      base: 'develop',
      commits: [],
      testRecord: record,
      headSha: 'ffff',
      overridden: [{ code: 'testsStale', reason: 'The local tests ran on abcdef0, not on HEAD.', fix: { label: 'Run Tests', action: 'runTests' } }],
    });
    assert.match(body, /Not run for this commit\./);
    assert.match(body, /### ⚠️ Gate overridden/);
    assert.match(body, /- The local tests ran on abcdef0, not on HEAD\./);
  });

  it('keeps commit subjects from injecting HTML or mentions', () => {
    const body = pullRequestBody({ branch: 'b', base: 'develop', commits: [{ sha: '1234567890', subject: '<script>x</script> @team' }], headSha: '1' });
    assert.match(body, /&lt;script&gt;x&lt;\/script&gt; @\u200bteam/);
  });
});
