import * as assert from 'node:assert/strict';
import type { BackupInfo } from '../../../src/core/model/snapshot';
import {
  describeRevert,
  findCandidate,
  listRollbackTargets,
  revertPullRequestBody,
  revertPullRequestTitle,
  rollbackBranchName,
} from '../../../src/core/release/rollbackPlan';
import { deployment, iso, SHA, T0 } from '../../support/snapshotFactory';

const OLDER = '5555555555555555555555555555555555555555';
const now = new Date(T0);
const backup = (sha: string, minutesAgo: number, tag = `backup/production-${minutesAgo}`): BackupInfo => ({
  tag,
  sha,
  createdAt: iso(minutesAgo),
});

describe('rollback targets', () => {
  it('lists earlier successful deployments once per commit, newest first, never the current one', () => {
    const history = [
      deployment({ id: 9, sha: SHA.main, state: 'failure', createdAt: iso(5) }),
      deployment({ id: 8, sha: SHA.previous, state: 'success', createdAt: iso(60) }),
      deployment({ id: 7, sha: SHA.develop, state: 'error', createdAt: iso(90) }),
      deployment({ id: 6, sha: SHA.previous, state: 'inactive', createdAt: iso(120) }),
      deployment({ id: 5, sha: OLDER, state: 'inactive', createdAt: iso(24 * 60) }),
      deployment({ id: 4, sha: SHA.main, state: 'success', createdAt: iso(2 * 24 * 60) }),
    ];
    const targets = listRollbackTargets(history, [], SHA.main, now);
    assert.deepEqual(
      targets.map((t) => [t.sha, t.deploymentId, t.ageMs]),
      [
        [SHA.previous, 8, 60 * 60_000],
        [OLDER, 5, 24 * 60 * 60_000],
      ],
    );
    assert.ok(targets.every((t) => t.source === 'deployment'));
  });

  it('adds backups of other commits after the deployments, and names the backup of a deployed commit', () => {
    const history = [deployment({ id: 8, sha: SHA.previous, createdAt: iso(60) })];
    const backups = [backup(SHA.main, 1), backup(OLDER, 300), backup(SHA.previous, 30), backup(SHA.previous, 200)];
    const targets = listRollbackTargets(history, backups, SHA.main, now);
    assert.deepEqual(
      targets.map((t) => [t.source, t.sha, t.tag]),
      [
        ['deployment', SHA.previous, 'backup/production-30'],
        ['backup', OLDER, 'backup/production-300'],
      ],
    );
  });

  it('is empty when everything is the current commit', () => {
    assert.deepEqual(listRollbackTargets([deployment({ sha: SHA.main })], [backup(SHA.main, 3)], SHA.main, now), []);
  });

  it('finds a target by a unique SHA prefix of at least 7 digits only', () => {
    const targets = listRollbackTargets(
      [deployment({ id: 1, sha: SHA.previous }), deployment({ id: 2, sha: OLDER })],
      [],
      SHA.main,
      now,
    );
    assert.equal(findCandidate(targets, SHA.previous.slice(0, 7))?.deploymentId, 1);
    assert.equal(findCandidate(targets, OLDER.toUpperCase())?.deploymentId, 2);
    assert.equal(findCandidate(targets, '44444'), undefined, 'too short');
    assert.equal(findCandidate(targets, SHA.main), undefined, 'not a target');
    assert.equal(findCandidate(targets, 'main'), undefined, 'not a SHA');
  });
});

describe('rollback text', () => {
  const target = listRollbackTargets(
    [deployment({ id: 8, sha: SHA.previous, createdAt: '2026-11-27T10:00:00.000Z' })],
    [],
    SHA.main,
    now,
  )[0]!;
  const commits = [
    { sha: SHA.main, parents: [SHA.develop, OLDER], subject: 'Merge pull request #3 from octo/feature/x' },
    { sha: SHA.develop, parents: [SHA.previous], subject: 'Direct change' },
  ];

  it('names the branch after the target and the UTC moment', () => {
    assert.equal(
      rollbackBranchName(SHA.previous, new Date('2026-11-28T09:08:07.123Z')),
      'rollback/4444444-20261128T090807Z',
    );
    assert.equal(revertPullRequestTitle(SHA.previous), 'Roll back production to 4444444');
  });

  it('says which commits the revert undoes and that main changes only on merge', () => {
    const text = describeRevert(target, 'main', commits);
    assert.match(text, /reverts these 2 commits \(newest first\)/);
    assert.match(text, /3333333 Merge pull request #3 .* \(merge\)/);
    assert.match(text, /main itself does not change until that pull request is merged/);
  });

  it('lists the reverted commits in the pull request body', () => {
    const body = revertPullRequestBody(target, 'main', commits);
    assert.match(body, /production deployment #8 of 2026-11-27/);
    assert.match(
      body,
      /- 3333333 Merge pull request #3 from octo\/feature\/x \(merge, reverted against its first parent\)\n- 2222222 Direct change/,
    );
  });
});
