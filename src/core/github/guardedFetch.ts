/**
 * The fetch Octokit uses. It is where the token's safety is enforced: a request
 * leaves only for the configured API origin, and only over https (or http on this
 * machine's loopback interface); a path with a `.` or `..` segment is refused before
 * URL parsing could resolve it to another endpoint; redirects are followed by hand and
 * only within that origin, and every attempt has its own timeout.
 */
import { insecureApiUrlReason } from '../util/origin';

/** Thrown instead of sending a request (and its Authorization header) to another origin. */
export class ForeignOriginError extends Error {
  override readonly name = 'ForeignOriginError';

  constructor(
    readonly target: string,
    readonly apiOrigin: string,
    readonly viaRedirect: boolean,
  ) {
    super(
      viaRedirect
        ? `GitHub redirected to ${new URL(target).host}, which is not ${new URL(apiOrigin).host}; EnvFlow does not send your token there.`
        : `EnvFlow sends requests only to ${new URL(apiOrigin).host}, not to ${new URL(target).host}.`,
    );
  }
}

/** Thrown instead of sending a request whose path would be resolved somewhere else (`branches/../protection`). */
export class DotSegmentError extends Error {
  override readonly name = 'DotSegmentError';

  constructor(readonly target: string) {
    super(
      `EnvFlow refused a GitHub request whose path holds a '.' or '..' segment (${target.split('?')[0]}): a name from settings or from GitHub would have pointed it at another endpoint.`,
    );
  }
}

/** Thrown instead of sending the token over plain http to a host off this machine. */
export class InsecureOriginError extends Error {
  override readonly name = 'InsecureOriginError';
}

/** Thrown when a response body passes the size cap; the rest of it is never read. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';

  constructor(
    readonly url: string,
    readonly limitBytes: number,
  ) {
    super(
      `GitHub sent more than ${Math.round(limitBytes / 1024 / 1024)} MB for ${new URL(url).pathname}; EnvFlow stopped reading it.`,
    );
  }
}

/** Thrown after too many same-origin redirects in a row. */
export class RedirectLoopError extends Error {
  override readonly name = 'RedirectLoopError';
}

/** One HTTP exchange, reported after it completed (whatever the status). */
export interface ExchangeInfo {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
}

export interface GuardedFetchOptions {
  /** Origin (`scheme://host:port`) of the API base URL; the only one a request may reach. */
  readonly apiOrigin: string;
  /** Timeout of each attempt, body included. */
  readonly timeoutMs: number;
  /** Same-origin redirect hops followed before giving up. */
  readonly maxRedirects?: number;
  /** Largest response body read into memory (default 32 MiB); a larger one fails with ResponseTooLargeError. */
  readonly maxBodyBytes?: number;
  /** Called for every response, redirects included. */
  readonly onExchange?: (info: ExchangeInfo) => void;
  /** The underlying fetch (default: Node's global fetch). */
  readonly fetch?: typeof fetch;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
// GitHub's largest pages (100 pull requests, a 250-commit compare) are a few MB.
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Builds the fetch wrapper described in the module comment. */
export function createGuardedFetch(options: GuardedFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 3;
  const apiOrigin = new URL(options.apiOrigin).origin;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const insecure = insecureApiUrlReason(apiOrigin);

  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (insecure !== undefined) {
      throw new InsecureOriginError(insecure);
    }
    const raw = input instanceof Request ? input.url : input.toString();
    if (hasDotSegment(raw)) {
      throw new DotSegmentError(raw);
    }
    let url = new URL(raw);
    if (url.origin !== apiOrigin) {
      throw new ForeignOriginError(url.href, apiOrigin, false);
    }
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    for (let hop = 0; ; hop++) {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const response = await baseFetch(url, { ...init, method, body, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) {
        // Read the whole body here, under the timeout: a connection that drops mid-body
        // then fails as a network error (which is retried) instead of reaching Octokit
        // as a half-read body it would silently hand back as text.
        const buffered = await bufferResponse(response, url, maxBodyBytes);
        options.onExchange?.({ method, url: url.href, status: response.status, headers: response.headers });
        return buffered;
      }
      options.onExchange?.({ method, url: url.href, status: response.status, headers: response.headers });
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== apiOrigin) {
        throw new ForeignOriginError(next.href, apiOrigin, true);
      }
      if (hop >= maxRedirects) {
        throw new RedirectLoopError(`More than ${maxRedirects} redirects from ${url.pathname}.`);
      }
      // The fetch standard's method rewrite: 303 always, 301/302 for POST, become a GET without a body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}

/** A `.` or `..` path segment, also percent-encoded (`%2e`), which URL parsing would resolve away. */
function hasDotSegment(rawUrl: string): boolean {
  const path = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  return path.split(/\/|\\/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

async function bufferResponse(response: Response, url: URL, maxBodyBytes: number): Promise<Response> {
  const bytes = NULL_BODY_STATUSES.has(response.status) ? null : await readCapped(response, url, maxBodyBytes);
  const buffered = new Response(bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // Octokit reports `response.url`; a constructed Response has none of its own.
  Object.defineProperty(buffered, 'url', { value: response.url || url.href });
  return buffered;
}

/** Reads the body chunk by chunk so a huge (or endless) one is cut off at the cap, not buffered whole. */
async function readCapped(response: Response, url: URL, maxBodyBytes: number): Promise<Uint8Array | null> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBodyBytes) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(url.href, maxBodyBytes);
  }
  if (!response.body) {
    return null;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBodyBytes) {
      // Leaving the loop early cancels the stream, which closes the connection.
      throw new ResponseTooLargeError(url.href, maxBodyBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
