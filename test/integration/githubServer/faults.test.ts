/** Every injected fault kind, its matching and its count, seen from a plain HTTP client. */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubServer } from '../../../tools/githubServer/index';
import { useServerPerTest } from '../../support/serverPerTest';
import { field, repoCall } from './apiClient';

describe('GitHub server: injected faults', function () {
  let server: GitHubServer;
  useServerPerTest({ name: 'github-faults', developAhead: 1 }, { server: (started) => (server = started) });

  const get = () => repoCall(server, 'GET', '/deployments');

  it('status: answers the GitHub-shaped error the given number of times, then recovers', async () => {
    server.faults.inject({ kind: 'status', status: 503, times: 2 });
    for (let i = 0; i < 2; i++) {
      const failed = await get();
      assert.equal(failed.status, 503);
      assert.equal(field(failed.json, 'message'), 'Service Unavailable');
    }
    assert.equal((await get()).status, 200);
    server.faults.inject({ kind: 'status', status: 422 });
    assert.equal(field((await get()).json, 'message'), 'Validation Failed');
  });

  it('matches by method and path, and Infinity lasts until cleared', async () => {
    server.faults.inject({
      kind: 'status',
      status: 500,
      times: Infinity,
      match: { method: 'POST', path: /\/deployments$/ },
    });
    assert.equal((await get()).status, 200, 'a GET does not match');
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (await repoCall(server, 'POST', '/deployments', { body: { ref: 'main', environment: 'production' } })).status,
        500,
      );
    }
    assert.equal(server.state.deployments.length, 0, 'a failed write writes nothing');
    server.faults.clear();
    assert.equal(
      (await repoCall(server, 'POST', '/deployments', { body: { ref: 'main', environment: 'production' } })).status,
      201,
    );
  });

  it('latency: delays one answer, which is then the normal one', async () => {
    server.faults.inject({ kind: 'latency', ms: 200 });
    const started = Date.now();
    assert.equal((await get()).status, 200);
    assert.ok(Date.now() - started >= 190, `took ${Date.now() - started} ms`);
  });

  it('reset: destroys the socket without an answer', async () => {
    server.faults.inject({ kind: 'reset' });
    await assert.rejects(get(), TypeError);
    assert.equal(server.requests.at(-1)?.status, 0);
    assert.equal((await get()).status, 200);
  });

  it('unauthorized: 401 Bad credentials even without a configured token', async () => {
    server.faults.inject({ kind: 'unauthorized' });
    const answer = await get();
    assert.equal(answer.status, 401);
    assert.equal(field(answer.json, 'message'), 'Bad credentials');
  });

  it('rateLimitPrimary: 403 with no requests remaining until the reset', async () => {
    server.faults.inject({ kind: 'rateLimitPrimary', resetInSeconds: 120 });
    const answer = await get();
    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('x-ratelimit-remaining'), '0');
    const reset = Number(answer.headers.get('x-ratelimit-reset'));
    assert.ok(Math.abs(reset - (Date.now() / 1000 + 120)) < 5, `reset ${reset}`);
    assert.match(String(field(answer.json, 'message')), /^API rate limit exceeded/);
  });

  it('rateLimitSecondary: 403 or 429 with retry-after', async () => {
    server.faults.inject({ kind: 'rateLimitSecondary', retryAfterSeconds: 30 });
    server.faults.inject({ kind: 'rateLimitSecondary', status: 429 });
    const first = await get();
    assert.equal(first.status, 403);
    assert.equal(first.headers.get('retry-after'), '30');
    assert.match(String(field(first.json, 'message')), /You have exceeded a secondary rate limit/);
    const second = await get();
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), '60');
  });

  it('malformedJson: a 200 whose body does not parse', async () => {
    server.faults.inject({ kind: 'malformedJson' });
    const response = await fetch(`${server.url}/repos/octo/service/deployments`);
    assert.equal(response.status, 200);
    await assert.rejects(response.json(), SyntaxError);
  });

  it('truncatedJson: promises the full length, sends half, then ends the connection', async () => {
    server.addDeployment({ ref: 'main', environment: 'production', description: 'x'.repeat(2000) });
    server.faults.inject({ kind: 'truncatedJson' });
    const response = await fetch(`${server.url}/repos/octo/service/deployments`);
    assert.equal(response.status, 200);
    assert.ok(Number(response.headers.get('content-length')) > 2000);
    await assert.rejects(response.text());
  });

  it('dropAfterWrite: performs the write, then drops the answer', async () => {
    server.faults.inject({ kind: 'dropAfterWrite', match: { method: 'POST' } });
    await assert.rejects(
      repoCall(server, 'POST', '/pulls', { body: { head: 'develop', base: 'main', title: 'Release' } }),
      TypeError,
    );
    assert.equal(server.state.pulls.length, 1, 'the pull request was created');
    const retry = await repoCall(server, 'POST', '/pulls', {
      body: { head: 'develop', base: 'main', title: 'Release' },
    });
    assert.equal(retry.status, 422, 'a blind retry meets the duplicate');
  });

  it('redirect: 307 to another origin, which a client must not follow with the token', async () => {
    const elsewhere = await listenElsewhere();
    try {
      const location = `${elsewhere.url}/repos/octo/service/deployments`;
      server.faults.inject({ kind: 'redirect', location });
      const answer = await get();
      assert.equal(answer.status, 307);
      assert.equal(answer.headers.get('location'), location);
      server.faults.inject({ kind: 'redirect', location, status: 301 });
      assert.equal((await get()).status, 301);
      assert.equal(elsewhere.hits(), 0, 'the client here followed nothing');
    } finally {
      await elsewhere.close();
    }
  });
});

/** A second local server that only counts hits: the target of a cross-origin redirect. */
async function listenElsewhere(): Promise<{ url: string; hits(): number; close(): Promise<void> }> {
  let hits = 0;
  const other: Server = createServer((_request, response) => {
    hits += 1;
    response.end('{}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => other.close(() => resolve())),
  };
}
