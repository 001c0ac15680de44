import * as assert from 'node:assert/strict';
import { localTestStatusDescription, pullRequestBody, pullRequestTitle } from '../../../src/core/flow/pullRequestText';

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
    const body = pullRequestBody({
      branch: 'feature/login',
      base: 'develop',
      commits: [{ sha: 'abcdef0123456789', subject: 'Add login' }],
      testRecord: record,
      headSha: record.commit,
    });
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
      overridden: [
        {
          code: 'testsStale',
          reason: 'The local tests ran on abcdef0, not on HEAD.',
          fix: { label: 'Run Tests', action: 'runTests' },
        },
      ],
    });
    assert.match(body, /Not run for this commit\./);
    assert.match(body, /### ⚠️ Gate overridden/);
    assert.match(body, /- The local tests ran on abcdef0, not on HEAD\./);
  });

  it('keeps commit subjects from injecting HTML or mentions', () => {
    const body = pullRequestBody({
      branch: 'b',
      base: 'develop',
      commits: [{ sha: '1234567890', subject: '<script>x</script> @team' }],
      headSha: '1',
    });
    assert.match(body, /&lt;script&gt;x&lt;\/script&gt; @\u200bteam/);
  });

  describe('published test command', () => {
    const secretCommand = `API_KEY=sk-live-123 DB_URL=postgres://u:hunter2@db/x npm test -- --token ${'ghp_' + 'c'.repeat(36)}`;
    const secrets = ['sk-live-123', 'hunter2', 'ghp_'];
    const withSecrets = { ...record, command: secretCommand };
    const body = (publishTestCommand?: boolean) =>
      pullRequestBody({
        branch: 'feature/login',
        base: 'develop',
        commits: [],
        testRecord: withSecrets,
        headSha: record.commit,
        publishTestCommand,
      });

    it('hides env assignments, URL credentials and token shapes in the PR body and the commit status', () => {
      const published = [body(), localTestStatusDescription(withSecrets, true)];
      for (const text of published) {
        for (const secret of secrets) {
          assert.ok(!text.includes(secret), `${JSON.stringify(secret)} published in ${text}`);
        }
      }
      assert.match(published[0]!, /\| Command \| `API_KEY=\*\*\* DB_URL=\*\*\* npm test -- --token \*\*\*` \|/);
      assert.equal(published[1], '42 passed in 5.3 s: API_KEY=*** DB_URL=*** npm test -- --token ***');
    });

    it('leaves the command out entirely when envflow.publishTestCommand is off', () => {
      assert.doesNotMatch(body(false), /Command|npm test/);
      assert.match(body(false), /\| Result \| ✅ passed \|/);
      assert.equal(localTestStatusDescription(withSecrets, false), '42 passed in 5.3 s');
    });
  });
});
