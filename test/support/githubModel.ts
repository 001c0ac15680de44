/**
 * EnvFlow's GitHub side over a GitHub fixture: a client of the fixture's API server, and a
 * RepositoryModel that connects with the fixture's token. Retries are spaced for a local
 * server; everything else is as the extension makes it.
 */
import { RepositoryModel, type RepositoryModelOptions } from '../../src/core/flow/repositoryModel';
import { GitHubClient, type GitHubClientOptions } from '../../src/core/github/client';
import { FIXTURE_OWNER, FIXTURE_REPO, type GitHubFixture } from './githubFixture';

/** What a test may change of a client; where it talks and with which token come from the fixture. */
export type ClientOverrides = Partial<Omit<GitHubClientOptions, 'apiUrl' | 'owner' | 'repo' | 'token'>>;

export type GitHubModelOptions = Omit<RepositoryModelOptions, 'connect' | 'testRecord'> &
  Partial<Pick<RepositoryModelOptions, 'testRecord'>> & { readonly client?: ClientOverrides };

/** A client of the fixture's repository on its API server. */
export function fixtureClient(
  fixture: Pick<GitHubFixture, 'apiUrl' | 'token'>,
  overrides: ClientOverrides = {},
): GitHubClient {
  return new GitHubClient({
    apiUrl: fixture.apiUrl,
    owner: FIXTURE_OWNER,
    repo: FIXTURE_REPO,
    token: fixture.token,
    retryBaseMs: 10,
    ...overrides,
  });
}

/** A model that reaches whatever remote it finds with the fixture's token, and has no local test record. */
export function githubModel(fixture: Pick<GitHubFixture, 'token'>, options: GitHubModelOptions): RepositoryModel {
  const { client, ...model } = options;
  return new RepositoryModel({
    testRecord: () => undefined,
    ...model,
    connect: async (remote) =>
      new GitHubClient({
        apiUrl: remote.apiUrl,
        owner: remote.owner,
        repo: remote.repo,
        token: fixture.token,
        retryBaseMs: 10,
        ...client,
      }),
  });
}
