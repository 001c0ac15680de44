/**
 * Deployments waiting for approval, from the GitHub API server through the client to
 * EnvFlow's core: who may approve and since when, approving, rejecting with a comment,
 * GitHub's refusals in one sentence, and what an unchanged read costs.
 */
import * as assert from 'node:assert/strict';
import { GitHubClient } from '../../../src/core/github/client';
import { approvalsOf, readWaitingApprovals, reviewWaitingDeployment } from '../../../src/core/flow/approvals';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';

const TOKEN = 'ghs_envflowApprovalsToken0123456789abcdef';
const VIEWER = 'ada-developer';

describe('deployments waiting for approval', function () {
  this.timeout(30_000);
  let fixture: FixtureRepo;
  let server: GitHubServer;
  let client: GitHubClient;

  before(async () => {
    fixture = await createFixtureRepo({ name: 'approvals' });
  });
  beforeEach(async () => {
    server = await startGitHubServer({
      owner: 'octo',
      repo: 'service',
      bareRepo: fixture.origin,
      token: TOKEN,
      login: VIEWER,
    });
    client = new GitHubClient({
      apiUrl: server.url,
      owner: 'octo',
      repo: 'service',
      token: TOKEN,
      retryBaseMs: 10,
      writePacing: 'none',
    });
  });
  afterEach(async () => {
    await server.close();
  });
  after(async () => {
    await fixture.dispose();
  });

  function waitingRelease(reviewers: { type: 'User' | 'Team'; name: string }[], preventSelfReview = false): number {
    const runId = server.addWorkflowRun({ name: 'Deploy production', branch: 'main', status: 'in_progress' });
    server.addPendingDeployment({
      runId,
      environment: 'production',
      reviewers,
      preventSelfReview,
      waitTimer: 5,
      waitingSince: '2026-11-29T10:00:00Z',
    });
    return runId;
  }

  it('shows who may approve and since when, and that the user can', async () => {
    const runId = waitingRelease([
      { type: 'User', name: VIEWER },
      { type: 'Team', name: 'release-managers' },
    ]);
    server.addWorkflowRun({ name: 'CI', branch: 'develop', status: 'completed' });
    const approvals = (await readWaitingApprovals(client.deploymentReviews, VIEWER)).data;
    assert.equal(approvals.length, 1);
    const [approval] = approvals;
    assert.equal(approval?.runId, runId);
    assert.equal(approval?.environment, 'production');
    assert.deepEqual(approval?.reviewers, ['@ada-developer', 'release-managers team']);
    assert.equal(approval?.waitingSince, '2026-11-29T10:00:00Z');
    assert.equal(approval?.waitTimerMinutes, 5);
    assert.equal(approval?.canApprove, true);
    assert.equal(approval?.whyNot, undefined);
    assert.equal(approvalsOf(approvals, 'production').length, 1);
    assert.equal(approvalsOf(approvals, 'development').length, 0);
  });

  it('approves: GitHub creates the deployment and the run goes on', async () => {
    const runId = waitingRelease([{ type: 'User', name: VIEWER }]);
    const [approval] = (await readWaitingApprovals(client.deploymentReviews, VIEWER)).data;
    assert.ok(approval);
    const result = await reviewWaitingDeployment(client.deploymentReviews, approval, 'approved', '');
    assert.deepEqual(result, { done: true, message: 'Approved the deployment of Deploy production to production.' });
    assert.equal(server.state.workflowRuns.find((run) => run.id === runId)?.status, 'in_progress');
    assert.equal(server.state.deployments.filter((deployment) => deployment.environment === 'production').length, 1);
    assert.deepEqual((await readWaitingApprovals(client.deploymentReviews, VIEWER)).data, []);
  });

  it('rejects with a comment, and asks for one when it is empty', async () => {
    const runId = waitingRelease([{ type: 'User', name: VIEWER }]);
    const [approval] = (await readWaitingApprovals(client.deploymentReviews, VIEWER)).data;
    assert.ok(approval);
    const before = server.requests.length;
    const empty = await reviewWaitingDeployment(client.deploymentReviews, approval, 'rejected', '  ');
    assert.equal(empty.done, false);
    assert.equal(empty.message, 'Say why you reject the deployment to production: the comment is shown on the run.');
    assert.equal(server.requests.length, before, 'nothing was sent');
    const rejected = await reviewWaitingDeployment(
      client.deploymentReviews,
      approval,
      'rejected',
      'Migration not reviewed yet',
    );
    assert.deepEqual(rejected, { done: true, message: 'Rejected the deployment of Deploy production to production.' });
    const review = server.state.security.pendingDeployments.find((pending) => pending.runId === runId)?.review;
    assert.deepEqual(review, { state: 'rejected', comment: 'Migration not reviewed yet', login: VIEWER });
    const run = server.state.workflowRuns.find((candidate) => candidate.id === runId);
    assert.equal(run?.status, 'completed');
    assert.equal(run?.conclusion, 'failure');
  });

  it('says why the user may not approve: not a reviewer', async () => {
    waitingRelease([
      { type: 'User', name: 'grace' },
      { type: 'Team', name: 'release-managers' },
    ]);
    const [approval] = (await readWaitingApprovals(client.deploymentReviews, VIEWER)).data;
    assert.ok(approval);
    assert.equal(approval.canApprove, false);
    assert.equal(
      approval.whyNot,
      "Only production's required reviewers can approve this deployment: @grace, release-managers team.",
    );
    const result = await reviewWaitingDeployment(client.deploymentReviews, approval, 'approved', 'LGTM');
    assert.deepEqual(result, {
      done: false,
      message:
        'GitHub did not let you review the deployment to production: You are not a required reviewer of the production environment.',
    });
  });

  it('says why the user may not approve: self-review prevented, with GitHub’s reason', async () => {
    waitingRelease([{ type: 'User', name: VIEWER }], true);
    const [approval] = (await readWaitingApprovals(client.deploymentReviews, VIEWER)).data;
    assert.ok(approval);
    assert.equal(approval.canApprove, false);
    assert.equal(
      approval.whyNot,
      'production prevents self-review: someone other than the person who started the run must approve it.',
    );
    const result = await reviewWaitingDeployment(client.deploymentReviews, approval, 'approved', '');
    assert.equal(result.done, false);
    assert.match(
      result.message,
      /^GitHub did not let you review the deployment to production: Self-review is prevented in the production environment: .+\.$/,
    );
  });

  it('a deployment someone else reviewed meanwhile: GitHub’s reason, in one sentence', async () => {
    waitingRelease([{ type: 'User', name: VIEWER }]);
    const [approval] = (await readWaitingApprovals(client.deploymentReviews, VIEWER)).data;
    assert.ok(approval);
    assert.equal((await reviewWaitingDeployment(client.deploymentReviews, approval, 'approved', '')).done, true);
    const again = await reviewWaitingDeployment(client.deploymentReviews, approval, 'approved', '');
    assert.deepEqual(again, {
      done: false,
      message:
        'GitHub did not let you review the deployment to production: No pending deployment requests to approve or reject.',
    });
  });

  it('an unchanged read costs no rate limit: every request answers 304', async () => {
    waitingRelease([{ type: 'User', name: VIEWER }]);
    await readWaitingApprovals(client.deploymentReviews, VIEWER);
    const requestsBefore = client.requestCount;
    const notModifiedBefore = client.notModifiedCount;
    const again = await readWaitingApprovals(client.deploymentReviews, VIEWER);
    assert.equal(again.notModified, true);
    assert.equal(client.requestCount - requestsBefore, 2, 'one list of waiting runs, one read of the waiting run');
    assert.equal(client.notModifiedCount - notModifiedBefore, 2);
  });

  const faults = [
    { fault: { kind: 'status', status: 503 } as const, kind: 'server' },
    { fault: { kind: 'malformedJson' } as const, kind: 'malformed' },
    { fault: { kind: 'rateLimitPrimary', resetInSeconds: 600 } as const, kind: 'rateLimited' },
  ];
  for (const { fault, kind } of faults) {
    it(`a ${fault.kind} fault on the pending deployments read fails as ${kind}, not as "nothing waiting"`, async () => {
      waitingRelease([{ type: 'User', name: VIEWER }]);
      server.faults.inject({ ...fault, times: Infinity, match: { path: /\/pending_deployments/ } });
      await assert.rejects(
        readWaitingApprovals(client.deploymentReviews, VIEWER),
        (error: Error & { kind?: string }) => error.kind === kind,
      );
    });
  }

  it('with nothing waiting, one request', async () => {
    server.addWorkflowRun({ name: 'CI', branch: 'develop', status: 'completed' });
    const before = client.requestCount;
    assert.deepEqual((await readWaitingApprovals(client.deploymentReviews, VIEWER)).data, []);
    assert.equal(client.requestCount - before, 1);
  });
});
