/**
 * Downloads from a short-lived signed URL GitHub redirected to (job logs live on a
 * storage host, not the API's). The signature in the URL is the credential: the
 * request carries no Authorization header and no cookie, goes only over https (plain
 * http only to this machine, for tests), and is size-capped and timed out like every
 * API request.
 */
import { isLoopbackHost } from '../util/origin';
import { createGuardedFetch, ForeignOriginError } from './guardedFetch';

export class InsecureDownloadError extends Error {
  override readonly name = 'InsecureDownloadError';
}

/** The redirect target when GitHub answered with a redirect to another origin (Octokit wraps the fetch error). */
export function foreignRedirectTarget(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && depth < 4; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (cause instanceof ForeignOriginError && cause.viaRedirect) {
      return cause.target;
    }
  }
  return undefined;
}

export async function downloadSignedUrl(
  target: string,
  options: { readonly timeoutMs: number; readonly maxBodyBytes: number },
): Promise<string> {
  const url = new URL(target);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new InsecureDownloadError(`GitHub sent a log link that is not https (${url.host}); EnvFlow did not open it.`);
  }
  const fetchOnce = createGuardedFetch({
    apiOrigin: url.origin,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: options.maxBodyBytes,
  });
  const response = await fetchOnce(url, { method: 'GET', credentials: 'omit', headers: { accept: 'text/plain' } });
  if (!response.ok) {
    throw new Error(`The log storage answered ${response.status}; the link may have expired, try again.`);
  }
  return response.text();
}
