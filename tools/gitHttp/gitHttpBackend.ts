/**
 * Serves a bare repository over git's smart HTTP protocol by running `git http-backend`
 * as a CGI program, so the sandbox and tests can use an `http://127.0.0.1:PORT/owner/repo.git`
 * remote: to EnvFlow that is a GitHub Enterprise Server host whose API is the same server.
 */
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Matches `/owner/repo.git/<git path>`; the git path is what http-backend serves. */
const GIT_PATH = /^\/([^/]+)\/([^/]+?)\.git(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.*))$/;

export function isGitRequest(url: string): boolean {
  return GIT_PATH.test(new URL(url, 'http://x').pathname);
}

/**
 * Answers one smart-HTTP request for `bareRepo`. Pushes are allowed (receive-pack is
 * enabled explicitly, since http-backend refuses it for unauthenticated users by default).
 * `beforeEnd` runs once git is done and before the answer ends, so a push's client
 * returns only after whatever the push starts has been told of it.
 */
export function serveGit(
  request: IncomingMessage,
  response: ServerResponse,
  bareRepo: string,
  beforeEnd?: () => Promise<void>,
): void {
  const url = new URL(request.url ?? '/', 'http://x');
  const match = GIT_PATH.exec(url.pathname);
  if (!match) {
    response.writeHead(404).end();
    return;
  }
  const child = spawn('git', ['-c', 'http.receivepack=true', 'http-backend'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_PROJECT_ROOT: bareRepo.replace(/\/[^/]+$/, ''),
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: `/${bareRepo.split('/').pop()}${match[3]}`,
      REQUEST_METHOD: request.method ?? 'GET',
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      CONTENT_LENGTH: request.headers['content-length'] ?? '',
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      REMOTE_USER: 'envflow-test',
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  request.pipe(child.stdin);
  let headerDone = false;
  let buffered = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) {
      response.write(chunk);
      return;
    }
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) {
      return;
    }
    headerDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of buffered.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') {
        status = Number.parseInt(value, 10);
      } else if (name) {
        headers[name] = value;
      }
    }
    response.writeHead(status, headers);
    response.write(buffered.subarray(end + 4));
  });
  child.stdout.on('end', () => {
    void (beforeEnd?.() ?? Promise.resolve()).finally(() => response.end());
  });
  child.on('error', () => {
    if (!response.headersSent) {
      response.writeHead(500);
    }
    response.end();
  });
}
