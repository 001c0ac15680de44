/**
 * A bare HTTP client for the server's tests: plain fetch, no Octokit, so the tests see
 * exactly the status, headers and bytes the server sends.
 */
import type { GitHubServer } from '../../support/githubServer/index';

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON body; undefined for an empty body. */
  readonly json: unknown;
  readonly text: string;
}

export interface CallOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly token?: string;
}

export async function call(server: GitHubServer, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...options.headers };
  if (options.token) {
    headers.authorization = `token ${options.token}`;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text), text };
}

/** `call` for a route under `/repos/{owner}/{repo}`. */
export function repoCall(server: GitHubServer, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  return call(server, method, `/repos/octo/service${path}`, options);
}

/** Object access for JSON in assertions without a cast at every step. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), value);
}
