/**
 * The innermost Octokit hook, right above fetch. It settles the failures that must
 * not be retried or misread before the throttling and retry plugins see them:
 * a timeout or a refused foreign origin becomes a final GitHubError, and a JSON
 * body Octokit could not parse (it hands such bodies back as text) becomes `malformed`.
 */
import { GitHubError, malformedResponse, toGitHubError } from './errors';
import { ForeignOriginError, RedirectLoopError, ResponseTooLargeError } from './guardedFetch';

/** The option key under which the client tells this plugin the API host, for messages. */
export const GUARD_HOST_OPTION = 'envflowApiHost';

interface GuardedResponse {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

interface HookCollectionLike {
  wrap(
    name: 'request',
    hook: (request: (options: never) => Promise<GuardedResponse>, options: never) => Promise<GuardedResponse>,
  ): void;
}

/** An Octokit plugin: `Octokit.plugin(responseGuard, throttling, retry)` — first, so it wraps the fetch most closely. */
export function responseGuard(octokit: { hook: unknown }, options: Record<string, unknown>): void {
  const host = typeof options[GUARD_HOST_OPTION] === 'string' ? options[GUARD_HOST_OPTION] : 'GitHub';
  (octokit.hook as HookCollectionLike).wrap('request', async (request, requestOptions) => {
    let response: GuardedResponse;
    try {
      response = await request(requestOptions);
    } catch (error) {
      throw settledError(error, host) ?? error;
    }
    if (isUnparsedJson(response)) {
      throw malformedResponse('a JSON response body');
    }
    return response;
  });
}

/** The final error for failures no plugin should retry; undefined for the rest. */
function settledError(error: unknown, host: string): GitHubError | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof ForeignOriginError) {
    return new GitHubError('unknown', cause.message, { cause });
  }
  // Reading it again would cost the same memory and time for the same refusal.
  if (cause instanceof ResponseTooLargeError) {
    return new GitHubError('malformed', cause.message, { cause });
  }
  if (cause instanceof RedirectLoopError) {
    return new GitHubError('server', 'GitHub redirected in a loop; EnvFlow tries again on the next refresh.', {
      cause,
    });
  }
  // A timeout already waited the whole budget; retrying would keep the user waiting for minutes.
  if (cause instanceof Error && cause.name === 'TimeoutError') {
    return toGitHubError(cause, host);
  }
  return undefined;
}

/** Octokit returns a JSON body that failed to parse as the raw string; GitHub's JSON bodies are never strings. */
function isUnparsedJson(response: GuardedResponse): boolean {
  const contentType = String(response.headers['content-type'] ?? '');
  return (
    response.status !== 204 &&
    response.status !== 205 &&
    /\bjson\b/i.test(contentType) &&
    typeof response.data === 'string'
  );
}
