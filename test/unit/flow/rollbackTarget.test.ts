import * as assert from 'node:assert/strict';
import { rollbackTarget } from '../../../src/core/flow/assemble';
import { deployment, SHA } from '../../support/snapshotFactory';

describe('rollbackTarget', () => {
  const backup = {
    tag: 'backup/production-20261127T100000Z',
    sha: SHA.previous,
    createdAt: '2026-11-27T10:00:00.000Z',
  };

  it('is the newest earlier successful deployment of another commit', () => {
    const history = [
      deployment({ id: 9, sha: SHA.main, state: 'failure' }),
      deployment({ id: 8, sha: SHA.main, state: 'success' }),
      deployment({ id: 7, sha: SHA.develop, state: 'failure' }),
      deployment({ id: 6, sha: SHA.previous, state: 'inactive' }),
    ];
    assert.deepEqual(rollbackTarget(history, [], SHA.main), {
      sha: SHA.previous,
      source: 'deployment',
      deploymentId: 6,
      createdAt: history[3].createdAt,
    });
  });

  it('falls back to the newest backup of another commit', () => {
    const history = [deployment({ id: 9, sha: SHA.main, state: 'failure' })];
    assert.deepEqual(rollbackTarget(history, [backup], SHA.main), {
      sha: SHA.previous,
      source: 'backup',
      tag: backup.tag,
      createdAt: backup.createdAt,
    });
  });

  it('is undefined when nothing differs from what runs', () => {
    assert.equal(rollbackTarget([deployment({ sha: SHA.main })], [{ ...backup, sha: SHA.main }], SHA.main), undefined);
  });
});
