/** The server's own secondary-rate-limit detection and its no-304 mode, seen from a plain HTTP client. */
import * as assert from 'node:assert/strict';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { field, repoCall } from './apiClient';

describe('GitHub server: secondary rate limits and conditional requests', function () {
  let repo: FixtureRepo;
  let server: GitHubServer | undefined;
  let now = Date.parse('2026-11-28T12:00:00Z');

  before(async () => {
    repo = await createFixtureRepo({ name: 'github-secondary' });
  });

  after(async () => {
    await repo.dispose();
  });

  afterEach(async () => {
    await server?.close();
  });

  const get = (path = '/deployments') => repoCall(server!, 'GET', path);

  it('answers 403 with retry-after to a request beyond the concurrency limit', async () => {
    server = await startGitHubServer({
      owner: 'octo',
      repo: 'service',
      bareRepo: repo.origin,
      latencyMs: 200,
      secondaryRateLimit: { maxConcurrent: 2, maxPointsPerMinute: 900, retryAfterSeconds: 30 },
    });
    const answers = await Promise.all([get(), get(), get()]);
    const limited = answers.filter((a) => a.status === 403);
    assert.equal(limited.length, 1);
    assert.equal(limited[0]?.headers.get('retry-after'), '30');
    assert.match(String(field(limited[0]?.json, 'message')), /secondary rate limit/);
    assert.equal(server.stats.secondaryLimited, 1);
    assert.equal(server.stats.maxInFlight, 3);
  });

  it('counts points per minute on its own clock: a GET is 1 point, a write 5', async () => {
    server = await startGitHubServer({
      owner: 'octo',
      repo: 'service',
      bareRepo: repo.origin,
      now: () => now,
      secondaryRateLimit: { maxConcurrent: 100, maxPointsPerMinute: 10 },
    });
    await repoCall(server, 'POST', '/statuses/0000000000000000000000000000000000000000', {
      body: { state: 'success' },
    });
    for (let i = 0; i < 5; i++) {
      assert.notEqual((await get()).status, 403, `GET ${i + 1}`);
    }
    assert.equal((await get()).status, 403, 'the 11th point in the minute');
    now += 61_000;
    assert.equal((await get()).status, 200, 'a minute later');
    assert.equal(server.stats.secondaryLimited, 1);
  });

  it('never answers 304 when conditional requests are off, so every GET costs rate limit', async () => {
    server = await startGitHubServer({
      owner: 'octo',
      repo: 'service',
      bareRepo: repo.origin,
      conditionalRequests: false,
    });
    const first = await get();
    const again = await repoCall(server, 'GET', '/deployments', {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    assert.equal(again.status, 200);
    assert.equal(server.stats.notModified, 0);
    assert.equal(server.stats.rateLimitUsed, 2);
  });
});
