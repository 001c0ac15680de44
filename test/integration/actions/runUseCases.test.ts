/**
 * Show Failed Log, Re-run Failed Jobs, Cancel Run and Where Is Commit… as the commands
 * run them: the real use cases over a fixture repository and the GitHub API server,
 * through a scripted port.
 */
import * as assert from 'node:assert/strict';
import { cancelRun, rerunFailedJobs } from '../../../src/core/usecases/runControl';
import { showFailedLog } from '../../../src/core/usecases/showFailedLog';
import { whereIsCommit } from '../../../src/core/usecases/whereIsCommit';
import type { FixtureServices } from '../../support/usecases/fixtureServices';
import { caseServices } from '../../support/usecases/caseServices';
import { buildTemplate, openCase, type CaseContext, type Template } from '../../support/faultCase';

const LOG = [
  '2026-11-28T10:00:00Z > npm test',
  '2026-11-28T10:00:01Z   ✔ adds an item',
  '2026-11-28T10:00:02Z   1 failing',
  '2026-11-28T10:00:03Z ##[error]Process completed with exit code 1.',
].join('\n');

describe('the run behind a red check and the journey of a commit, as commands', function () {
  this.timeout(60_000);
  let template: Template;
  let c: CaseContext;
  let services: FixtureServices;
  let headRun: number;
  let deployRun: number;

  before(async () => {
    template = await buildTemplate('runs', { developAhead: 1 }, async (repo) => {
      await repo.git('switch', '--quiet', '--create', 'feature/cart', 'develop');
      await repo.commit('Cart discount', { 'cart.txt': 'discount\n' });
      await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/cart');
    });
    c = await openCase(template);
    const head = (await c.fixture.git('rev-parse', 'HEAD')).trim();
    headRun = c.server.addWorkflowRun({
      name: 'CI',
      branch: 'feature/cart',
      sha: head,
      status: 'completed',
      conclusion: 'failure',
    });
    c.server.addWorkflowJob(headRun, { name: 'ci', status: 'completed', conclusion: 'failure', log: LOG });
    deployRun = c.server.addWorkflowRun({ name: 'Deploy', branch: 'main', status: 'in_progress' });
    c.server.addWorkflowJob(deployRun, { name: 'rollout', status: 'in_progress' });
    services = caseServices(c);
  });

  after(async () => {
    await c?.dispose();
    await template?.dispose();
  });

  it('Show Failed Log finds HEAD’s red check without being told, and opens its log at the failure', async () => {
    const { outcome, port } = await services.run(showFailedLog);
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const view = outcome.kind === 'done' ? outcome.value : undefined;
    assert.equal(view?.job.name, 'ci');
    assert.equal(view?.source.label, 'ci on HEAD');
    assert.equal(view?.log.text.split('\n')[view.log.firstErrorLine ?? -1], '  1 failing');
    assert.deepEqual(port.questions, [], 'one failure: nothing to ask');
    assert.equal(c.server.logStorage.requestsWithAuthorization, 0);
  });

  it('Re-run Failed Jobs re-runs that run once, from the last snapshot; with nothing failing it says so in one sentence', async () => {
    const { outcome } = await services.run(rerunFailedJobs);
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    assert.equal(c.server.state.workflowRuns.find((run) => run.id === headRun)?.status, 'queued');
    // The last snapshot still shows the red check: the run's jobs say the re-run already happened.
    const mark = c.server.requests.length;
    const again = (await services.run(rerunFailedJobs)).outcome;
    assert.deepEqual(
      c.server.requests.slice(mark).map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`),
      [`GET /repos/octo/service/actions/runs/${headRun}/jobs`],
      'a snapshot younger than the poll interval is used as is: no refresh first',
    );
    assert.equal(again.kind, 'done', JSON.stringify(again));
    assert.match(again.sentence ?? '', /already running again \(attempt 2\)/);
    assert.equal(c.server.state.workflowRuns.find((run) => run.id === headRun)?.runAttempt, 2, 're-run once');
    await services.model.refresh('full');
    const nothing = (await services.run(rerunFailedJobs)).outcome;
    assert.equal(nothing.kind, 'refused', JSON.stringify(nothing));
    assert.match(
      nothing.kind === 'refused' ? nothing.sentence : '',
      /^Nothing GitHub Actions ran is failing on HEAD, develop or main\.$/,
    );
  });

  it('Cancel Run asks first; declining cancels nothing, confirming stops the run', async () => {
    const run = { label: 'production deployment', link: { runId: deployRun } };
    const declined = (await services.run(cancelRun, { run }, { confirm: () => undefined })).outcome;
    assert.equal(declined.kind, 'cancelled');
    assert.equal(c.server.state.workflowRuns.find((r) => r.id === deployRun)?.status, 'in_progress');
    const { outcome, port } = await services.run(cancelRun, { run });
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    assert.deepEqual(port.questions, ['Cancel workflow run ' + deployRun + ' (production deployment)?']);
    assert.equal(c.server.state.workflowRuns.find((r) => r.id === deployRun)?.conclusion, 'cancelled');
    const twice = await services.run(cancelRun, { run });
    assert.deepEqual(twice.port.questions, [], 'a run already over is not asked about');
    assert.equal(twice.outcome.kind, 'done', JSON.stringify(twice.outcome));
    assert.match(twice.outcome.sentence ?? '', /is already cancelled\.$/);
  });

  it('Where Is Commit… answers for HEAD from what a refresh read, and refuses a hostile or unknown name', async () => {
    const { outcome } = await services.run(whereIsCommit);
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const rows = outcome.kind === 'done' ? (outcome.value?.rows ?? []) : [];
    assert.equal(rows[0]?.label, 'Not on develop yet');
    assert.ok(outcome.kind === 'done' && outcome.value?.title.startsWith('Where is '));

    const onDevelop = (await services.run(whereIsCommit, { ref: 'origin/develop' })).outcome;
    assert.equal(onDevelop.kind === 'done' ? onDevelop.value?.rows[0]?.label : undefined, 'Merged into develop');

    const hostile = (await services.run(whereIsCommit, { ref: '--upload-pack=touch /tmp/pwned' })).outcome;
    assert.equal(hostile.kind, 'refused');
    const unknown = (await services.run(whereIsCommit, { ref: 'no-such-branch' })).outcome;
    assert.match(unknown.kind === 'refused' ? unknown.sentence : '', /^No commit named "no-such-branch"/);
  });
});
