import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  combineDeploymentState,
  isFailedDeploymentState,
  isFinalDeploymentState,
  summarizeChecks,
} from '../../../src/core/flow/checks';
import type { CheckItem } from '../../../src/core/model/snapshot';
import { deploymentStates } from '../../support/snapshotFactory';

const item = (name: string, state: CheckItem['state']): CheckItem => ({ name, state });

describe('summarizeChecks', () => {
  it("says 'none' when nothing reported", () => {
    assert.deepEqual(summarizeChecks([]), {
      state: 'none',
      total: 0,
      passed: 0,
      failed: 0,
      pending: 0,
      failing: [],
      items: [],
    });
  });

  it('is passing when everything succeeded, counting neutral and skipped as passed', () => {
    const s = summarizeChecks([item('build', 'success'), item('docs', 'neutral'), item('e2e', 'skipped')]);
    assert.equal(s.state, 'passing');
    assert.deepEqual([s.total, s.passed, s.failed, s.pending], [3, 3, 0, 0]);
  });

  it('is failing with the failing names, even while others still run', () => {
    const s = summarizeChecks([
      item('lint', 'failure'),
      item('build', 'pending'),
      item('unit', 'failure'),
      item('docs', 'success'),
    ]);
    assert.equal(s.state, 'failing');
    assert.deepEqual(s.failing, ['lint', 'unit']);
    assert.deepEqual([s.total, s.passed, s.failed, s.pending], [4, 1, 2, 1]);
  });

  it('is pending while any check runs and none failed', () => {
    assert.equal(summarizeChecks([item('build', 'success'), item('e2e', 'pending')]).state, 'pending');
  });

  it('lets a re-run replace the earlier result of the same name', () => {
    const fixed = summarizeChecks([item('unit', 'failure'), item('build', 'success'), item('unit', 'success')]);
    assert.equal(fixed.state, 'passing');
    assert.equal(fixed.total, 2);
    assert.deepEqual(
      fixed.items.map((i) => `${i.name}:${i.state}`),
      ['unit:success', 'build:success'],
      'a re-run keeps its place in the list',
    );
    assert.equal(summarizeChecks([item('unit', 'success'), item('unit', 'failure')]).state, 'failing');
    assert.equal(summarizeChecks([item('unit', 'failure'), item('unit', 'pending')]).state, 'pending');
  });

  it('lets a commit status and a check run with one name count once, the later one winning', () => {
    const status: CheckItem = { name: 'ci/build', state: 'pending', description: 'commit status' };
    const run: CheckItem = { name: 'ci/build', state: 'success', url: 'https://github.com/acme/shop/runs/1' };
    const s = summarizeChecks([status, run]);
    assert.equal(s.total, 1);
    assert.equal(s.items[0], run);
  });

  it('keeps its counts consistent for any list (property)', () => {
    const states = fc.constantFrom<CheckItem['state']>('success', 'failure', 'pending', 'neutral', 'skipped');
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), state: states })), (items) => {
        const s = summarizeChecks(items);
        const latest = new Map(items.map((i) => [i.name, i.state]));
        assert.equal(s.total, latest.size);
        assert.equal(s.passed + s.failed + s.pending, s.total);
        assert.equal(s.failing.length, s.failed);
        const values = [...latest.values()];
        const expected =
          values.length === 0
            ? 'none'
            : values.includes('failure')
              ? 'failing'
              : values.includes('pending')
                ? 'pending'
                : 'passing';
        assert.equal(s.state, expected);
      }),
    );
  });
});

describe('combineDeploymentState', () => {
  it("is 'none' for a deployment without statuses", () => {
    assert.equal(combineDeploymentState([]), 'none');
  });

  it('takes the newest status (GitHub lists them newest first)', () => {
    assert.equal(combineDeploymentState(['failure', 'in_progress', 'queued']), 'failure');
    assert.equal(combineDeploymentState([{ state: 'success' }, { state: 'in_progress' }]), 'success');
  });

  it('skips a state EnvFlow does not know rather than guessing', () => {
    assert.equal(combineDeploymentState([{ state: 'paused' }, { state: 'in_progress' }]), 'in_progress');
    assert.equal(combineDeploymentState(['paused']), 'none');
  });
});

describe('deployment state predicates', () => {
  const all = deploymentStates;

  it('calls success, failure, error and inactive final', () => {
    assert.deepEqual(all.filter(isFinalDeploymentState), ['success', 'failure', 'error', 'inactive']);
  });

  it('calls failure and error failed', () => {
    assert.deepEqual(all.filter(isFailedDeploymentState), ['failure', 'error']);
  });
});
