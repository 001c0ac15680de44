/**
 * The HTTP side of the fake GitHub: records each request, applies injected faults, checks
 * the token, routes, and answers the way api.github.com does: strong ETags with free
 * 304s, rate-limit headers, `X-Poll-Interval`, and GitHub-shaped error bodies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isGitRequest, serveGit } from '../gitHttp/gitHttpBackend';
import { NO_OBJECT } from './bareRepository';
import type { AddressInfo } from 'node:net';
import type { RateLimitSnapshot, ServerContext } from './context';
import type { FaultInjector } from './faults';
import { ApiError, documentationBase, type ApiResponse } from './http';
import type { Router } from './router';
import { SecondaryLimit } from './secondaryLimit';
import type { Fault, RecordedRequest, SecondaryRateLimitOptions, ServerStats } from './types';

export interface TransportOptions {
  readonly owner: string;
  readonly repo: string;
  /** The bare repository, also served over git's smart HTTP. */
  readonly bareRepo: string;
  readonly token?: string;
  readonly latencyMs?: number;
  readonly pollIntervalSeconds?: number;
  readonly rateLimit?: number;
  readonly conditionalRequests?: boolean;
  readonly now?: () => number;
  readonly secondaryRateLimit?: SecondaryRateLimitOptions;
}

/** GitHub's hourly core window: 304s and `GET /rate_limit` are free, everything else costs one. */
class RateLimitWindow {
  private used = 0;
  private resetAt: number;

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {
    this.resetAt = nextReset(now());
  }

  snapshot(): RateLimitSnapshot {
    if (this.now() / 1000 >= this.resetAt) {
      this.used = 0;
      this.resetAt = nextReset(this.now());
    }
    return { limit: this.limit, remaining: Math.max(0, this.limit - this.used), reset: this.resetAt, used: this.used };
  }

  spend(): RateLimitSnapshot {
    this.snapshot();
    this.used += 1;
    return this.snapshot();
  }
}

