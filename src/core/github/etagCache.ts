/**
 * Conditional requests: every GET carries the ETag (or Last-Modified) of the last
 * answer for the same URL, so an unchanged state costs GitHub no rate limit
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 * One cache per client: the token is fixed per client, so keys never need it.
 */

/** What is kept of one successful GET. */
export interface CachedResponse {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly status: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
  readonly data: unknown;
}

/** A bounded least-recently-used map of validators and bodies, keyed by method and URL. */
export class EtagCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly notModifiedResponses = new WeakSet<object>();

  constructor(readonly maxEntries = 500) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, not ${maxEntries}`);
    }
  }

  /** The key of a request: method and absolute URL, never a header. */
  static keyOf(method: string, url: string): string {
    return `${method.toUpperCase()} ${url}`;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Looks up an entry and marks it most recently used. */
  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Stores an entry as most recently used, evicting the least recently used beyond the bound. */
  set(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Records that a response object was served from the cache after a 304. */
  markNotModified(response: object): void {
    this.notModifiedResponses.add(response);
  }

  /** True when the response object came from the cache after a 304. */
  isNotModified(response: object): boolean {
    return this.notModifiedResponses.has(response);
  }
}

/** The slice of an Octokit response the hook reads and returns. */
export interface HookResponse {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** The next step of Octokit's request chain, as handed to a `hook.wrap('request')`. */
export type HookRequest = (options: HookOptions) => Promise<HookResponse>;

/** Octokit's `request.endpoint.parse`: the final method and absolute URL of merged options. */
export type ParseEndpoint = (options: HookOptions) => { method: string; url: string };

export interface HookOptions {
  method: string;
  headers: Record<string, string | number | undefined>;
  [parameter: string]: unknown;
}

/**
 * The `hook.wrap('request', …)` body: adds validators to GETs, stores fresh answers
 * and turns a 304 (which Octokit throws) into the cached response, marked not-modified.
 */
export async function conditionalRequest(
  cache: EtagCache,
  parse: ParseEndpoint,
  request: HookRequest,
  options: HookOptions,
): Promise<HookResponse> {
  if (options.method.toUpperCase() !== 'GET') {
    return request(options);
  }
  const { method, url } = parse(options);
  const key = EtagCache.keyOf(method, url);
  const cached = cache.get(key);
  // Octokit's hook chain binds every inner hook to this same options object, so the
  // validator must be set on it, not on a copy.
  if (cached?.etag !== undefined) {
    options.headers = { ...options.headers, 'if-none-match': cached.etag };
  } else if (cached?.lastModified !== undefined) {
    options.headers = { ...options.headers, 'if-modified-since': cached.lastModified };
  }
  try {
    const response = await request(options);
    const etag = stringHeader(response.headers.etag);
    const lastModified = stringHeader(response.headers['last-modified']);
    if (etag !== undefined || lastModified !== undefined) {
      cache.set(key, {
        etag,
        lastModified,
        status: response.status,
        url: response.url,
        headers: response.headers,
        data: response.data,
      });
    } else {
      cache.delete(key);
    }
    return response;
  } catch (error) {
    const notModifiedResponse = cached && notModifiedHeaders(error);
    if (cached === undefined || notModifiedResponse === undefined) {
      throw error;
    }
    // Fresh headers (rate limit, poll interval) over the cached ones (link, content-type).
    const response: HookResponse = {
      status: cached.status,
      url: cached.url,
      headers: { ...cached.headers, ...notModifiedResponse },
      // A copy, so a caller that reshapes the data (as Octokit's paginate does) cannot spoil the cache.
      data: structuredClone(cached.data),
    };
    cache.markNotModified(response);
    return response;
  }
}

function notModifiedHeaders(error: unknown): Record<string, string | number | undefined> | undefined {
  if (typeof error !== 'object' || error === null || (error as { status?: unknown }).status !== 304) {
    return undefined;
  }
  return (error as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers ?? {};
}

function stringHeader(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
