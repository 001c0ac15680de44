/** Pull requests on the GitHub server: GitHub's validation, filters, pagination and real merges. */
import * as assert from 'node:assert/strict';
import type { GitHubServer } from '../../../tools/githubServer/index';
import { git, type FixtureRepo } from '../../support/gitFixtures';
import { useServerPerTest } from '../../support/serverPerTest';
import { field, repoCall } from './apiClient';

describe('GitHub server: pull requests', function () {
  let repo: FixtureRepo;
  let server: GitHubServer;
  useServerPerTest(
    { name: 'github-pulls', developAhead: 1 },
    {
      repo: async (opened) => {
        repo = opened;
        for (const name of ['feature/a', 'feature/b', 'feature/c']) {
          await repo.git('switch', '--quiet', '--create', name, 'develop');
          await repo.commit(`Work on ${name}`, { [`${name.replace('/', '-')}.txt`]: `${name}\n` });
          await repo.git('push', '--quiet', 'origin', name);
        }
        await repo.git('push', '--quiet', 'origin', 'develop:refs/heads/empty');
      },
      server: (started) => (server = started),
    },
  );

  it('creates a pull request with the branches’ real SHAs and finds it by owner:branch', async () => {
    const created = await repoCall(server, 'POST', '/pulls', {
      body: { head: 'feature/a', base: 'develop', title: 'Feature A', body: 'Why' },
    });
    assert.equal(created.status, 201);
    assert.equal(field(created.json, 'head', 'sha'), await repo.git('rev-parse', 'feature/a'));
    assert.equal(field(created.json, 'base', 'sha'), await repo.git('rev-parse', 'develop'));
    assert.equal(
      field(created.json, 'html_url'),
      `https://github.com/octo/service/pull/${String(field(created.json, 'number'))}`,
    );
    assert.equal(field(created.json, 'commits'), 1);
    assert.equal(field(created.json, 'additions'), 1);

    const found = await repoCall(server, 'GET', '/pulls?head=octo:feature/a&base=develop');
    assert.deepEqual(
      (found.json as unknown[]).map((pull) => field(pull, 'number')),
      [field(created.json, 'number')],
    );
    const otherBase = await repoCall(server, 'GET', '/pulls?head=octo:feature/a&base=main');
    assert.deepEqual(otherBase.json, []);
  });

  it('refuses what GitHub refuses: a duplicate, an empty range, unknown branches, a missing title', async () => {
    server.openPullRequest({ head: 'feature/a', base: 'develop', title: 'Feature A' });
    const duplicate = await repoCall(server, 'POST', '/pulls', {
      body: { head: 'octo:feature/a', base: 'develop', title: 'Again' },
    });
    assert.equal(duplicate.status, 422);
    assert.equal(field(duplicate.json, 'message'), 'Validation Failed');
    assert.equal(field(duplicate.json, 'errors', 0, 'message'), 'A pull request already exists for octo:feature/a.');

    const empty = await repoCall(server, 'POST', '/pulls', {
      body: { head: 'empty', base: 'develop', title: 'Nothing' },
    });
    assert.equal(empty.status, 422);
    assert.equal(field(empty.json, 'errors', 0, 'message'), 'No commits between develop and empty');

    const unknown = await repoCall(server, 'POST', '/pulls', {
      body: { head: 'feature/nope', base: 'release', title: 'Ghost' },
    });
    assert.equal(unknown.status, 422);
    assert.deepEqual(
      (field(unknown.json, 'errors') as unknown[]).map((error) => field(error, 'field')),
      ['base', 'head'],
    );

    const untitled = await repoCall(server, 'POST', '/pulls', { body: { head: 'feature/b', base: 'develop' } });
    assert.equal(untitled.status, 422);
    assert.throws(
      () => server.openPullRequest({ head: 'feature/a', base: 'develop', title: 'Helper too' }),
      /Validation Failed/,
    );
    assert.equal(server.state.pulls.length, 1, 'nothing refused was stored');
  });

  it('pages the list with Link headers like GitHub (newest first)', async () => {
    const numbers = ['feature/a', 'feature/b', 'feature/c'].map((head) =>
      server.openPullRequest({ head, base: 'develop', title: head }),
    );
    const first = await repoCall(server, 'GET', '/pulls?per_page=2');
    assert.deepEqual(
      (first.json as unknown[]).map((pull) => field(pull, 'number')),
      [numbers[2], numbers[1]],
    );
    const link = first.headers.get('link') ?? '';
    assert.match(link, /<http:\/\/127\.0\.0\.1:\d+\/repos\/octo\/service\/pulls\?per_page=2&page=2>; rel="next"/);
    assert.match(link, /page=2>; rel="last"/);

    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? '';
    const second = await fetch(next);
    assert.deepEqual(
      ((await second.json()) as unknown[]).map((pull) => field(pull, 'number')),
      [numbers[0]],
    );
    assert.match(second.headers.get('link') ?? '', /rel="prev".*rel="first"/);
    assert.equal((await repoCall(server, 'GET', '/pulls')).headers.get('link'), null, 'one page has no Link');
  });

  it('merges with a real merge commit that moves the base branch in the bare repository', async () => {
    const number = server.openPullRequest({ head: 'feature/b', base: 'develop', title: 'Feature B' });
    const baseBefore = await git(repo.origin, ['rev-parse', 'develop']);
    const headSha = await git(repo.origin, ['rev-parse', 'feature/b']);
    const mergeSha = await server.mergePullRequest(number);

    assert.equal(await git(repo.origin, ['rev-parse', 'develop']), mergeSha);
    assert.equal(await git(repo.origin, ['rev-parse', `${mergeSha}^1`]), baseBefore);
    assert.equal(await git(repo.origin, ['rev-parse', `${mergeSha}^2`]), headSha);
    assert.equal(
      await git(repo.origin, ['show', '-s', '--format=%s', mergeSha]),
      'Merge pull request #1 from octo/feature/b',
    );
    await git(repo.origin, ['cat-file', '-e', `${mergeSha}:feature-b.txt`]);

    const pull = await repoCall(server, 'GET', `/pulls/${number}`);
    assert.equal(field(pull.json, 'state'), 'closed');
    assert.equal(field(pull.json, 'merged'), true);
    assert.equal(field(pull.json, 'merge_commit_sha'), mergeSha);
    assert.deepEqual(await repoCall(server, 'GET', '/pulls').then((answer) => answer.json), [], 'no longer open');
    assert.equal(
      (await repoCall(server, 'GET', '/pulls?state=closed').then((answer) => answer.json as unknown[])).length,
      1,
    );
  });

  it('lists reviews and answers 404 for an unknown pull request', async () => {
    const number = server.openPullRequest({ head: 'feature/c', base: 'develop', title: 'Feature C' });
    server.addPullRequestReview(number, { state: 'CHANGES_REQUESTED', login: 'grace', body: 'Add a test' });
    const reviews = await repoCall(server, 'GET', `/pulls/${number}/reviews`);
    assert.deepEqual(
      (reviews.json as unknown[]).map((review) => [field(review, 'state'), field(review, 'user', 'login')]),
      [['CHANGES_REQUESTED', 'grace']],
    );
    const missing = await repoCall(server, 'GET', '/pulls/404');
    assert.equal(missing.status, 404);
    assert.equal(field(missing.json, 'message'), 'Not Found');
  });
});
