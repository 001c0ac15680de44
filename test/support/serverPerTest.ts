import { startGitHubServer, type GitHubServer, type GitHubServerOptions } from '../../tools/githubServer/index';
import { createFixtureRepo, type FixtureOptions, type FixtureRepo } from './gitFixtures';

/**
 * One fixture repository for the whole suite, made ready once by `hooks.repo`, and a fresh
 * GitHub server over its origin for every test (as octo/service, with `serverOptions`), so no
 * test sees another's state, faults or rate limit.
 */
export function useServerPerTest(
  options: FixtureOptions,
  hooks: {
    readonly repo?: (repo: FixtureRepo) => void | Promise<void>;
    readonly server: (server: GitHubServer) => void;
  },
  serverOptions: Omit<GitHubServerOptions, 'owner' | 'repo' | 'bareRepo'> = {},
): void {
  let repo: FixtureRepo | undefined;
  let server: GitHubServer | undefined;
  before(async () => {
    repo = await createFixtureRepo(options);
    await hooks.repo?.(repo);
  });
  after(async () => {
    await repo?.dispose();
  });
  beforeEach(async () => {
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo!.origin, ...serverOptions });
    hooks.server(server);
  });
  afterEach(async () => {
    // Undefined only when the server failed to start; that failure is already reported.
    await server?.close();
    server = undefined;
  });
}