function nextReset(now: number): number {
  return Math.floor(now / 1000) + 3600;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Transport {
  readonly requests: RecordedRequest[] = [];
  readonly stats: ServerStats = { total: 0, notModified: 0, rateLimitUsed: 0, maxInFlight: 0, secondaryLimited: 0 };
  private readonly window: RateLimitWindow;
  private readonly secondary: SecondaryLimit;
  private readonly now: () => number;
  private readonly server: Server;
  private origin = '';

  constructor(
    private readonly options: TransportOptions,
    private readonly router: Router,
    private readonly faults: FaultInjector,
    private readonly context: () => ServerContext,
  ) {
    this.now = options.now ?? Date.now;
    this.window = new RateLimitWindow(options.rateLimit ?? 5000, this.now);
    this.secondary = new SecondaryLimit(options.secondaryRateLimit, this.now);
    this.server = createServer((request, response) => {
      // Git's smart HTTP for `<url>/<owner>/<repo>.git`, like a GitHub host serves both;
      // not counted as API requests.
      if (isGitRequest(request.url ?? '/')) {
        this.serveGitReportingPushes(request, response).catch((error: unknown) => {
          console.error(`github server: a git request failed: ${String(error)}`);
          if (!response.headersSent) {
            response.writeHead(500);
          }
          response.end();
        });
        return;
      }
      this.handle(request, response).catch((error: unknown) => {
        // A bug in a route must still answer, or the client would hang until its timeout.
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        }
        response.end(
          JSON.stringify({
            message: `Server Error: ${String(error)}`,
            documentation_url: documentationBase,
            status: '500',
          }),
        );
      });
    });
  }

  get url(): string {
    return this.origin;
  }

  /**
   * Serves git; a push (receive-pack) is told to whoever watches pushes, ref by ref, as
   * GitHub's push event tells it: the refs are listed before and after, only while watched.
   */
  private async serveGitReportingPushes(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const context = this.context();
    const pushing = request.method === 'POST' && (request.url ?? '').includes('/git-receive-pack');
    const before = pushing && context.pushesWatched() ? await refObjects(context) : undefined;
    serveGit(request, response, this.options.bareRepo, async () => {
      if (!before) {
        return;
      }
      const after = await refObjects(context);
      for (const ref of new Set([...before.keys(), ...after.keys()])) {
        const [old = NO_OBJECT, now = NO_OBJECT] = [before.get(ref), after.get(ref)];
        if (old !== now) {
          context.refUpdated({ ref, before: old, after: now });
        }
      }
    });
  }

  rateLimit(): RateLimitSnapshot {
    return this.window.snapshot();
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Counts the request in flight until it is answered, for the secondary limit and `maxInFlight`. */
  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const retryAfter = this.secondary.arrive(request.method ?? 'GET');
    this.stats.maxInFlight = this.secondary.maxInFlight;
    try {
      await this.answer(request, response, retryAfter);
    } finally {
      this.secondary.leave();
    }
  }

  private async answer(
    request: IncomingMessage,
    response: ServerResponse,
    secondaryRetryAfter: number | undefined,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const record: RecordedRequest = {
      method,
      path,
      status: 0,
      at: this.now(),
      ...(request.headers.authorization !== undefined ? { authorization: request.headers.authorization } : {}),
      ...(request.headers['if-none-match'] !== undefined ? { ifNoneMatch: request.headers['if-none-match'] } : {}),
      ...(request.headers['user-agent'] !== undefined ? { userAgent: request.headers['user-agent'] } : {}),
    };
    this.requests.push(record);
    this.stats.total += 1;
    const rawBody = await readBody(request);
    if (this.options.latencyMs) {
      await delay(this.options.latencyMs);
    }
    let fault = this.faults.take(method, path);
    if (fault?.kind === 'latency') {
      await delay(fault.ms);
      fault = this.faults.take(method, path, true);
    }
    if (secondaryRetryAfter !== undefined) {
      this.stats.secondaryLimited += 1;
      fault = { kind: 'rateLimitSecondary', retryAfterSeconds: secondaryRetryAfter };
    }
    if (fault?.kind === 'reset') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      // The socket stays open until the client gives up (or close() ends every connection).
      return;
    }
    const early = faultResponse(fault, this.now()) ?? this.authFailure(request);
    const answer = early ?? (await this.route(method, path, rawBody));
    if (fault?.kind === 'dropAfterWrite') {
      // The write happened (the route ran); the answer is lost on the way back.
      request.socket.destroy();
      return;
    }
    record.status = this.send(request, response, answer, fault);
  }

  /** `Authorization: token <t>` or `Bearer <t>`, as GitHub accepts both. */
  private authFailure(request: IncomingMessage): ApiResponse | undefined {
    const expected = this.options.token;
    if (expected === undefined) {
      return undefined;
    }
    const header = request.headers.authorization;
    if (header === undefined) {
      return {
        status: 401,
        body: new ApiError(401, 'Requires authentication', {}, '/overview/authenticating-to-the-rest-api').body,
      };
    }
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] !== expected) {
      return { status: 401, body: new ApiError(401, 'Bad credentials').body };
    }
    return undefined;
  }

  private async route(method: string, path: string, rawBody: string): Promise<ApiResponse> {
    const url = new URL(path, this.origin);
    const found = this.router.match(method, url.pathname);
    const context = this.context();
    const sameRepository = (value: string | undefined, expected: string) =>
      value === undefined || value.toLowerCase() === expected.toLowerCase();
    if (
      !found ||
      !sameRepository(found.params.owner, context.owner) ||
      !sameRepository(found.params.repo, context.repo)
    ) {
      return { status: 404, body: new ApiError(404, 'Not Found').body };
    }
    try {
      let body: unknown;
      try {
        body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
      } catch {
        throw new ApiError(400, 'Problems parsing JSON');
      }
      return await found.route.handler({ method, params: found.params, query: url.searchParams, body, url }, context);
    } catch (error) {
      if (error instanceof ApiError) {
        return { status: error.status, body: error.body };
      }
      throw error;
    }
  }

  /** Writes the answer (ETag/304, rate limit, poll interval, body faults); returns the status sent. */
  private send(
    request: IncomingMessage,
    response: ServerResponse,
    answer: ApiResponse,
    fault: Fault | undefined,
  ): number {
    const isGet = request.method === 'GET';
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      ...answer.headers,
    };
    if (isGet && this.options.pollIntervalSeconds !== undefined) {
      headers['x-poll-interval'] = String(this.options.pollIntervalSeconds);
    }
    const isSuccess = answer.status >= 200 && answer.status < 300;
    if (isGet && isSuccess) {
      const etag = `"${createHash('sha256').update(text).digest('hex')}"`;
      headers.etag = etag;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      // A body-corrupting fault models a broken answer with a body, never a 304.
      const corrupts = fault?.kind === 'malformedJson' || fault?.kind === 'truncatedJson';
      if (
        !corrupts &&
        this.options.conditionalRequests !== false &&
        etagMatches(request.headers['if-none-match'], etag)
      ) {
        // GitHub: a conditional request answered 304 costs no rate limit.
        this.stats.notModified += 1;
        response.writeHead(304, { ...headers, ...rateLimitHeaders(this.window.snapshot()) });
        response.end();
        return 304;
      }
    }
    const free = isGet && new URL(request.url ?? '/', this.origin).pathname === '/rate_limit';
    const rate = free ? this.window.snapshot() : this.window.spend();
    this.stats.rateLimitUsed = rate.used;
    Object.assign(headers, rateLimitHeaders(rate), answer.headers);
    if (fault?.kind === 'malformedJson') {
      return this.write(
        response,
        answer.status,
        headers,
        `${text.slice(0, Math.max(1, text.length - 2))},"message": oops}`,
      );
    }
    if (fault?.kind === 'truncatedJson') {
      headers['content-length'] = String(Buffer.byteLength(text));
      response.writeHead(answer.status, headers);
      // Half the promised bytes, then the connection ends: a body cut off mid-transfer.
      response.write(text.slice(0, Math.floor(text.length / 2)), () => response.socket?.destroy());
      return answer.status;
    }
    return this.write(response, answer.status, headers, text);
  }

  private write(response: ServerResponse, status: number, headers: Record<string, string>, text: string): number {
    response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
    response.end(text);
    return status;
  }
}

