/** Workflow dispatches on the GitHub server: GitHub's 204, its refusals, and the dispatch kept for the pipeline runner. */
import * as assert from 'node:assert/strict';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { repoCall } from './apiClient';

describe('GitHub server: workflow dispatches', function () {
  let repo: FixtureRepo;
  let server: GitHubServer;

  before(async () => {
    repo = await createFixtureRepo({ name: 'github-dispatches' });
    await repo.git('switch', '--quiet', 'main');
    await repo.commit('Add the deploy workflow', { '.github/workflows/deploy.yml': 'on: workflow_dispatch\n' });
    await repo.git('push', '--quiet', 'origin', 'main');
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo.origin });
  });

  after(async () => {
    await server.close();
    await repo.dispose();
  });

  const dispatch = (workflow: string, body: unknown) =>
    repoCall(server, 'POST', `/actions/workflows/${workflow}/dispatches`, { body });

  it('answers 204 with no body and keeps the dispatch with its ref and inputs', async () => {
    const answer = await dispatch('deploy.yml', {
      ref: 'main',
      inputs: { target: 'backup/production-20261129T214500Z', reason: 'rollback' },
    });
    assert.equal(answer.status, 204);
    const [run] = server.state.workflowRuns;
    assert.deepEqual(server.state.workflowDispatches, [
      {
        workflow: 'deploy.yml',
        ref: 'refs/heads/main',
        inputs: { target: 'backup/production-20261129T214500Z', reason: 'rollback' },
        runId: run.id,
      },
    ]);
    assert.deepEqual([run.event, run.status, run.branch], ['workflow_dispatch', 'queued', 'main']);
  });

  it("queues the run titled by the workflow's run-name, evaluated with the dispatch's inputs", async () => {
    await repo.commit('Title the runs', {
      '.github/workflows/titled.yml': [
        'name: Titled',
        "run-name: ${{ format('EnvFlow {0} to {1}', inputs.reason, inputs.target) }}",
        'on: workflow_dispatch',
        '',
      ].join('\n'),
    });
    await repo.git('push', '--quiet', 'origin', 'main');
    const answer = await dispatch('titled.yml', { ref: 'main', inputs: { target: 'abc', reason: 'rollback' } });
    assert.equal(answer.status, 204);
    const listed = await repoCall(server, 'GET', '/actions/runs?event=workflow_dispatch&branch=main');
    const runs = (listed.json as { workflow_runs: { display_title: string; path: string; name: string }[] })
      .workflow_runs;
    assert.deepEqual(
      runs.map((r) => [r.name, r.path, r.display_title]),
      [
        ['Titled', '.github/workflows/titled.yml', 'EnvFlow rollback to abc'],
        ['.github/workflows/deploy.yml', '.github/workflows/deploy.yml', '.github/workflows/deploy.yml'],
      ],
    );
    server.state.workflowDispatches.pop();
  });

  it('refuses as GitHub does: 404 for a workflow the ref lacks, 422 for a missing or unknown ref and for inputs that are not strings', async () => {
    assert.equal((await dispatch('deploy.yml', { ref: 'develop' })).status, 404, 'develop predates the workflow file');
    assert.equal((await dispatch('nope.yml', { ref: 'main' })).status, 404);
    assert.equal((await dispatch('deploy.yml', {})).status, 422);
    assert.equal((await dispatch('deploy.yml', { ref: 'no-such-branch' })).status, 422);
    assert.equal((await dispatch('deploy.yml', { ref: 'main', inputs: { target: 1 } })).status, 422);
    assert.equal(server.state.workflowDispatches.length, 1, 'only the accepted dispatch is kept');
  });
});
