/**
 * Open Pull Request posts the local test result after the pull request opened. When
 * that post fails, the user must learn the pull request exists, and a re-run must post
 * the status without opening a second pull request.
 */
import * as assert from 'node:assert/strict';
import { openPullRequest } from '../../../src/core/usecases/openPullRequest';
import { runTests } from '../../../src/core/usecases/runTests';
import { shellTests } from '../../support/usecases/fixtureServices';
import { caseServices } from '../../support/usecases/caseServices';
import { buildTemplate, openCase, type CaseContext, type Template } from '../../support/faultCase';

describe('Open Pull Request when publishing the test result fails', function () {
  this.timeout(60_000);
  let template: Template;
  let c: CaseContext;

  before(async () => {
    template = await buildTemplate('status', { developAhead: 1 }, async (repo) => {
      await repo.git('switch', '--quiet', '--create', 'feature/status', 'develop');
      await repo.commit('Add status', { 'status.txt': 'status\n' });
    });
    c = await openCase(template);
  });

  after(async () => {
    await c?.dispose();
    await template?.dispose();
  });

  it('says the pull request exists, and the re-run posts the status without a second pull request', async () => {
    const services = caseServices(c);
    assert.equal((await services.run(runTests(shellTests('true')))).outcome.kind, 'done');
    c.server.faults.inject({
      kind: 'status',
      status: 500,
      times: Infinity,
      match: { method: 'POST', path: /\/statuses\// },
    });

    const failed = (await services.run(openPullRequest, { draft: false })).outcome;
    assert.equal(failed.kind, 'failed', JSON.stringify(failed));
    const pulls = c.server.state.pulls.filter((p) => p.head === 'feature/status');
    assert.equal(pulls.length, 1, 'the pull request was opened');
    assert.match(
      failed.sentence ?? '',
      new RegExp(
        `^Publishing the local test result failed after pushing feature/status to origin and opening pull request #${pulls[0]!.number}: .*run EnvFlow: Open Pull Request again`,
      ),
    );

    c.server.faults.clear();
    const again = (await services.run(openPullRequest, { draft: false })).outcome;
    assert.equal(again.kind, 'done', JSON.stringify(again));
    assert.equal(c.server.state.pulls.filter((p) => p.head === 'feature/status').length, 1, 'no second pull request');
    assert.ok(
      c.server.requests.some((r) => r.method === 'POST' && /\/statuses\//.test(r.path) && r.status < 300),
      'the status was posted',
    );
  });
});
