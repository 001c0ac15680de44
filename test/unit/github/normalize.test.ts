import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/core/github/errors';
import * as normalize from '../../../src/core/github/normalize';

const SHA = 'a'.repeat(40);

function rawPull(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: 7,
    title: 'Add login',
    html_url: 'https://github.com/o/r/pull/7',
    draft: false,
    user: { login: 'ada' },
    head: { ref: 'feature/login', sha: SHA, label: 'o:feature/login' },
    base: { ref: 'develop', sha: 'b'.repeat(40) },
    ...overrides,
  };
}

function assertMalformed(fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => error instanceof GitHubError && error.kind === 'malformed');
}

describe('normalising GitHub JSON', () => {
  it('reads a pull request, leaving checks and review to be loaded later', () => {
    assert.deepEqual(normalize.toPullRequest(rawPull()), {
      number: 7,
      title: 'Add login',
      url: 'https://github.com/o/r/pull/7',
      headRef: 'feature/login',
      headSha: SHA,
      baseRef: 'develop',
      draft: false,
      author: 'ada',
    });
    const ghost = normalize.toPullRequest(rawPull({ user: null, draft: true }));
    assert.equal(ghost.author, undefined);
    assert.equal(ghost.draft, true);
    assertMalformed(() => normalize.toPullRequest(rawPull({ head: null })));
    assertMalformed(() => normalize.toPullRequests('<html>'));
  });

  it("takes each reviewer's latest verdict; a change request wins", () => {
    const review = (login: string, state: string) => ({ id: 1, user: { login }, state });
    assert.equal(normalize.toReviewState([]), 'none');
    assert.equal(normalize.toReviewState([review('bo', 'COMMENTED')]), 'none');
    assert.equal(normalize.toReviewState([review('bo', 'CHANGES_REQUESTED'), review('bo', 'APPROVED')]), 'approved');
    assert.equal(
      normalize.toReviewState([review('bo', 'APPROVED'), review('cy', 'CHANGES_REQUESTED')]),
      'changesRequested',
    );
    assert.equal(normalize.toReviewState([review('bo', 'APPROVED'), review('bo', 'COMMENTED')]), 'approved');
    assert.equal(normalize.toReviewState([review('bo', 'CHANGES_REQUESTED'), review('bo', 'DISMISSED')]), 'none');
  });

  it('maps check-run status and conclusion to one state', () => {
    const run = (name: string, status: string, conclusion: string | null) => ({
      name,
      status,
      conclusion,
      html_url: `https://github.com/o/r/runs/${name}`,
      output: { title: conclusion ? `${name} ${conclusion}` : null },
    });
    const items = normalize.toCheckRunItems({
      total_count: 6,
      check_runs: [
        run('build', 'completed', 'success'),
        run('lint', 'completed', 'failure'),
        run('e2e', 'in_progress', null),
        run('slow', 'completed', 'timed_out'),
        run('docs', 'completed', 'skipped'),
        run('info', 'completed', 'neutral'),
      ],
    });
    assert.deepEqual(
      items.map((item) => [item.name, item.state]),
      [
        ['build', 'success'],
        ['lint', 'failure'],
        ['e2e', 'pending'],
        ['slow', 'failure'],
        ['docs', 'skipped'],
        ['info', 'neutral'],
      ],
    );
    assert.deepEqual(items[0], {
      name: 'build',
      state: 'success',
      url: 'https://github.com/o/r/runs/build',
      description: 'build success',
    });
    assert.deepEqual(items[2], { name: 'e2e', state: 'pending', url: 'https://github.com/o/r/runs/e2e' });
    assertMalformed(() => normalize.toCheckRunItems({ total_count: 0 }));
  });

  it('maps commit statuses: error counts as failure', () => {
    const items = normalize.toCommitStatusItems({
      state: 'failure',
      statuses: [
        { context: 'ci/unit', state: 'success', target_url: 'https://ci/1', description: 'ok' },
        { context: 'ci/e2e', state: 'error', target_url: null, description: null },
        { context: 'envflow/local-tests', state: 'pending', target_url: '', description: 'running' },
        { context: 'deploy', state: 'failure' },
      ],
    });
    assert.deepEqual(items, [
      { name: 'ci/unit', state: 'success', url: 'https://ci/1', description: 'ok' },
      { name: 'ci/e2e', state: 'failure' },
      { name: 'envflow/local-tests', state: 'pending', description: 'running' },
      { name: 'deploy', state: 'failure' },
    ]);
  });

  it('reads deployments and their statuses', () => {
    const deployments = normalize.toRawDeployments([
      {
        id: 42,
        sha: SHA,
        ref: 'main',
        environment: 'production',
        description: '',
        creator: { login: 'ada' },
        created_at: '2026-11-28T10:00:00Z',
        updated_at: '2026-11-28T10:05:00Z',
      },
      {
        id: 41,
        sha: SHA,
        ref: 'v1',
        environment: 'production',
        description: 'Rollback',
        creator: null,
        created_at: '2026-11-27T10:00:00Z',
      },
    ]);
    assert.deepEqual(deployments, [
      {
        id: 42,
        sha: SHA,
        ref: 'main',
        environment: 'production',
        createdAt: '2026-11-28T10:00:00Z',
        updatedAt: '2026-11-28T10:05:00Z',
        creator: 'ada',
      },
      {
        id: 41,
        sha: SHA,
        ref: 'v1',
        environment: 'production',
        createdAt: '2026-11-27T10:00:00Z',
        updatedAt: '2026-11-27T10:00:00Z',
        description: 'Rollback',
      },
    ]);
    const statuses = normalize.toDeploymentStatuses([
      {
        state: 'failure',
        description: 'Health check failed',
        environment_url: 'https://app',
        log_url: 'https://logs/1',
        created_at: '2026-11-28T10:05:00Z',
      },
      { state: 'in_progress', target_url: 'https://logs/old', created_at: '2026-11-28T10:01:00Z' },
      { state: 'some_future_state', created_at: '2026-11-28T10:00:00Z' },
    ]);
    assert.deepEqual(statuses, [
      {
        state: 'failure',
        createdAt: '2026-11-28T10:05:00Z',
        description: 'Health check failed',
        environmentUrl: 'https://app',
        logUrl: 'https://logs/1',
      },
      { state: 'in_progress', createdAt: '2026-11-28T10:01:00Z', logUrl: 'https://logs/old' },
      { state: 'pending', createdAt: '2026-11-28T10:00:00Z' },
    ]);
    assertMalformed(() => normalize.toRawDeployments([{ id: '42' }]));
  });

  it('reads a comparison with commit subjects', () => {
    const result = normalize.toCompareResult({
      ahead_by: 2,
      behind_by: 1,
      total_commits: 2,
      commits: [
        {
          sha: '1'.repeat(40),
          author: { login: 'ada' },
          commit: { message: 'Add login\n\nLong body', author: { name: 'Ada', date: '2026-11-28T09:00:00Z' } },
        },
        {
          sha: '2'.repeat(40),
          author: null,
          commit: { message: 'Fix typo', author: { name: 'Bo Builder', date: '2026-11-28T09:30:00Z' } },
        },
      ],
    });
    assert.deepEqual(result, {
      aheadBy: 2,
      behindBy: 1,
      commits: [
        { sha: '1'.repeat(40), subject: 'Add login', author: 'ada', date: '2026-11-28T09:00:00Z' },
        { sha: '2'.repeat(40), subject: 'Fix typo', author: 'Bo Builder', date: '2026-11-28T09:30:00Z' },
      ],
    });
  });

  it('counts open Dependabot alerts by severity', () => {
    const alert = (severity: string, state = 'open') => ({
      number: 1,
      state,
      security_advisory: { severity },
      security_vulnerability: { severity },
    });
    const alerts = normalize.toSecurityAlerts(
      [alert('critical'), alert('high'), alert('high'), alert('moderate'), alert('low'), alert('low', 'fixed')],
      'https://github.com/o/r/security/dependabot',
    );
    assert.deepEqual(alerts, {
      available: true,
      total: 5,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 1 },
      url: 'https://github.com/o/r/security/dependabot',
    });
    assert.equal(
      normalize.securityUnavailableReason(403, 'Dependabot alerts are disabled for this repository.'),
      'notEnabled',
    );
    assert.equal(normalize.securityUnavailableReason(403, 'Resource not accessible by integration'), 'noAccess');
    assert.equal(normalize.securityUnavailableReason(404, 'Not Found'), 'noAccess');
  });

  it('reads workflow runs, refs and the user', () => {
    const runs = normalize.toWorkflowRuns({
      total_count: 1,
      workflow_runs: [
        {
          id: 9,
          name: 'CI',
          status: 'completed',
          conclusion: 'success',
          head_sha: SHA,
          head_branch: 'develop',
          event: 'push',
          html_url: 'https://github.com/o/r/actions/runs/9',
          created_at: '2026-11-28T08:00:00Z',
          updated_at: '2026-11-28T08:03:00Z',
        },
      ],
    });
    assert.deepEqual(runs, [
      {
        id: 9,
        headSha: SHA,
        url: 'https://github.com/o/r/actions/runs/9',
        createdAt: '2026-11-28T08:00:00Z',
        name: 'CI',
        status: 'completed',
        conclusion: 'success',
        headBranch: 'develop',
        event: 'push',
        updatedAt: '2026-11-28T08:03:00Z',
      },
    ]);
    assert.deepEqual(normalize.toGitRef({ ref: 'refs/heads/develop', object: { sha: SHA, type: 'commit' } }), {
      ref: 'refs/heads/develop',
      sha: SHA,
    });
    assert.equal(normalize.toLogin({ login: 'ada', id: 1 }), 'ada');
    assertMalformed(() => normalize.toLogin('not json'));
  });

  it('derives the web URL from the API URL', () => {
    assert.equal(normalize.webUrlOf('https://api.github.com', 'o', 'r'), 'https://github.com/o/r');
    assert.equal(normalize.webUrlOf('https://ghe.example.com/api/v3', 'o', 'r'), 'https://ghe.example.com/o/r');
    assert.equal(normalize.webUrlOf('http://127.0.0.1:4567', 'o', 'r'), 'http://127.0.0.1:4567/o/r');
  });
});
