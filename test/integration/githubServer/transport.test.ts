/**
 * What every answer carries, as on api.github.com: strong ETags with 304s that cost no
 * rate limit, rate-limit and poll-interval headers, token checks and GitHub's 404.
 */
import * as assert from 'node:assert/strict';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import type { FixtureRepo } from '../../support/gitFixtures';
import { useServerPerTest } from '../../support/serverPerTest';
import { call, field, repoCall } from './apiClient';

const TOKEN = 'ghp_transportTest0123456789abcdef';

describe('GitHub server: conditional requests, rate limit and auth', function () {
  let repo: FixtureRepo;
  let server: GitHubServer;
  useServerPerTest(
    { name: 'github-transport' },
    {
      repo: (opened) => {
        repo = opened;
      },
      server: (started) => (server = started),
    },
    { token: TOKEN, pollIntervalSeconds: 60, rateLimit: 100 },
  );

  it('answers an unchanged GET 304 with no body and no rate-limit cost, and a changed one 200', async () => {
    const sha = await repo.git('rev-parse', 'main');
    const first = await repoCall(server, 'GET', `/commits/${sha}/check-runs`, { token: TOKEN });
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^"[0-9a-f]{64}"$/, 'a strong ETag');
    assert.equal(first.headers.get('x-ratelimit-remaining'), '99');

    const again = await repoCall(server, 'GET', `/commits/${sha}/check-runs`, {
      token: TOKEN,
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.headers.get('x-ratelimit-remaining'), '99', 'a 304 costs nothing');
    assert.equal(server.stats.notModified, 1);
    assert.equal(server.stats.rateLimitUsed, 1);
    assert.equal(server.requests.at(-1)?.ifNoneMatch, etag);

    server.addCheckRun(sha, { name: 'build', status: 'queued' });
    const changed = await repoCall(server, 'GET', `/commits/${sha}/check-runs`, {
      token: TOKEN,
      headers: { 'if-none-match': etag },
    });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(changed.headers.get('x-ratelimit-remaining'), '98');
  });

  it('sends rate-limit headers on every answer, X-Poll-Interval on GETs, and GET /rate_limit for free', async () => {
    const answer = await repoCall(server, 'GET', '/deployments', { token: TOKEN });
    assert.equal(answer.headers.get('x-ratelimit-limit'), '100');
    assert.equal(answer.headers.get('x-ratelimit-used'), '1');
    assert.equal(answer.headers.get('x-ratelimit-resource'), 'core');
    assert.ok(Number(answer.headers.get('x-ratelimit-reset')) > Date.now() / 1000);
    assert.equal(answer.headers.get('x-poll-interval'), '60');

    const posted = await repoCall(server, 'POST', '/deployments', {
      token: TOKEN,
      body: { ref: 'main', environment: 'production' },
    });
    assert.equal(posted.headers.get('x-poll-interval'), null);
    assert.equal(posted.headers.get('x-ratelimit-remaining'), '98');

    const limits = await call(server, 'GET', '/rate_limit', { token: TOKEN });
    assert.equal(field(limits.json, 'resources', 'core', 'remaining'), 98);
    assert.equal(limits.headers.get('x-ratelimit-remaining'), '98', 'reading the limit costs nothing');
  });

  it('answers 401 without the right token, in either header form, and records where the token went', async () => {
    const missing = await call(server, 'GET', '/user');
    assert.equal(missing.status, 401);
    assert.equal(field(missing.json, 'message'), 'Requires authentication');
    const wrong = await call(server, 'GET', '/user', { token: 'ghp_wrong' });
    assert.equal(wrong.status, 401);
    assert.equal(field(wrong.json, 'message'), 'Bad credentials');
    const bearer = await call(server, 'GET', '/user', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(bearer.status, 200);
    assert.equal(field(bearer.json, 'login'), 'ada-developer');
    assert.deepEqual(
      server.requests.map((request) => [request.status, request.authorization]),
      [
        [401, undefined],
        [401, 'token ghp_wrong'],
        [200, `Bearer ${TOKEN}`],
      ],
    );
    server.resetRequests();
    assert.deepEqual(server.requests, []);
  });

  it('answers GitHub’s 404 for an unknown route and for another repository', async () => {
    for (const path of ['/repos/octo/service/nope', '/repos/someone/else/pulls', '/gists']) {
      const answer = await call(server, 'GET', path, { token: TOKEN });
      assert.equal(answer.status, 404, path);
      assert.equal(field(answer.json, 'message'), 'Not Found');
      assert.match(String(field(answer.json, 'documentation_url')), /^https:\/\/docs\.github\.com\//);
    }
    assert.equal(
      (await call(server, 'GET', '/repos/OCTO/Service', { token: TOKEN })).status,
      200,
      'names are case-insensitive',
    );
  });

  it('adds the configured latency to every answer', async () => {
    const slow = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo.origin, latencyMs: 150 });
    try {
      const started = Date.now();
      assert.equal((await call(slow, 'GET', '/repos/octo/service')).status, 200);
      assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
    } finally {
      await slow.close();
    }
  });

  it('keeps branch protection and Dependabot alerts to the access GitHub would give', async () => {
    const put = (branch: string) =>
      repoCall(server, 'PUT', `/branches/${branch}/protection`, {
        token: TOKEN,
        body: {
          required_status_checks: { strict: true, contexts: ['ci/unit'] },
          enforce_admins: false,
          required_pull_request_reviews: null,
          restrictions: null,
        },
      });
    assert.equal(
      field((await repoCall(server, 'GET', '/branches/main/protection', { token: TOKEN })).json, 'message'),
      'Branch not protected',
    );
    assert.equal((await put('main')).status, 200);
    const stored = await repoCall(server, 'GET', '/branches/main/protection', { token: TOKEN });
    assert.deepEqual(field(stored.json, 'required_status_checks', 'contexts'), ['ci/unit']);
    assert.equal(field((await repoCall(server, 'GET', '/branches/main', { token: TOKEN })).json, 'protected'), true);
    assert.equal((await put('nope')).status, 404);
    server.setAdmin(false);
    assert.equal((await put('main')).status, 403);
    assert.equal((await repoCall(server, 'GET', '/branches/main/protection', { token: TOKEN })).status, 404);

    server.addDependabotAlert({ severity: 'critical', package: 'lodash', summary: 'Prototype pollution' });
    server.addDependabotAlert({ severity: 'medium', package: 'qs', summary: 'ReDoS', state: 'fixed' });
    const open = await repoCall(server, 'GET', '/dependabot/alerts?state=open', { token: TOKEN });
    assert.deepEqual(
      (open.json as unknown[]).map((alert) => field(alert, 'security_advisory', 'severity')),
      ['critical'],
    );
    server.setDependabot('disabled');
    const disabled = await repoCall(server, 'GET', '/dependabot/alerts', { token: TOKEN });
    assert.equal(disabled.status, 403);
    assert.equal(field(disabled.json, 'message'), 'Dependabot alerts are disabled for this repository.');
    server.setDependabot('forbidden');
    const forbidden = await repoCall(server, 'GET', '/dependabot/alerts', { token: TOKEN });
    assert.equal(forbidden.status, 403);
    assert.equal(field(forbidden.json, 'message'), 'Resource not accessible by integration');
  });
});
