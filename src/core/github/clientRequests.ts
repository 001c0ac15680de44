/**
 * The request primitives of GitHubClient, lent to the endpoint groups that live in
 * their own files: the same ETag cache, pagination, error mapping and write rules.
 */
import type { Fetched } from './types';

export interface ClientRequests {
  /** API host, as messages name it. */
  readonly host: string;
  /** The repository's web page. */
  readonly webUrl: string;
  /** Runs `body`, mapping any failure to a GitHubError named by `what`. */
  call<T>(what: string, body: () => Promise<T>): Promise<T>;
  /** One conditional GET. */
  getOne<T>(route: string, parameters: Record<string, unknown>, toData: (raw: unknown) => T): Promise<Fetched<T>>;
  /** A conditional, paginated GET of at most `maxPages` pages. */
  getPages<T>(
    route: string,
    parameters: Record<string, unknown>,
    toItems: (raw: unknown) => readonly T[],
    maxPages?: number,
  ): Promise<Fetched<T[]>>;
  /** A branch, tag or ref name as path segments, refused when a segment would reach another endpoint. */
  refPath(name: string): string;
  /** A write, never retried. */
  write(
    route: string,
    parameters: Record<string, unknown>,
  ): Promise<{ readonly status: number; readonly data: unknown }>;
}

/** GitHub's status and message of a refused request, when the failure is one. */
export function refusalOf(error: unknown): { status: number; message: string | undefined } | undefined {
  const { status, response } = error as { status?: unknown; response?: { data?: unknown } };
  if (typeof status !== 'number') {
    return undefined;
  }
  const data = response?.data;
  const body = typeof data === 'object' && data !== null ? (data as { message?: unknown; errors?: unknown }) : {};
  // A 422's `message` is often only "Validation Failed"; the reason is in `errors[].message`.
  const detail = Array.isArray(body.errors)
    ? body.errors
        .map((entry) => (entry as { message?: unknown } | null)?.message)
        .find((text) => typeof text === 'string')
    : undefined;
  const message = typeof detail === 'string' ? detail : body.message;
  return { status, message: typeof message === 'string' ? message : undefined };
}
