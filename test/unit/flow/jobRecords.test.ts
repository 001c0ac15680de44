import * as assert from 'node:assert/strict';
import { withoutJobRecords } from '../../../src/core/flow/deploymentContract';
import type { RawDeployment } from '../../../src/core/github/types';

const raw = (
  id: number,
  sha: string,
  payload?: RawDeployment['payload'],
  creator = 'github-actions[bot]',
): RawDeployment =>
  ({
    id,
    sha,
    ref: 'main',
    environment: 'production',
    creator,
    createdAt: '2026-11-28T10:00:00Z',
    updatedAt: '2026-11-28T10:00:00Z',
    ...(payload ? { payload } : {}),
  }) as RawDeployment;

const rollback = { kind: 'rollback' } as RawDeployment['payload'];

describe('GitHub’s own records of environment jobs', () => {
  it('are left out once the environment holds the workflow’s records: a rollback shows its target, not main’s head', () => {
    assert.deepEqual(
      withoutJobRecords([raw(3, 'aaaa', rollback), raw(2, 'main-head'), raw(1, 'bbbb', rollback)]).map((d) => d.id),
      [3, 1],
    );
  });

  it('stay when an environment is deployed some other way (no EnvFlow payload anywhere)', () => {
    assert.deepEqual(
      withoutJobRecords([raw(2, 'x'), raw(1, 'y')]).map((d) => d.id),
      [2, 1],
    );
  });

  it('only the Actions bot’s records go: a deployment a person or another tool recorded stays in the history', () => {
    assert.deepEqual(
      withoutJobRecords([raw(3, 'aaaa', rollback), raw(2, 'release', undefined, 'ada-developer')]).map((d) => d.id),
      [3, 2],
    );
  });
});
