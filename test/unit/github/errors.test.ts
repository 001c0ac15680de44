import * as assert from 'node:assert/strict';
import { RequestError } from '@octokit/request-error';
import { clockTime, GitHubError, toGitHubError } from '../../../src/core/github/errors';

const HOST = 'api.github.com';
const NOW = new Date('2026-11-28T12:00:00Z');
const request = {
  method: 'GET' as const,
  url: 'https://api.github.com/repos/o/r/pulls',
  headers: { authorization: 'token secret' },
};

/** The RequestError Octokit throws for an HTTP answer. */
function httpError(status: number, data: unknown, headers: Record<string, string> = {}): RequestError {
  return new RequestError(
    typeof data === 'object' && data && 'message' in data ? String(data.message) : 'error',
    status,
    {
      request,
      response: { status, url: request.url, headers, data },
    },
  );
}

/** The RequestError Octokit throws when fetch itself failed: status 500, no response, fetch's error as cause. */
function transportError(cause: Error): RequestError {
  const error = new RequestError(cause.message, 500, { request });
  error.cause = cause;
  return error;
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('toGitHubError', () => {
  it('says the host is unreachable when the connection is refused, reset or times out', () => {
    const refused = new TypeError('fetch failed', {
      cause: withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
    });
    const reset = new TypeError('fetch failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    for (const error of [transportError(refused), transportError(reset), refused, timeout, transportError(timeout)]) {
      const mapped = toGitHubError(error, HOST, NOW);
      assert.equal(mapped.kind, 'offline');
      assert.equal(
        mapped.message,
        "Can't reach api.github.com: check your connection; EnvFlow keeps showing the last known state.",
      );
    }
  });

  it('asks to sign in again on 401', () => {
    const mapped = toGitHubError(httpError(401, { message: 'Bad credentials' }), HOST, NOW);
    assert.deepEqual(
      [mapped.kind, mapped.status, mapped.message],
      ['unauthorized', 401, 'GitHub rejected the token: sign in again.'],
    );
  });

  it('names the reset time of a primary rate limit', () => {
    const reset = new Date(NOW.getTime() + 25 * 60_000);
    const error = httpError(
      403,
      { message: 'API rate limit exceeded for user.' },
      {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset.getTime() / 1000),
      },
    );
    const mapped = toGitHubError(error, HOST, NOW);
    assert.equal(mapped.kind, 'rateLimited');
    assert.equal(mapped.retryAt?.getTime(), reset.getTime());
    assert.equal(mapped.message, `GitHub's rate limit is used up; EnvFlow resumes at ${clockTime(reset)}.`);
  });

  it('takes Retry-After of a secondary rate limit or a 429', () => {
    for (const status of [403, 429]) {
      const mapped = toGitHubError(
        httpError(status, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '90' }),
        HOST,
        NOW,
      );
      assert.equal(mapped.kind, 'rateLimited');
      assert.equal(mapped.retryAt?.getTime(), NOW.getTime() + 90_000);
    }
  });

  it('formats the resume time as local HH:MM', () => {
    assert.match(clockTime(new Date(2026, 0, 2, 7, 5)), /^07:05$/);
  });

  it('tells a permission 403 apart from a rate limit', () => {
    const mapped = toGitHubError(httpError(403, { message: 'Resource not accessible by integration' }), HOST, NOW);
    assert.equal(mapped.kind, 'unauthorized');
    assert.equal(
      mapped.message,
      'GitHub refused access (Resource not accessible by integration): sign in with an account that has permission.',
    );
  });

  it('explains a 404 as missing or inaccessible', () => {
    const mapped = toGitHubError(httpError(404, { message: 'Not Found' }), HOST, NOW);
    assert.equal(mapped.kind, 'notFound');
    assert.equal(
      mapped.message,
      'Not found on GitHub: the repository or branch does not exist, or this account cannot see it; check the branch, or sign in with an account that can.',
    );
  });

  it("passes GitHub's validation detail through for 422", () => {
    const error = httpError(422, {
      message: 'Validation Failed',
      errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for o:feature/x.' }],
    });
    const mapped = toGitHubError(error, HOST, NOW);
    assert.deepEqual(
      [mapped.kind, mapped.message],
      [
        'validation',
        'GitHub refused the request: A pull request already exists for o:feature/x; check it on GitHub, then try again.',
      ],
    );
    const missing = toGitHubError(
      httpError(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Status', field: 'state', code: 'missing_field' }],
      }),
      HOST,
      NOW,
    );
    assert.equal(
      missing.message,
      'GitHub refused the request: state is missing field; check it on GitHub, then try again.',
    );
    assert.equal(
      toGitHubError(httpError(422, { message: 'Reference already exists' }), HOST, NOW).message,
      'GitHub refused the request: Reference already exists; check it on GitHub, then try again.',
    );
  });

  it('says GitHub has trouble on 5xx', () => {
    const mapped = toGitHubError(httpError(502, '<html>Bad gateway</html>'), HOST, NOW);
    assert.deepEqual(
      [mapped.kind, mapped.status, mapped.message],
      [
        'server',
        502,
        'GitHub is having trouble (HTTP 502): try again in a minute; the view keeps retrying on its own.',
      ],
    );
  });

  it('reports an unreadable body as malformed', () => {
    const mapped = toGitHubError(new SyntaxError('Unexpected end of JSON input'), HOST, NOW);
    assert.equal(mapped.kind, 'malformed');
    assert.equal(
      mapped.message,
      "GitHub sent an answer EnvFlow can't read: try again; the view retries on its next refresh.",
    );
  });

  it('returns a GitHubError unchanged and keeps unknown failures to one redacted sentence', () => {
    const original = new GitHubError('validation', 'Already there.');
    assert.equal(toGitHubError(original, HOST), original);
    const token = 'ghp_' + 'x'.repeat(36);
    const mapped = toGitHubError(new Error(`boom with ${token}`), HOST, NOW);
    assert.equal(mapped.kind, 'unknown');
    assert.equal(mapped.message, 'Talking to GitHub failed: boom with ***.');
    assert.ok(!toGitHubError(httpError(418, { message: `teapot ${token}` }), HOST, NOW).message.includes(token));
  });

  it('always produces exactly one sentence', () => {
    const samples = [
      httpError(401, {}),
      httpError(404, {}),
      httpError(422, { message: 'Validation Failed' }),
      httpError(500, {}),
      httpError(409, { message: 'Git Repository is empty.' }),
      new SyntaxError('x'),
      new TypeError('fetch failed', { cause: withCode('x', 'ENOTFOUND') }),
    ];
    for (const sample of samples) {
      const { message } = toGitHubError(sample, HOST, NOW);
      assert.match(message, /^[A-Z][^\n]*\.$/, message);
      assert.doesNotMatch(message.slice(0, -1), /\.\s/, message);
    }
  });
});
