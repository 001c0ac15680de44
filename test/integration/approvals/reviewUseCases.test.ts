/**
 * Approve Deployment and Reject Deployment… as the commands run them from the palette:
 * the real use cases over a fixture repository and the GitHub API server, through a
 * scripted port.
 */
import * as assert from 'node:assert/strict';
import { approveDeployment, rejectDeployment } from '../../../src/core/usecases/reviewDeployment';
import type { FixtureServices } from '../../support/usecases/fixtureServices';
import { caseServices } from '../../support/usecases/caseServices';
import { buildTemplate, openCase, type CaseContext, type Template } from '../../support/faultCase';

describe('reviewing a waiting deployment from the palette', function () {
  this.timeout(60_000);
  let template: Template;
  let c: CaseContext;
  let services: FixtureServices;

  before(async () => {
    template = await buildTemplate('review', {});
  });
  beforeEach(async () => {
    c = await openCase(template);
    services = caseServices(c);
  });
  afterEach(() => c?.dispose());
  after(() => template?.dispose());

  function waiting(environment: string, reviewer: string): number {
    const runId = c.server.addWorkflowRun({ name: `Deploy ${environment}`, branch: 'main', status: 'in_progress' });
    c.server.addPendingDeployment({ runId, environment, reviewers: [{ type: 'User', name: reviewer }] });
    return runId;
  }

  it('offers every waiting deployment, and rejects the picked one with the comment typed', async () => {
    waiting('development', 'ada-developer');
    const production = waiting('production', 'ada-developer');
    const { outcome, port } = await services.run(rejectDeployment, undefined, {
      pick: (_request, items) => items.find((item) => item.label.startsWith('production'))?.value,
      input: () => 'Not during the freeze',
    });
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    assert.deepEqual(port.questions.slice(0, 2), ['Reject which deployment?', 'Reject the deployment to production']);
    const review = c.server.state.security.pendingDeployments.find((p) => p.runId === production)?.review;
    assert.deepEqual(review, { state: 'rejected', comment: 'Not during the freeze', login: 'ada-developer' });
  });

  it('says why when the user may not approve, and sends no review', async () => {
    const runId = waiting('production', 'grace');
    const before = c.server.requests.length;
    const { outcome } = await services.run(approveDeployment);
    assert.equal(outcome.kind, 'refused');
    assert.equal(
      outcome.kind === 'refused' && outcome.sentence,
      "You cannot approve the deployment to production: Only production's required reviewers can approve this deployment: @grace.",
    );
    assert.ok(!c.server.requests.slice(before).some((r) => r.method === 'POST'), 'no review was sent');
    assert.equal(c.server.state.security.pendingDeployments.find((p) => p.runId === runId)?.review, undefined);
  });

  it('says plainly when nothing waits', async () => {
    const { outcome } = await services.run(approveDeployment);
    assert.deepEqual(outcome, { kind: 'refused', sentence: 'No deployment is waiting for approval.' });
  });
});
