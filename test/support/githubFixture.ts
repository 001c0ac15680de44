/**
 * A repository whose origin is the GitHub API server: the server serves the bare
 * repository over git's smart HTTP at `<url>/<owner>/<repo>.git` and the REST API at
 * `<url>`, so EnvFlow sees a GitHub Enterprise host with real refs and real pushes.
 */
import { createFixtureRepo, type FixtureOptions, type FixtureRepo } from './gitFixtures';
import { startGitHubServer, type GitHubServer, type GitHubServerOptions } from '../../tools/githubServer';

export const FIXTURE_OWNER = 'acme';
export const FIXTURE_REPO = 'shop';
/** A token shape that `redact` recognises, so a leak would show as `***` in logs. */
export const FIXTURE_TOKEN = 'ghp_envflowFixtureToken000000000000000000';

export interface GitHubFixture {
  readonly repo: FixtureRepo;
  readonly server: GitHubServer;
  /** `envflow.github.apiUrl` for this fixture. */
  readonly apiUrl: string;
  readonly token: string;
  dispose(): Promise<void>;
}

export async function createGitHubFixture(
  options: FixtureOptions &
    Pick<
      GitHubServerOptions,
      'latencyMs' | 'pollIntervalSeconds' | 'conditionalRequests' | 'now' | 'secondaryRateLimit'
    > & { readonly repo?: FixtureRepo; readonly token?: string } = {},
): Promise<GitHubFixture> {
  const repo = options.repo ?? (await createFixtureRepo({ name: 'github', ...options }));
  const server = await startGitHubServer({
    owner: FIXTURE_OWNER,
    repo: FIXTURE_REPO,
    bareRepo: repo.origin,
    token: options.token ?? FIXTURE_TOKEN,
    latencyMs: options.latencyMs,
    pollIntervalSeconds: options.pollIntervalSeconds,
    conditionalRequests: options.conditionalRequests,
    now: options.now,
    secondaryRateLimit: options.secondaryRateLimit,
  });
  await repo.git('remote', 'set-url', 'origin', `${server.url}/${FIXTURE_OWNER}/${FIXTURE_REPO}.git`);
  await repo.git('fetch', '--quiet', 'origin');
  return {
    repo,
    server,
    apiUrl: server.url,
    token: options.token ?? FIXTURE_TOKEN,
    dispose: async () => {
      await server.close();
      if (!options.repo) {
        await repo.dispose();
      }
    },
  };
}
