import * as assert from 'node:assert/strict';
import {
  deploymentSource,
  failedCheckSources,
  NoFailedJobError,
  readFailedJobLog,
} from '../../../src/core/actions/failedJob';
import type { GitHubClient } from '../../../src/core/github/client';
import { GitHubError } from '../../../src/core/github/errors';
import { downloadSignedUrl, InsecureDownloadError } from '../../../src/core/github/signedDownload';
import { summarizeChecks } from '../../../src/core/flow/checks';
import { createGitHubFixture, FIXTURE_OWNER, FIXTURE_REPO, type GitHubFixture } from '../../support/githubFixture';
import { fixtureClient } from '../../support/githubModel';
import { deployment } from '../../support/snapshotFactory';

const FAILING_LOG = [
  '2026-11-28T10:00:00.0000000Z ##[group]Run npm test',
  '2026-11-28T10:00:01.0000000Z > shop@1.0.0 test',
  '2026-11-28T10:00:02.0000000Z   checkout',
  '2026-11-28T10:00:02.1000000Z     ✔ adds an item',
  '2026-11-28T10:00:02.2000000Z     1) applies the discount',
  '2026-11-28T10:00:03.0000000Z   1 passing (12ms)',
  '2026-11-28T10:00:03.1000000Z   1 failing',
  '2026-11-28T10:00:03.2000000Z   1) checkout applies the discount:',
  '2026-11-28T10:00:03.3000000Z      AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: 90 !== 100',
  '2026-11-28T10:00:04.0000000Z ##[error]Process completed with exit code 1.',
  '',
].join('\n');

describe('the run behind a red check: its failed job, its log, re-run and cancel', () => {
  let fx: GitHubFixture;
  let client: GitHubClient;
  let failedRun: number;
  let failedJob: number;
  let runningRun: number;

  before(async () => {
    fx = await createGitHubFixture({ name: 'failed-job', developAhead: 1 });
    const develop = (await fx.repo.git('rev-parse', 'origin/develop')).trim();
    failedRun = fx.server.addWorkflowRun({
      name: 'CI',
      branch: 'develop',
      sha: develop,
      status: 'completed',
      conclusion: 'failure',
    });
    fx.server.addWorkflowJob(failedRun, {
      name: 'lint',
      status: 'completed',
      conclusion: 'success',
      log: 'all good\n',
    });
    failedJob = fx.server.addWorkflowJob(failedRun, {
      name: 'ci',
      status: 'completed',
      conclusion: 'failure',
      log: FAILING_LOG,
    });
    runningRun = fx.server.addWorkflowRun({ name: 'Deploy', branch: 'main', status: 'in_progress' });
    fx.server.addWorkflowJob(runningRun, { name: 'rollout', status: 'in_progress' });
    client = fixtureClient(fx, { writePacing: 'none' });
  });
  after(() => fx.dispose());

  it('a failing check run of GitHub Actions names its job, so the tree can offer its log', async () => {
    const develop = (await fx.repo.git('rev-parse', 'origin/develop')).trim();
    const checks = summarizeChecks((await client.listCheckRuns(develop)).data);
    const sources = failedCheckSources(checks);
    assert.deepEqual(sources, [{ label: 'ci', link: { runId: failedRun, jobId: failedJob } }]);
  });

  it('reads the failed job’s log from log storage without the token, opened at the assertion, not at line 1', async () => {
    const before = fx.server.logStorage.requests;
    const result = await readFailedJobLog(client, { runId: failedRun, jobId: failedJob });
    assert.equal(result.job.name, 'ci');
    assert.equal(result.runActive, false);
    assert.equal(fx.server.logStorage.requests - before, 1, 'one download from log storage');
    assert.equal(fx.server.logStorage.requestsWithAuthorization, 0, 'the token never went to the storage origin');
    const lines = result.log.text.split('\n');
    assert.ok(!/^\d{4}-\d{2}-\d{2}T/.test(lines[0] ?? ''), 'runner timestamps are dropped');
    assert.equal(lines[result.log.firstErrorLine ?? -1], '  1 failing', JSON.stringify(lines));
  });

  it('without a job in the link, takes the run’s first failed job', async () => {
    const result = await readFailedJobLog(client, { runId: failedRun });
    assert.equal(result.job.id, failedJob);
  });

  it('a running run with nothing failed yet says so in one sentence', async () => {
    await assert.rejects(
      readFailedJobLog(client, { runId: runningRun }),
      (error: unknown) => error instanceof NoFailedJobError && /still running/.test(error.message),
    );
  });

  it('re-runs the failed jobs: the failed job is queued again, the passing one is kept', async () => {
    await client.rerunFailedJobs(failedRun);
    const jobs = await client.listRunJobs(failedRun);
    assert.deepEqual(
      jobs.map((job) => [job.name, job.status]),
      [
        ['lint', 'completed'],
        ['ci', 'queued'],
      ],
    );
    await assert.rejects(
      client.rerunFailedJobs(failedRun),
      (error: unknown) => error instanceof GitHubError && /not completed/.test(error.message),
    );
  });

  it('cancels a running deploy; cancelling it again is refused with GitHub’s sentence', async () => {
    await client.cancelRun(runningRun);
    const [job] = await client.listRunJobs(runningRun);
    assert.equal(job?.conclusion, 'cancelled');
    await assert.rejects(
      client.cancelRun(runningRun),
      (error: unknown) => error instanceof GitHubError && /completed/.test(error.message),
    );
  });

  it('a deployment’s log link counts only when it points into this repository', () => {
    const web = `https://github.com/${FIXTURE_OWNER}/${FIXTURE_REPO}`;
    assert.deepEqual(
      deploymentSource(deployment({ environment: 'production', logUrl: `${web}/actions/runs/42` }), web)?.link,
      { runId: 42 },
    );
    assert.deepEqual(deploymentSource(deployment({ logUrl: `${web}/actions/runs/42/job/7` }), web)?.link, {
      runId: 42,
      jobId: 7,
    });
    assert.equal(
      deploymentSource(deployment({ logUrl: 'https://github.com/someone/else/actions/runs/42' }), web),
      undefined,
    );
    assert.equal(
      deploymentSource(deployment({ logUrl: 'https://evil.example/acme/shop/actions/runs/42' }), web),
      undefined,
    );
    assert.equal(deploymentSource(deployment({ logUrl: `${web}/actions/runs/42/../../../../x` }), web), undefined);
  });

  it('never follows a log link over plain http to another machine', async () => {
    await assert.rejects(
      downloadSignedUrl('http://logs.example.com/job-logs/1?sig=x', { timeoutMs: 1000, maxBodyBytes: 1024 }),
      InsecureDownloadError,
    );
  });
});
