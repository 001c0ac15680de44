import { GitHubClient, type GitHubClientOptions } from '../../../src/core/github/client';

/** EnvFlow's client of a plain test server at `url`, as repository o/r, its retries spaced for tests. */
export function plainClient(
  url: string,
  options: Pick<GitHubClientOptions, 'token'> & Partial<GitHubClientOptions>,
): GitHubClient {
  return new GitHubClient({ apiUrl: url, owner: 'o', repo: 'r', retryBaseMs: 10, ...options });
}
