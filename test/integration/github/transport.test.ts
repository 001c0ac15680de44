/**
 * The client's transport against real HTTP servers on 127.0.0.1: what reaches the
 * wire (tokens, validators, retries, redirects), independent of GitHub's data model.
 */
import * as assert from 'node:assert/strict';
import type { GitHubClient, GitHubClientOptions } from '../../../src/core/github/client';
import { plainClient } from './plainClient';
import { createGuardedFetch } from '../../../src/core/github/guardedFetch';
import { recordingLogger } from '../../support/recordingLogger';
import { sendJson, startPlainServer, type PlainServer } from './plainServer';
import { rejection } from './rejection';

const TOKEN = 'test-token-7d1e0c5a9f';

function clientFor(server: PlainServer, options: Partial<GitHubClientOptions> = {}): GitHubClient {
  return plainClient(server.url, { token: TOKEN, requestTimeoutMs: 2000, ...options });
}

describe('GitHub client transport', function () {
  let api: PlainServer;
  let elsewhere: PlainServer;

  beforeEach(async () => {
    api = await startPlainServer();
    elsewhere = await startPlainServer();
    elsewhere.handle((_request, response) => sendJson(response, 200, { login: 'thief' }));
  });

  afterEach(async () => {
    await api.close();
    await elsewhere.close();
  });

  it('sends the token to its API origin and serves an unchanged answer from the ETag cache', async () => {
    api.handle((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, {
          etag: '"v1"',
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4999',
          'x-ratelimit-reset': '1900000000',
          'x-poll-interval': '60',
        });
        response.end();
        return;
      }
      sendJson(response, 200, { login: 'ada' }, { etag: '"v1"' });
    });
    const seen: number[] = [];
    const client = clientFor(api, { onRequest: (info) => seen.push(info.status) });
    assert.deepEqual(await client.getAuthenticatedUser(), { login: 'ada' });
    assert.deepEqual(await client.getAuthenticatedUser(), { login: 'ada' });
    assert.deepEqual(seen, [200, 304]);
    assert.equal(client.requestCount, 2);
    assert.equal(api.requests[0]?.headers.authorization, `token ${TOKEN}`);
    assert.equal(api.requests[0]?.headers['if-none-match'], undefined);
    assert.equal(api.requests[1]?.headers['if-none-match'], '"v1"');
    assert.equal(client.pollIntervalSeconds, 60);
    assert.equal(client.rateLimit?.resetAt.getTime(), 1_900_000_000_000);
  });

  it('does not follow a redirect to another origin, so the token never leaves', async () => {
    api.handle((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/user` }).end();
    });
    const error = await rejection(clientFor(api).getAuthenticatedUser());
    assert.equal(api.requests.length, 1, 'a refused redirect is not retried');
    assert.equal(elsewhere.requests.length, 0);
    assert.ok(elsewhere.requests.every((request) => request.headers.authorization === undefined));
    assert.match(
      error.message,
      /^GitHub redirected to 127\.0\.0\.1:\d+, which is not 127\.0\.0\.1:\d+; EnvFlow does not send your token there\.$/,
    );
  });

  it('follows a same-origin redirect with the token, a bounded number of times', async () => {
    api.handle((request, response) => {
      if (request.url === '/user') {
        response.writeHead(301, { location: '/users/moved' }).end();
      } else {
        sendJson(response, 200, { login: 'ada' });
      }
    });
    assert.deepEqual(await clientFor(api).getAuthenticatedUser(), { login: 'ada' });
    assert.deepEqual(
      api.requests.map((request) => [request.url, request.headers.authorization]),
      [
        ['/user', `token ${TOKEN}`],
        ['/users/moved', `token ${TOKEN}`],
      ],
    );
    api.handle((_request, response) => response.writeHead(307, { location: '/user' }).end());
    const loop = await rejection(clientFor(api).getAuthenticatedUser());
    assert.equal(loop.kind, 'server');
  });

  it('retries a 5xx twice and then succeeds', async () => {
    let calls = 0;
    api.handle((_request, response) => {
      calls += 1;
      if (calls <= 2) {
        sendJson(response, 502, { message: 'Server Error' });
      } else {
        sendJson(response, 200, { login: 'ada' });
      }
    });
    assert.deepEqual(await clientFor(api).getAuthenticatedUser(), { login: 'ada' });
    assert.equal(calls, 3);
  });

  it('gives up after two retries with a sentence about GitHub having trouble', async () => {
    api.handle((_request, response) => sendJson(response, 503, { message: 'Unavailable' }));
    const error = await rejection(clientFor(api).getAuthenticatedUser());
    assert.deepEqual(
      [error.kind, error.status, error.message],
      [
        'server',
        503,
        'GitHub is having trouble (HTTP 503): try again in a minute; the view keeps retrying on its own.',
      ],
    );
    assert.equal(api.requests.length, 3);
  });

  it('never retries a 4xx and never retries a write', async () => {
    api.handle((_request, response) => sendJson(response, 404, { message: 'Not Found' }));
    assert.equal((await rejection(clientFor(api).getAuthenticatedUser())).kind, 'notFound');
    assert.equal(api.requests.length, 1);
    api.handle((_request, response) => sendJson(response, 500, { message: 'oops' }));
    const write = await rejection(
      clientFor(api).createCommitStatus('a'.repeat(40), { state: 'success', context: 'envflow/local-tests' }),
    );
    assert.equal(write.kind, 'server');
    assert.equal(api.requests.length, 2);
  });

  it('times out a silent server once, without retrying, as offline', async () => {
    api.handle(() => undefined);
    const started = Date.now();
    const error = await rejection(clientFor(api, { requestTimeoutMs: 300 }).getAuthenticatedUser());
    assert.equal(error.kind, 'offline');
    assert.equal(api.requests.length, 1);
    assert.ok(Date.now() - started < 5000);
  });

  it('reports a refused connection as offline after retrying', async () => {
    const closedUrl = api.url;
    await api.close();
    const client = plainClient(closedUrl, { token: TOKEN });
    const error = await rejection(client.getAuthenticatedUser());
    assert.equal(error.kind, 'offline');
    assert.equal(
      error.message,
      `Can't reach ${new URL(closedUrl).host}: check your connection; EnvFlow keeps showing the last known state.`,
    );
    api = await startPlainServer();
  });

  it('retries a connection dropped mid-body, then reports it as offline', async () => {
    api.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"login": "a', () => response.socket?.destroy());
    });
    const error = await rejection(clientFor(api).getAuthenticatedUser());
    assert.equal(error.kind, 'offline');
    assert.equal(api.requests.length, 3);
  });

  it('reports a body that is not JSON as malformed', async () => {
    api.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"login": "ada"');
    });
    assert.equal((await rejection(clientFor(api).getAuthenticatedUser())).kind, 'malformed');
  });

  it('retries a short primary rate limit once and fails fast on a long one', async () => {
    let calls = 0;
    api.handle((_request, response) => {
      calls += 1;
      if (calls === 1) {
        sendJson(
          response,
          403,
          { message: 'API rate limit exceeded' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
        );
      } else {
        sendJson(response, 200, { login: 'ada' });
      }
    });
    assert.deepEqual(await clientFor(api).getAuthenticatedUser(), { login: 'ada' });
    assert.equal(calls, 2);

    const reset = Math.floor(Date.now() / 1000) + 3600;
    api.handle((_request, response) =>
      sendJson(
        response,
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      ),
    );
    const error = await rejection(clientFor(api).getAuthenticatedUser());
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAt?.getTime(), reset * 1000);
    assert.equal(api.requests.length, 3);
  });

  it('stops paginating at maxPages', async () => {
    api.handle((request, response) => {
      const page = Number(new URL(request.url, api.url).searchParams.get('page') ?? '1');
      const pull = {
        number: page,
        title: `PR ${page}`,
        html_url: `${api.url}/o/r/pull/${page}`,
        head: { ref: `f${page}`, sha: 'a'.repeat(40) },
        base: { ref: 'develop' },
      };
      sendJson(response, 200, [pull], {
        link: `<${api.url}/repos/o/r/pulls?state=open&per_page=100&page=${page + 1}>; rel="next"`,
      });
    });
    const pulls = await clientFor(api, { maxPages: 3 }).listOpenPullRequests();
    assert.deepEqual(
      pulls.data.map((pull) => pull.number),
      [1, 2, 3],
    );
    assert.equal(api.requests.length, 3);
  });

  it('never writes the token to the log, whatever fails', async () => {
    const lines: string[] = [];
    const logger = recordingLogger(lines);
    const responses = [
      (response: Parameters<Parameters<PlainServer['handle']>[0]>[1]) =>
        sendJson(response, 401, { message: `Bad credentials for ${TOKEN}` }),
      (response: Parameters<Parameters<PlainServer['handle']>[0]>[1]) => sendJson(response, 500, { message: 'oops' }),
      (response: Parameters<Parameters<PlainServer['handle']>[0]>[1]) =>
        response.writeHead(302, { location: `${elsewhere.url}/?t=x` }).end(),
      (response: Parameters<Parameters<PlainServer['handle']>[0]>[1]) => sendJson(response, 200, { login: 'ada' }),
    ];
    for (const respond of responses) {
      api.handle((_request, response) => respond(response));
      await clientFor(api, { logger })
        .getAuthenticatedUser()
        .catch(() => undefined);
    }
    assert.ok(lines.length > 0, 'the client logs its requests');
    assert.deepEqual(
      lines.filter((line) => line.includes(TOKEN)),
      [],
    );
  });
  it('never sends a request over plain http to a host off this machine, 127.attacker.example included', async () => {
    const sent: string[] = [];
    const recording = (async (input: string | URL | Request) => {
      sent.push(String(input));
      return new Response('{}');
    }) as typeof fetch;
    for (const origin of ['http://ghe.example.com', 'http://127.attacker.example:8080']) {
      const guarded = createGuardedFetch({ apiOrigin: origin, timeoutMs: 1000, fetch: recording });
      await assert.rejects(guarded(`${origin}/user`), { name: 'InsecureOriginError', message: /unencrypted/ });
    }
    assert.deepEqual(sent, []);
  });

  it('refuses a branch name with a .. segment before it can retarget the request', async () => {
    api.handle((_request, response) => sendJson(response, 200, {}));
    const client = clientFor(api);
    for (const branch of ['..', 'main/../../x', 'main/./x', 'a//b']) {
      const error = await rejection(client.getBranchProtection(branch));
      assert.match(error.message, /is not a branch or ref name EnvFlow can ask GitHub about/);
    }
    const guarded = createGuardedFetch({ apiOrigin: api.url, timeoutMs: 1000 });
    for (const path of [
      '/repos/o/r/branches/%2e%2e/protection',
      '/repos/o/r/branches/.%2E/protection',
      '/repos/o/r/branches/../protection',
    ]) {
      await assert.rejects(guarded(`${api.url}${path}`), { name: 'DotSegmentError' });
    }
    assert.deepEqual(
      api.requests.map((r) => r.url),
      [],
    );
  });
});
