/**
 * A repository with more open pull requests than one page: the refresh reads the newest
 * page and finds the two pull requests the snapshot names (the branch's own and the
 * release PR develop → main) however old they are, at a cost that does not grow.
 */
import * as assert from 'node:assert/strict';
import { createScaleFixture, type ScaleFixture } from '../../support/load/scaleFixture';

describe('RepositoryModel with 250 open pull requests', function () {
  this.timeout(60_000);
  let scale: ScaleFixture;

  before(async () => {
    scale = await createScaleFixture({ pulls: 1, deployments: 2 });
    // The release PR is opened before the 249 others, so it is not on the newest page.
    scale.fx.server.openPullRequest({ head: 'develop', base: 'main', title: 'Release' });
    const develop = await scale.fx.repo.git('rev-parse', 'develop');
    const feature = await scale.fx.repo.git('rev-parse', 'feature/login');
    scale.fx.server.seedPullRequests({
      count: 248,
      base: 'develop',
      baseSha: develop,
      headPrefix: 'feature/change',
      headSha: feature,
    });
  });

  after(() => scale?.dispose());

  it("shows the newest page, the branch's own PR and the release PR", async () => {
    const { snapshot } = await scale.model.refresh('full');
    assert.equal(snapshot.connection.state, 'ok');
    assert.equal(snapshot.local.pullRequest?.title, 'Add login');
    assert.equal(snapshot.development.releasePullRequest?.title, 'Release');
    assert.equal(snapshot.development.pullRequests.length, 101);
    assert.equal(snapshot.development.pullRequests[0]?.title, 'Change 248 of 248', 'newest first');
  });

  it('costs no more than 8 requests, all 304, when nothing changed', async () => {
    for (let i = 0; i < 3; i++) {
      await scale.model.refresh('full');
    }
    scale.fx.server.resetRequests();
    await scale.model.refresh('full');
    const requests = scale.fx.server.requests;
    assert.ok(requests.length <= 8, requests.map((r) => r.path).join('\n'));
    assert.ok(requests.every((r) => r.status === 304));
    assert.ok(!requests.some((r) => /[?&]page=2/.test(r.path)), 'never a second page');
  });
});
