import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, type FixtureOptions, type FixtureRepo } from '../../support/gitFixtures';

/**
 * One fixture repository for the whole suite, made ready once by `hooks.repo`, and a fresh
 * GitHub server over its origin for every test, so no test sees another's state or faults.
 */
export function useServerPerTest(
  options: FixtureOptions,
  hooks: {
    readonly repo?: (repo: FixtureRepo) => void | Promise<void>;
    readonly server: (server: GitHubServer) => void;
  },
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
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo!.origin });
    hooks.server(server);
  });
  afterEach(async () => {
    await server?.close();
  });
}
