/**
 * A hostile or broken API server cannot make EnvFlow read without end: bodies are cut
 * off at a size cap and paginated lists stop after a bounded number of pages.
 */
import * as assert from 'node:assert/strict';
import type { GitHubClient, GitHubClientOptions } from '../../../src/core/github/client';
import { plainClient } from './plainClient';
import { sendJson, startPlainServer, type PlainServer } from './plainServer';
import { rejection } from './rejection';

const MiB = 1024 * 1024;

function clientFor(server: PlainServer, options: Partial<GitHubClientOptions> = {}): GitHubClient {
  return plainClient(server.url, { token: 'test-token-huge-1f2e3d', requestTimeoutMs: 60_000, ...options });
}

describe('GitHub client against huge responses', function () {
  let api: PlainServer;

  beforeEach(async () => {
    api = await startPlainServer();
  });

  afterEach(async () => {
    await api.close();
  });

  it('stops reading a body that never ends at the size cap, once, without retrying', async () => {
    let sent = 0;
    api.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // An endless body: the client, not the server, has to end it.
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk)) {
          sent += chunk.length;
        }
        if (!response.destroyed) {
          response.once('drain', pump);
        }
      };
      response.write('[');
      pump();
    });
    const error = await rejection(clientFor(api, { maxBodyBytes: 2 * MiB }).getAuthenticatedUser());
    assert.match(error.message, /^GitHub sent more than 2 MB for \/user; EnvFlow stopped reading it\.$/);
    assert.equal(api.requests.length, 1, 'a body over the cap is not fetched again');
    // The socket buffers a little past the cap; nothing like the endless stream was taken in.
    assert.ok(sent < 64 * MiB, `the server could push only ${sent} bytes before the client hung up`);
  });

  it('refuses a 50 MB response by its Content-Length before reading it', async () => {
    api.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MiB) });
      response.write('[');
      // Never sends the rest: a client that tried to read 50 MB would wait for the timeout.
    });
    const error = await rejection(clientFor(api).listOpenPullRequests());
    assert.match(error.message, /^GitHub sent more than 32 MB for \/repos\/o\/r\/pulls; EnvFlow stopped reading it\.$/);
    assert.equal(api.requests.length, 1);
  });

  it('reads a server with thousands of pages only up to the default page cap', async () => {
    api.handle((request, response) => {
      const page = Number(new URL(request.url, api.url).searchParams.get('page') ?? '1');
      const run = {
        id: page,
        name: `check ${page}`,
        status: 'completed',
        conclusion: 'success',
        html_url: `${api.url}/o/r/runs/${page}`,
      };
      sendJson(
        response,
        200,
        { total_count: 500_000, check_runs: [run] },
        {
          link: `<${api.url}/repos/o/r/commits/main/check-runs?per_page=100&page=${page + 1}>; rel="next", <${api.url}/repos/o/r/commits/main/check-runs?per_page=100&page=5000>; rel="last"`,
        },
      );
    });
    const checks = await clientFor(api).listCheckRuns('main');
    assert.equal(checks.data.length, 10);
    assert.equal(api.requests.length, 10);
  });
});
