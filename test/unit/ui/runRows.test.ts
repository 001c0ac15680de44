import * as assert from 'node:assert/strict';
import { checksNode, withDeploymentRun, deploymentNode } from '../../../src/ui/views/treeNodes';
import { deployment } from '../../support/snapshotFactory';

const web = 'https://github.com/acme/shop';

describe('tree rows that lead to the run behind them', () => {
  it('a failing check GitHub Actions ran offers its log and a re-run; a failing status does not', () => {
    const node = checksNode(
      'c',
      {
        state: 'failing',
        total: 2,
        passed: 0,
        failed: 2,
        pending: 0,
        failing: ['ci', 'ci/jenkins'],
        items: [
          { name: 'ci', state: 'failure', actionsJob: { runId: 10, jobId: 11 } },
          { name: 'ci/jenkins', state: 'failure', url: 'https://jenkins.example/1' },
        ],
      },
      web,
    );
    assert.match(node.contextValue ?? '', /\bfailedRun\b/);
    assert.deepEqual(node.subject, { kind: 'runs', runs: [{ label: 'ci', link: { runId: 10, jobId: 11 } }] });
  });

  it('a failed deployment with a log link into this repository offers its log; a running one offers Cancel; a foreign link offers nothing', () => {
    const failed = deployment({ state: 'failure', logUrl: `${web}/actions/runs/42` });
    const failedRow = withDeploymentRun(deploymentNode('d', 'main', failed, 0), failed, web);
    assert.match(failedRow.contextValue ?? '', /\bfailedRun\b/);
    const running = deployment({ state: 'in_progress', logUrl: `${web}/actions/runs/43` });
    const runningRow = withDeploymentRun(deploymentNode('d', 'main', running, 0), running, web);
    assert.match(runningRow.contextValue ?? '', /\brunningRun\b/);
    assert.doesNotMatch(runningRow.contextValue ?? '', /\bfailedRun\b/);
    const foreign = deployment({ state: 'failure', logUrl: 'https://github.com/other/repo/actions/runs/42' });
    const foreignRow = withDeploymentRun(deploymentNode('d', 'main', foreign, 0), foreign, web);
    assert.doesNotMatch(foreignRow.contextValue ?? '', /Run\b/);
    assert.equal(foreignRow.subject, undefined);
  });
});
