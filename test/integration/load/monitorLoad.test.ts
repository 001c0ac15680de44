/**
 * The background monitor against a busy repository (1,000 open pull
 * requests, 5,000 deployments) for an hour of simulated time, on a GitHub that never
 * answers 304 and enforces secondary rate limits strictly: at most 2 requests at once
 * and 60 points a minute. The real scheduler, poll policy, model, client, git and
 * HTTP server; only the clock is simulated.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_INTERVAL_SECONDS } from '../../../src/core/monitor/pollPolicy';
import { createScaleFixture, type ScaleFixture } from '../../support/load/scaleFixture';
import { FakeClock } from '../../support/fakeClock';
import { simulateMonitor, type MonitorRun } from '../../support/load/simulateMonitor';

const HOUR_MS = 3_600_000;
const REQUESTS_PER_HOUR_BUDGET = 250;

describe('the monitor under load (1,000 open PRs, 5,000 deployments, no 304s)', function () {
  this.timeout(120_000);
  const clock = new FakeClock(Date.now());
  let scale: ScaleFixture;
  let run: MonitorRun;

  before(async () => {
    scale = await createScaleFixture({
      pulls: 1000,
      deployments: 5000,
      conditionalRequests: false,
      now: () => clock.now(),
      secondaryRateLimit: { maxConcurrent: 2, maxPointsPerMinute: 60, retryAfterSeconds: 60 },
    });
    run = await simulateMonitor({
      model: scale.model,
      clock,
      durationMs: HOUR_MS,
      pollIntervalSeconds: DEFAULT_INTERVAL_SECONDS,
    });
    const stats = scale.fx.server.stats;
    console.log(
      `      one simulated hour: ${stats.total} requests in ${run.ticks} polls, at most ${stats.maxInFlight} in flight, ${stats.secondaryLimited} secondary-limited`,
    );
  });

  after(() => scale?.dispose());

  it(`stays within ${REQUESTS_PER_HOUR_BUDGET} requests in the hour and keeps polling`, () => {
    const { total } = scale.fx.server.stats;
    assert.ok(total <= REQUESTS_PER_HOUR_BUDGET, `${total} requests`);
    assert.ok(run.ticks >= 20, `only ${run.ticks} polls: paced, but not starved`);
    assert.equal(run.failedTicks, 0);
  });

  it('never has more than 2 requests in flight and never trips the secondary rate limit', () => {
    assert.ok(scale.fx.server.stats.maxInFlight <= 2, `${scale.fx.server.stats.maxInFlight} in flight`);
    assert.equal(scale.fx.server.stats.secondaryLimited, 0);
  });

  it('still shows what the user needs: their pull request, the newest ones, production', () => {
    const snapshot = scale.model.snapshot;
    assert.equal(snapshot?.connection.state, 'ok');
    assert.equal(snapshot?.stale, false);
    assert.equal(snapshot?.local.pullRequest?.title, 'Add login', "the branch's PR, though it is the oldest of 1,000");
    assert.equal(snapshot?.development.pullRequests.length, 101, 'the newest page, plus the branch’s own');
    assert.equal(snapshot?.production.deployment?.state, 'success');
    assert.equal(snapshot?.production.history.length, 10);
  });
});
