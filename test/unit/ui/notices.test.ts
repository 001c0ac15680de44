import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { Presenter } from '../../../src/core/usecases/presenter';
import { noticeFor } from '../../../src/ui/notices';
import { deployment, pullRequest } from '../../support/snapshotFactory';

const say = new Presenter(defaultFlowConfig);

describe('transition notices', () => {
  it('a failed production deployment offers Roll Back and the logs', () => {
    const notice = noticeFor({ kind: 'productionDeploymentFailed', deployment: deployment({ state: 'failure', description: 'Health check failed' }) }, '', say);
    assert.equal(notice.severity, 'error');
    assert.equal(notice.message, 'Production deployment of 3333333 failed: Health check failed');
    assert.deepEqual(notice.actions.map((a) => a.title), ['Roll Back…', 'Open Logs', 'Show']);
    assert.equal(notice.actions[0].command, 'envflow.rollbackProduction');
  });

  it('names the repository in a multi-root workspace, and its develop branch as configured', () => {
    const trunk = new Presenter({ ...defaultFlowConfig, developBranch: 'trunk' });
    const notice = noticeFor({ kind: 'developChecksFailed', sha: 'abcdef0123', failing: ['lint'] }, 'api', trunk);
    assert.equal(notice.message, 'Checks on trunk turned red at abcdef0: lint (api).');
  });

  it('PR checks finishing links to the PR', () => {
    const notice = noticeFor({ kind: 'pullRequestChecksFinished', pullRequest: pullRequest(), state: 'failing' }, '', say);
    assert.equal(notice.severity, 'warning');
    assert.equal(notice.actions[0].url, 'https://github.com/acme/shop/pull/12');
  });
});
