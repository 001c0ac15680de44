/** The deployment workflow's payload and stage descriptions, read strictly: anything else is no payload, not a guess. */
import * as assert from 'node:assert/strict';
import { toDeploymentPayload, toDeploymentStage } from '../../../src/core/github/normalize';

describe('deployment payload and stage', () => {
  it('reads the payload as an object or a JSON string, nulls as absent', () => {
    const payload = {
      envflow: 1,
      kind: 'automatic-rollback',
      backup: { tag: 'backup/production-20261128T100000Z', data: null },
      replaces: 42,
    };
    const expected = {
      kind: 'automatic-rollback',
      backup: { tag: 'backup/production-20261128T100000Z' },
      replaces: 42,
    };
    assert.deepEqual(toDeploymentPayload(payload), expected);
    assert.deepEqual(toDeploymentPayload(JSON.stringify(payload)), expected);
    assert.deepEqual(toDeploymentPayload({ envflow: 1, kind: 'rollout', backup: null, replaces: null }), {
      kind: 'rollout',
    });
    assert.deepEqual(toDeploymentPayload({ envflow: 1, kind: 'rollout', backup: { tag: null, data: 'db-1' } }), {
      kind: 'rollout',
      backup: { data: 'db-1' },
    });
  });

  it('ignores payloads it did not write and fields of the wrong shape', () => {
    for (const foreign of [
      undefined,
      '',
      'not json',
      [],
      {},
      { kind: 'rollout' },
      { envflow: 2, kind: 'rollout' },
      { envflow: 1, kind: 'deploy' },
    ]) {
      assert.equal(toDeploymentPayload(foreign), undefined, JSON.stringify(foreign));
    }
    assert.deepEqual(
      toDeploymentPayload({
        envflow: 1,
        kind: 'rollback',
        backup: { tag: 'refs/heads/main', data: 'x'.repeat(500) },
        replaces: -3,
      }),
      { kind: 'rollback', backup: { data: 'x'.repeat(200) } },
      'a tag that is no backup tag, a negative id and an endless data id are not taken as they are',
    );
  });

  it('reads the stage from the in_progress descriptions the workflow posts, and nothing else', () => {
    assert.deepEqual(toDeploymentStage('Backing up'), { step: 'backingUp' });
    assert.deepEqual(toDeploymentStage('Rolling out · 10 %'), { step: 'rollingOut', percent: 10 });
    assert.deepEqual(toDeploymentStage('Rolling out · 100 %'), { step: 'rollingOut', percent: 100 });
    for (const other of [undefined, '', 'Rolling out: 50%', 'Rolling out · 150 %', 'Live', 'Rolling out · -5 %']) {
      assert.equal(toDeploymentStage(other), undefined, String(other));
    }
  });
});