function rateLimitHeaders(rate: RateLimitSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(rate.remaining),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.used),
    'x-ratelimit-resource': 'core',
  };
}

/** `If-None-Match` may list several tags and weak forms (`W/"…"`); any equal one matches. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) {
    return false;
  }
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** The answer a fault replaces the real one with, before auth and routing (as a proxy or GitHub's edge would). */
function faultResponse(fault: Fault | undefined, now: number): ApiResponse | undefined {
  switch (fault?.kind) {
    case 'status':
      return { status: fault.status, body: new ApiError(fault.status, statusMessages[fault.status]).body };
    case 'unauthorized':
      return { status: 401, body: new ApiError(401, 'Bad credentials').body };
    case 'rateLimitPrimary': {
      const reset = Math.floor(now / 1000) + (fault.resetInSeconds ?? 3600);
      return {
        status: 403,
        body: new ApiError(
          403,
          'API rate limit exceeded for user ID 9919001. If you reach out to GitHub Support for help, please include the request ID.',
          {},
          '/overview/rate-limits-for-the-rest-api',
        ).body,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      };
    }
    case 'rateLimitSecondary':
      return {
        status: fault.status ?? 403,
        body: new ApiError(
          fault.status ?? 403,
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
          {},
          '/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        ).body,
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 60) },
      };
    case 'redirect':
      return {
        status: fault.status ?? 307,
        body: { message: 'Moved Permanently', url: fault.location, documentation_url: documentationBase },
        headers: { location: fault.location },
      };
    default:
      return undefined;
  }
}

const statusMessages: Record<number, string> = {
  // What GitHub answers a fine-grained token that lacks the read permission.
  403: 'Resource not accessible by personal access token',
  404: 'Not Found',
  410: 'Gone',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function refObjects(context: ServerContext): Promise<Map<string, string>> {
  return new Map((await context.git.refs()).map((entry) => [entry.ref, entry.sha]));
}
