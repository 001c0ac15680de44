/**
 * After Re-run Failed Jobs the next refresh reads the re-run check again, also when the
 * model had let go of its GitHub reader in between (a settings change, a new token for
 * the same client): the reader it takes back still holds the check as finished and red.
 */
import * as assert from 'node:assert/strict';
import { rerunFailedJobs } from '../../../src/core/usecases/runControl';
import { fixtureServices } from '../../support/usecases/fixtureServices';
import { buildTemplate, openCase, type CaseContext, type Template } from '../../support/faultCase';
import { config } from '../../support/releaseHarness';

describe('a re-run check is read again on the next refresh', function () {
  this.timeout(60_000);
  let template: Template;
  let c: CaseContext;

  before(async () => {
    template = await buildTemplate('recheck', { developAhead: 1 }, async (repo) => {
      await repo.git('switch', '--quiet', '--create', 'feature/recheck', 'develop');
      await repo.commit('Recheck', { 'recheck.txt': 'recheck\n' });
      await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/recheck');
    });
    c = await openCase(template);
  });
  after(async () => {
    await c?.dispose();
    await template?.dispose();
  });

  it('even when the model reconnected between the re-run and the refresh', async () => {
    const head = await c.fixture.git('rev-parse', 'HEAD');
    const run = c.server.addWorkflowRun({
      name: 'CI',
      branch: 'feature/recheck',
      sha: head,
      status: 'completed',
      conclusion: 'failure',
    });
    c.server.addWorkflowJob(run, { name: 'ci', status: 'completed', conclusion: 'failure', log: 'Error: broken' });
    // One client for every connection, as the extension shares one per repository and token.
    const client = c.client();
    const services = fixtureServices({
      git: c.guarded.repo,
      history: c.guarded.history,
      config,
      client: () => client,
      now: () => c.now(),
    });
    assert.equal((await services.model.refresh('full')).snapshot.local.checks?.state, 'failing');
    services.model.invalidateConnection();
    const { outcome } = await services.run(rerunFailedJobs);
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    assert.equal((await services.model.refresh('full')).snapshot.local.checks?.state, 'pending');
  });
});
