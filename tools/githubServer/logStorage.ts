/**
 * Where GitHub keeps job logs: not the API's origin. `GET .../actions/jobs/{id}/logs`
 * answers 302 with a short-lived signed URL on a storage host, as GitHub does, so a
 * client must follow it without its token. This is that host, on its own port; it
 * counts every request that arrives with an Authorization header, which must be none.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LogStorage {
  /** Requests that carried an Authorization header: a token that left its origin. */
  requestsWithAuthorization = 0;
  requests = 0;
  private readonly secret = randomBytes(16).toString('hex');
  private readonly server: Server;
  private port = 0;

  constructor(private readonly logOf: (jobId: number) => string | undefined) {
    this.server = createServer((request, response) => {
      this.requests++;
      if (request.headers.authorization) {
        this.requestsWithAuthorization++;
      }
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const match = /^\/job-logs\/(\d+)$/.exec(url.pathname);
      const jobId = match ? Number(match[1]) : NaN;
      const log =
        Number.isFinite(jobId) && url.searchParams.get('sig') === this.signature(jobId) ? this.logOf(jobId) : undefined;
      if (log === undefined) {
        // Blob storage answers a bad or expired signature with 403 and an XML body.
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0"?><Error><Code>AuthenticationFailed</Code></Error>');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(log);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  urlOf(jobId: number): string {
    return `http://127.0.0.1:${this.port}/job-logs/${jobId}?sig=${this.signature(jobId)}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private signature(jobId: number): string {
    return `${this.secret}-${jobId}`;
  }
}
