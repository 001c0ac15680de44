import * as assert from 'node:assert/strict';
import { withoutJobRecords } from '../../../src/core/flow/deploymentContract';
import type { RawDeployment } from '../../../src/core/github/types';

const raw = (id: number, sha: string, payload?: RawDeployment['payload']): RawDeployment =>
  ({
    id,
    sha,
    ref: 'main',
    environment: 'production',
    createdAt: '2026-11-28T10:00:00Z',
    updatedAt: '2026-11-28T10:00:00Z',
    ...(payload ? { payload } : {}),
  }) as RawDeployment;

describe('GitHub’s own records of environment jobs', () => {
  it('are left out once the environment holds the workflow’s records: a rollback shows its target, not main’s head', () => {
    const target = raw(3, 'aaaa', { kind: 'rollback' } as RawDeployment['payload']);
    const jobRecord = raw(2, 'main-head');
    const earlier = raw(1, 'bbbb', { kind: 'rollout' } as RawDeployment['payload']);
    assert.deepEqual(
      withoutJobRecords([target, jobRecord, earlier]).map((d) => d.id),
      [3, 1],
    );
  });

  it('stay when an environment is deployed some other way (no EnvFlow payload anywhere)', () => {
    assert.deepEqual(
      withoutJobRecords([raw(2, 'x'), raw(1, 'y')]).map((d) => d.id),
      [2, 1],
    );
  });
});
