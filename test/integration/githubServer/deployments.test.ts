/** Deployments on the GitHub server: scripted statuses over time, filters, order and GitHub's refusals. */
import * as assert from 'node:assert/strict';
import type { GitHubServer } from '../../../tools/githubServer/index';
import { useServerPerTest } from '../../support/serverPerTest';
import { field, repoCall } from './apiClient';
import { waitUntil } from '../../support/waitUntil';

describe('GitHub server: deployments', function () {
  let server: GitHubServer;
  let mainSha: string;
  let developSha: string;
  useServerPerTest(
    { name: 'github-deployments', developAhead: 1 },
    {
      repo: async (repo) => {
        mainSha = await repo.git('rev-parse', 'main');
        developSha = await repo.git('rev-parse', 'develop');
      },
      server: (started) => (server = started),
    },
  );

  const statesOf = async (id: number) =>
    ((await repoCall(server, 'GET', `/deployments/${id}/statuses`)).json as unknown[]).map((status) =>
      field(status, 'state'),
    );

  it('plays a scripted environment: queued → in_progress → success, newest status first', async () => {
    server.scriptDeployments('production', [
      { afterMs: 20, state: 'queued' },
      { afterMs: 40, state: 'in_progress', log_url: 'https://ci.example/deploy/7' },
      { afterMs: 40, state: 'success', environment_url: 'https://app.example', description: 'Deployed' },
    ]);
    const created = await repoCall(server, 'POST', '/deployments', {
      body: { ref: 'main', environment: 'production', required_contexts: [] },
    });
    assert.equal(created.status, 201);
    const id = Number(field(created.json, 'id'));
    assert.equal(field(created.json, 'sha'), mainSha);
    assert.equal(field(created.json, 'production_environment'), true);
    // Every reading, however late under load, is the script played so far, newest first.
    const script = ['queued', 'in_progress', 'success'];
    const seen: string[] = [];
    await waitUntil(
      'the scripted success',
      async () => {
        const states = await statesOf(id);
        assert.deepEqual(states, script.slice(0, states.length).reverse(), 'the statuses so far, in order');
        const latest = states[0];
        if (typeof latest === 'string' && seen.at(-1) !== latest) {
          seen.push(latest);
        }
        return latest === 'success';
      },
      5000,
    );
    assert.deepEqual(await statesOf(id), ['success', 'in_progress', 'queued']);
    assert.ok(seen.includes('success') && seen.indexOf('success') === seen.length - 1);
    const statuses = (await repoCall(server, 'GET', `/deployments/${id}/statuses`)).json;
    assert.equal(field(statuses, 0, 'environment_url'), 'https://app.example');
    assert.equal(field(statuses, 1, 'log_url'), 'https://ci.example/deploy/7');
  });

  it('scripts deployments made through the helper too, and stops when the script is removed', async () => {
    server.scriptDeployments('development', [{ afterMs: 10, state: 'failure', description: 'Smoke test failed' }]);
    const scripted = server.addDeployment({ ref: 'develop', environment: 'development' });
    await waitUntil('the scripted failure', async () => (await statesOf(scripted))[0] === 'failure', 5000);
    server.scriptDeployments('development', undefined);
    const plain = server.addDeployment({ ref: 'develop', environment: 'development' });
    server.addDeploymentStatus(plain, { state: 'pending' });
    assert.deepEqual(await statesOf(plain), ['pending']);
  });

  it('scripts one deployment alone: the next one in its environment gets nothing', async () => {
    const scripted = server.addDeployment({ ref: 'main', environment: 'production' });
    server.scriptDeployment(scripted, [{ afterMs: 10, state: 'success', description: 'Live' }]);
    const next = server.addDeployment({ ref: 'main', environment: 'production' });
    await waitUntil('the scripted success', async () => (await statesOf(scripted))[0] === 'success', 5000);
    assert.deepEqual(await statesOf(next), []);
  });

  it('lists newest first and filters by environment, sha and ref', async () => {
    const old = server.addDeployment({ ref: 'main', environment: 'production' });
    const dev = server.addDeployment({ ref: 'develop', environment: 'development' });
    const recent = server.addDeployment({ ref: mainSha, environment: 'production', description: 'Roll back' });
    const ids = async (query: string) =>
      ((await repoCall(server, 'GET', `/deployments${query}`)).json as unknown[]).map((item) => field(item, 'id'));
    assert.deepEqual(await ids(''), [recent, dev, old]);
    assert.deepEqual(await ids('?environment=production'), [recent, old]);
    assert.deepEqual(await ids(`?sha=${developSha}`), [dev]);
    assert.deepEqual(await ids('?ref=main'), [old]);
    assert.deepEqual(await ids('?environment=production&per_page=1'), [recent]);
    assert.equal((await repoCall(server, 'GET', `/deployments/${dev}`)).status, 200);
  });

  it('refuses an unknown ref (422) and a commit whose required contexts are not green (409)', async () => {
    const unknown = await repoCall(server, 'POST', '/deployments', {
      body: { ref: 'release/9', environment: 'production' },
    });
    assert.equal(unknown.status, 422);
    assert.equal(field(unknown.json, 'message'), 'No ref found for: release/9');

    server.addCommitStatus(developSha, { state: 'failure', context: 'ci/unit' });
    const red = await repoCall(server, 'POST', '/deployments', {
      body: { ref: 'develop', environment: 'development' },
    });
    assert.equal(red.status, 409);
    assert.match(String(field(red.json, 'message')), /Commit status checks failed for develop/);
    const forced = await repoCall(server, 'POST', '/deployments', {
      body: { ref: 'develop', environment: 'development', required_contexts: [] },
    });
    assert.equal(forced.status, 201, 'an empty required_contexts deploys anyway, as a rollback does');
  });

  it('marks the previous successful development deployment inactive when a new one succeeds', async () => {
    const first = server.addDeployment({ ref: 'develop', environment: 'development' });
    server.addDeploymentStatus(first, { state: 'success' });
    const second = server.addDeployment({ ref: 'develop', environment: 'development' });
    const posted = await repoCall(server, 'POST', `/deployments/${second}/statuses`, {
      body: { state: 'success', environment_url: 'https://dev.example' },
    });
    assert.equal(posted.status, 201);
    assert.deepEqual(await statesOf(first), ['inactive', 'success']);
    assert.deepEqual(await statesOf(second), ['success']);
  });
});
