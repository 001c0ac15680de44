/**
 * What a route sees and returns, GitHub's error bodies, and GitHub's page-number
 * pagination with its `Link` header. Transport concerns (ETag, rate limit, faults)
 * live in server.ts; routes only produce status + JSON.
 */

export const documentationBase = 'https://docs.github.com/rest';

export interface ApiRequest {
  readonly method: string;
  /** Decoded path parameters of the matched route. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body (undefined for GET or an empty body). */
  readonly body: unknown;
  /** The request's URL with the server's origin: the base of pagination links. */
  readonly url: URL;
}

export interface ApiResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A GitHub-shaped error answer, thrown by routes and rendered by the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
    readonly documentationPath = '',
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return {
      message: this.message,
      ...this.extra,
      documentation_url: `${documentationBase}${this.documentationPath}`,
      status: String(this.status),
    };
  }
}

export function notFound(message = 'Not Found'): ApiError {
  return new ApiError(404, message);
}

/** GitHub's 422: "Validation Failed" with a list of field errors, or a plain message. */
export function validationFailed(errors: readonly Record<string, unknown>[], message = 'Validation Failed'): ApiError {
  return new ApiError(422, message, errors.length > 0 ? { errors } : {});
}

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): ApiResponse {
  return { status, body, headers };
}

/** The JSON body as an object (empty when absent), or GitHub's 400 for any other JSON value. */
export function jsonBody(request: ApiRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined) {
    return {};
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'Problems parsing JSON');
  }
  return body as Record<string, unknown>;
}

export function requireString(body: Record<string, unknown>, field: string, resource: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw validationFailed([{ resource, field, code: 'missing_field' }]);
  }
  return value;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' ? value : undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly headers: Record<string, string>;
}

/**
 * One page of `items` by `page`/`per_page` (default 30, max 100, like GitHub), with a
 * `Link` header carrying first/prev/next/last as GitHub sends it.
 */
export function paginate<T>(items: readonly T[], request: ApiRequest): Page<T> {
  const perPage = clamp(Number(request.query.get('per_page') ?? 30) || 30, 1, 100);
  const page = Math.max(1, Math.floor(Number(request.query.get('page') ?? 1)) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageItems = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const linkTo = (target: number, rel: string) => {
    const url = new URL(request.url.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    links.push(`<${url.href}>; rel="${rel}"`);
  };
  if (page > 1) {
    linkTo(page - 1, 'prev');
  }
  if (page < lastPage) {
    linkTo(page + 1, 'next');
    linkTo(lastPage, 'last');
  }
  if (page > 1) {
    linkTo(1, 'first');
  }
  return { items: pageItems, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}
