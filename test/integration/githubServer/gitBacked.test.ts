/**
 * The routes answered from the bare repository (compare, refs, branches) and the check
 * state of a ref (check runs, commit statuses): what they say must be what git says.
 */
import * as assert from 'node:assert/strict';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, git, type FixtureRepo } from '../../support/gitFixtures';
import { field, repoCall } from './apiClient';

describe('GitHub server: git-backed routes and checks', function () {
  let repo: FixtureRepo;
  let server: GitHubServer;
  let developSha: string;

  before(async () => {
    repo = await createFixtureRepo({ name: 'github-git', developAhead: 3 });
    // main gets a hotfix of its own, so main and develop diverge.
    await repo.git('switch', '--quiet', 'main');
    await repo.commit('Hotfix', { 'hotfix.txt': 'fix\n' });
    await repo.git('push', '--quiet', 'origin', 'main');
    developSha = await repo.git('rev-parse', 'develop');
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo.origin });
  });

  after(async () => {
    await server.close();
    await repo.dispose();
  });

  it('compares like git: counts, status and commit order', async () => {
    const answer = await repoCall(server, 'GET', '/compare/main...develop');
    const [behind, ahead] = (await git(repo.origin, ['rev-list', '--left-right', '--count', 'main...develop']))
      .split(/\s+/)
      .map(Number);
    assert.equal(field(answer.json, 'ahead_by'), ahead);
    assert.equal(field(answer.json, 'behind_by'), behind);
    assert.equal(field(answer.json, 'total_commits'), 3);
    assert.equal(field(answer.json, 'status'), 'diverged');
    assert.deepEqual(
      (field(answer.json, 'commits') as unknown[]).map((commit) => field(commit, 'commit', 'message')),
      ['Develop change 1', 'Develop change 2', 'Develop change 3'],
    );
    assert.equal(field(answer.json, 'commits', 2, 'sha'), developSha);
    assert.equal(field(answer.json, 'commits', 0, 'commit', 'author', 'name'), 'Ada Developer');
    assert.equal(
      field(answer.json, 'merge_base_commit', 'sha'),
      await git(repo.origin, ['merge-base', 'main', 'develop']),
    );

    assert.equal(field((await repoCall(server, 'GET', '/compare/develop...develop')).json, 'status'), 'identical');
    assert.equal(
      field((await repoCall(server, 'GET', `/compare/${developSha}...octo:develop~1`)).json, 'status'),
      'behind',
    );
    assert.equal((await repoCall(server, 'GET', '/compare/main...nope')).status, 404);
  });

  it('reads refs and creates a real one in the bare repository, never over an existing one', async () => {
    const ref = await repoCall(server, 'GET', '/git/ref/heads/develop');
    assert.deepEqual(field(ref.json, 'object'), {
      sha: developSha,
      type: 'commit',
      url: `${server.url}/repos/octo/service/git/commits/${developSha}`,
    });
    assert.equal((await repoCall(server, 'GET', '/git/ref/heads%2Fdevelop')).status, 200, 'an encoded slash works too');
    assert.equal((await repoCall(server, 'GET', '/git/ref/heads/nope')).status, 404);

    const created = await repoCall(server, 'POST', '/git/refs', {
      body: { ref: 'refs/tags/backup/production-20240101T000000Z', sha: developSha },
    });
    assert.equal(created.status, 201);
    assert.equal(await git(repo.origin, ['rev-parse', 'refs/tags/backup/production-20240101T000000Z']), developSha);
    const again = await repoCall(server, 'POST', '/git/refs', {
      body: { ref: 'refs/tags/backup/production-20240101T000000Z', sha: developSha },
    });
    assert.equal(again.status, 422);
    assert.equal(field(again.json, 'message'), 'Reference already exists');
    const badName = await repoCall(server, 'POST', '/git/refs', { body: { ref: 'develop', sha: developSha } });
    assert.equal(badName.status, 422);
    const badSha = await repoCall(server, 'POST', '/git/refs', {
      body: { ref: 'refs/heads/x', sha: '0123456789012345678901234567890123456789' },
    });
    assert.equal(field(badSha.json, 'message'), 'Object does not exist');

    const matching = await repoCall(server, 'GET', '/git/matching-refs/tags/backup/');
    assert.deepEqual(
      (matching.json as unknown[]).map((entry) => field(entry, 'ref')),
      ['refs/tags/backup/production-20240101T000000Z'],
    );
    assert.deepEqual((await repoCall(server, 'GET', '/git/matching-refs/tags/none')).json, []);
  });

  it('shows a branch with its head commit and protection flag', async () => {
    const branch = await repoCall(server, 'GET', '/branches/develop');
    assert.equal(field(branch.json, 'commit', 'sha'), developSha);
    assert.equal(field(branch.json, 'protected'), false);
    assert.equal((await repoCall(server, 'GET', '/branches/nope')).status, 404);
  });

  it('lists the latest check run of each name and combines commit statuses like GitHub', async () => {
    const build = server.addCheckRun(developSha, { name: 'build', status: 'in_progress' });
    server.addCheckRun(developSha, { name: 'lint', status: 'completed', conclusion: 'failure' });
    server.addCheckRun(developSha, { name: 'lint', status: 'completed', conclusion: 'success' });
    server.updateCheckRun(build, { status: 'completed', conclusion: 'success' });
    const runs = await repoCall(server, 'GET', '/commits/develop/check-runs');
    assert.equal(field(runs.json, 'total_count'), 2);
    assert.deepEqual(
      (field(runs.json, 'check_runs') as unknown[])
        .map((run) => [field(run, 'name'), field(run, 'status'), field(run, 'conclusion')])
        .sort(),
      [
        ['build', 'completed', 'success'],
        ['lint', 'completed', 'success'],
      ],
    );
    assert.equal(
      field((await repoCall(server, 'GET', '/commits/develop/check-runs?filter=all')).json, 'total_count'),
      3,
    );
    assert.equal((await repoCall(server, 'GET', '/commits/nope/check-runs')).status, 422);

    const combined = async () => (await repoCall(server, 'GET', `/commits/${developSha}/status`)).json;
    assert.equal(field(await combined(), 'state'), 'pending', 'no status at all is pending');
    server.addCommitStatus(developSha, { state: 'pending', context: 'ci/unit' });
    const posted = await repoCall(server, 'POST', `/statuses/${developSha}`, {
      body: { state: 'success', context: 'ci/unit', description: '12 passed' },
    });
    assert.equal(posted.status, 201);
    assert.equal(field(await combined(), 'state'), 'success', 'the newest status of a context counts');
    server.addCommitStatus(developSha, { state: 'error', context: 'ci/e2e' });
    assert.equal(field(await combined(), 'state'), 'failure');
    assert.equal(field(await combined(), 'total_count'), 2);
    const all = await repoCall(server, 'GET', '/commits/develop/statuses');
    assert.deepEqual(
      (all.json as unknown[]).map((status) => field(status, 'state')),
      ['error', 'success', 'pending'],
    );
    assert.equal(
      (await repoCall(server, 'POST', '/statuses/develop', { body: { state: 'success' } })).status,
      422,
      'a branch name is not a SHA',
    );
    assert.equal((await repoCall(server, 'GET', '/commits/nope/status')).status, 404);
  });
});
