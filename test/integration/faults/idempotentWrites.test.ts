/**
 * The race the matrix's "write done, answer lost" column cannot make:
 * someone opens the same pull request between EnvFlow's look-up and its create. GitHub
 * answers 422 "A pull request already exists"; the command shows that one, and there
 * is still exactly one.
 */
import * as assert from 'node:assert/strict';
import { GitHubClient } from '../../../src/core/github/client';
import { pushAndOpenPullRequest } from '../../../src/core/release/branchPullRequest';
import { syncDevelop } from '../../../src/core/release/sync';
import { config, OWNER, REPO, TOKEN } from '../../support/releaseHarness';
import { buildTemplate, openCase, type CaseContext, type Template } from '../../support/faultCase';

describe('idempotent writes: a pull request opened by someone else meanwhile', function () {
  this.timeout(30_000);
  let template: Template;
  let context: CaseContext;

  before(async () => {
    template = await buildTemplate('race', {}, async (repo) => {
      await repo.git('switch', '--quiet', 'main');
      await repo.commit('Hotfix', { 'hotfix.txt': 'fixed\n' });
      await repo.git('push', '--quiet', 'origin', 'main');
      await repo.git('switch', '--quiet', '--create', 'feature/race', 'develop');
      await repo.commit('Race', { 'race.txt': 'race\n' });
    });
  });
  after(() => template.dispose());
  beforeEach(async () => {
    context = await openCase(template);
  });
  afterEach(() => context.dispose());

  /** A client that lets a teammate open `head` → `base` right after EnvFlow's first look-up found none. */
  function racedClient(head: string, base: string): { client: GitHubClient; raced: () => number | undefined } {
    let raced: number | undefined;
    const client = new GitHubClient({
      apiUrl: context.server.url,
      owner: OWNER,
      repo: REPO,
      token: TOKEN,
      retryBaseMs: 1,
      writePacing: 'none',
      onRequest: ({ method, url }) => {
        if (raced === undefined && method === 'GET' && /\/pulls\?/.test(url)) {
          raced = context.server.openPullRequest({ head, base, title: 'Opened by a teammate' });
        }
      },
    });
    return { client, raced: () => raced };
  }

  const open = (head: string, base: string) =>
    context.server.state.pulls.filter((p) => p.state === 'open' && p.head === head && p.base === base);

  it('open PR: shows the teammate’s pull request instead of failing or opening a second', async () => {
    const { client, raced } = racedClient('feature/race', 'develop');
    const result = await pushAndOpenPullRequest({
      git: context.guarded.repo,
      client,
      branch: 'feature/race',
      base: 'develop',
      setUpstream: true,
      compose: async () => ({ title: 'Race', body: '' }),
    });
    assert.ok(raced(), 'the teammate opened it between the look-up and the create');
    assert.deepEqual([result?.created, result?.pullRequest.number], [false, raced()]);
    assert.equal(open('feature/race', 'develop').length, 1);
    assert.ok(
      context.server.requests.some((r) => r.method === 'POST' && r.status === 422),
      'GitHub did answer 422 to the create',
    );
  });

  it('sync develop: shows the teammate’s pull request, one in all', async () => {
    const { client, raced } = racedClient('main', 'develop');
    const result = await syncDevelop({ git: context.guarded.repo, client, config });
    assert.ok(result.kind === 'existing', `expected the existing pull request, got ${result.kind}`);
    assert.equal(result.pullRequest.number, raced());
    assert.equal(open('main', 'develop').length, 1);
  });
});
