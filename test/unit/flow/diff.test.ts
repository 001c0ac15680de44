import * as assert from 'node:assert/strict';
import { diff } from '../../../src/core/flow/diff';
import type { DeploymentInfo, RepositorySnapshot } from '../../../src/core/model/snapshot';
import { checks, deployment, pullRequest, SHA, snapshot } from '../../support/snapshotFactory';

const production = (d: Partial<DeploymentInfo>): RepositorySnapshot =>
  snapshot({ production: { deployment: deployment(d) } });
const development = (d: Partial<DeploymentInfo>): RepositorySnapshot =>
  snapshot({
    development: { deployment: deployment({ environment: 'development', ref: 'develop', sha: SHA.develop, ...d }) },
  });
const kinds = (before: RepositorySnapshot, after: RepositorySnapshot): string[] =>
  diff(before, after).map((t) => t.kind);

describe('diff', () => {
  describe('when there is no news', () => {
    it('says nothing on the first load', () => {
      assert.deepEqual(diff(undefined, production({ state: 'failure' })), []);
    });

    it('says nothing for an unchanged snapshot', () => {
      const failing = snapshot({
        production: { deployment: deployment({ state: 'error' }) },
        development: { checks: checks('failing', ['lint']) },
      });
      assert.deepEqual(diff(failing, failing), []);
      assert.deepEqual(diff(failing, structuredClone(failing)), []);
    });

    it('says nothing when the new data is stale or GitHub could not be reached', () => {
      const before = production({ state: 'in_progress' });
      const after = production({ state: 'failure' });
      assert.deepEqual(diff(before, { ...after, stale: true }), []);
      assert.deepEqual(
        diff(before, { ...after, connection: { state: 'error', kind: 'offline', message: 'Offline.' } }),
        [],
      );
      assert.deepEqual(diff(before, { ...after, connection: { state: 'signedOut' } }), []);
    });

    it('treats the first GitHub data after signing in as a first load', () => {
      const signedOut: RepositorySnapshot = {
        ...snapshot({ production: { deployment: undefined, history: [] } }),
        connection: { state: 'signedOut' },
      };
      assert.deepEqual(diff(signedOut, production({ state: 'failure' })), []);
    });

    it('compares against the last good data once GitHub is back', () => {
      const carriedOver: RepositorySnapshot = {
        ...production({ state: 'failure' }),
        stale: true,
        connection: { state: 'error', kind: 'offline', message: 'Offline.' },
      };
      assert.deepEqual(diff(carriedOver, production({ state: 'failure' })), [], 'the failure was already announced');
      assert.deepEqual(kinds(carriedOver, production({ id: 8, state: 'failure' })), ['productionDeploymentFailed']);
    });

    it('never compares two different repositories', () => {
      const other: RepositorySnapshot = { ...production({ state: 'failure' }), root: '/work/other' };
      assert.deepEqual(diff(production({ state: 'in_progress' }), other), []);
    });
  });

  describe('production deployment', () => {
    it('announces a deployment that turns to failure, once, and not also as finished', () => {
      const after = production({ state: 'failure' });
      assert.deepEqual(diff(production({ state: 'in_progress' }), after), [
        { kind: 'productionDeploymentFailed', deployment: after.production.deployment },
      ]);
      assert.deepEqual(diff(after, after), []);
    });

    it('announces a new deployment that is already failing', () => {
      assert.deepEqual(kinds(production({ id: 7, state: 'success' }), production({ id: 8, state: 'error' })), [
        'productionDeploymentFailed',
      ]);
    });

    it('announces a deployment that failed after reporting success (gradual rollout)', () => {
      assert.deepEqual(kinds(production({ state: 'success' }), production({ state: 'failure' })), [
        'productionDeploymentFailed',
      ]);
    });

    it('does not announce failure → error on the same deployment again', () => {
      assert.deepEqual(diff(production({ state: 'failure' }), production({ state: 'error' })), []);
    });

    it('announces a successful finish', () => {
      const after = production({ state: 'success' });
      assert.deepEqual(diff(production({ state: 'in_progress' }), after), [
        { kind: 'deploymentFinished', environment: 'production', deployment: after.production.deployment },
      ]);
    });

    it('ignores a finished deployment being made inactive, and deployments still running', () => {
      assert.deepEqual(diff(production({ state: 'success' }), production({ state: 'inactive' })), []);
      assert.deepEqual(diff(production({ state: 'queued' }), production({ state: 'in_progress' })), []);
      assert.deepEqual(diff(production({ id: 7 }), production({ id: 8, state: 'queued' })), []);
    });
  });

  describe('development deployment', () => {
    it('announces a new deployment that appears already finished', () => {
      assert.deepEqual(kinds(development({ id: 5 }), development({ id: 6, state: 'success' })), ['deploymentFinished']);
    });

    it('announces a failed development deployment as finished, not as a production failure', () => {
      const [t] = diff(development({ state: 'in_progress' }), development({ state: 'failure' }));
      assert.equal(t?.kind, 'deploymentFinished');
      assert.equal(t.kind === 'deploymentFinished' && t.environment, 'development');
    });

    it('announces the first deployment ever', () => {
      const none = snapshot({ development: { deployment: undefined } });
      assert.deepEqual(kinds(none, development({ state: 'success' })), ['deploymentFinished']);
      assert.deepEqual(diff(development({ state: 'success' }), none), [], 'a vanished deployment is not news');
    });
  });

  describe('develop checks', () => {
    const dev = (state: 'passing' | 'failing' | 'pending', sha = SHA.develop, failing: string[] = []) =>
      snapshot({ development: { head: { sha, subject: 'Merge' }, checks: checks(state, failing) } });

    it('announces checks turning red, with the failing names', () => {
      assert.deepEqual(diff(dev('pending'), dev('failing', SHA.develop, ['lint', 'unit'])), [
        { kind: 'developChecksFailed', sha: SHA.develop, failing: ['lint', 'unit'] },
      ]);
      assert.deepEqual(kinds(dev('passing'), dev('failing', SHA.develop, ['lint'])), ['developChecksFailed']);
    });

    it('stays quiet while the same head stays red, even as more checks fail', () => {
      assert.deepEqual(diff(dev('failing', SHA.develop, ['lint']), dev('failing', SHA.develop, ['lint', 'unit'])), []);
    });

    it('announces a new head that is already red', () => {
      assert.deepEqual(kinds(dev('failing', SHA.develop, ['lint']), dev('failing', SHA.previous, ['lint'])), [
        'developChecksFailed',
      ]);
    });

    it('says nothing when checks go green or start running', () => {
      assert.deepEqual(diff(dev('failing', SHA.develop, ['lint']), dev('passing')), []);
      assert.deepEqual(diff(dev('passing'), dev('pending', SHA.previous)), []);
    });
  });

  describe("the branch's pull request checks", () => {
    const withPr = (state: 'passing' | 'failing' | 'pending', overrides: Parameters<typeof pullRequest>[0] = {}) =>
      snapshot({
        local: {
          pullRequest: pullRequest({ checks: checks(state, state === 'failing' ? ['unit'] : []), ...overrides }),
        },
      });

    it('announces pending → passing and pending → failing for the same head', () => {
      const passed = withPr('passing');
      assert.deepEqual(diff(withPr('pending'), passed), [
        { kind: 'pullRequestChecksFinished', pullRequest: passed.local.pullRequest, state: 'passing' },
      ]);
      const [failed] = diff(withPr('pending'), withPr('failing'));
      assert.equal(failed?.kind === 'pullRequestChecksFinished' && failed.state, 'failing');
    });

    it('says nothing for a new head, another pull request, or a change between final states', () => {
      assert.deepEqual(diff(withPr('pending'), withPr('passing', { headSha: SHA.previous })), []);
      assert.deepEqual(diff(withPr('pending'), withPr('passing', { number: 13 })), []);
      assert.deepEqual(diff(withPr('passing'), withPr('failing')), []);
      assert.deepEqual(diff(snapshot(), withPr('passing')), [], 'a newly found pull request is not a finish');
    });
  });

  it('lists several transitions, production first', () => {
    const before = snapshot({
      production: { deployment: deployment({ state: 'in_progress' }) },
      development: {
        checks: checks('pending'),
        deployment: deployment({ id: 5, environment: 'development', state: 'in_progress' }),
      },
      local: { pullRequest: pullRequest({ checks: checks('pending') }) },
    });
    const after = snapshot({
      production: { deployment: deployment({ state: 'error' }) },
      development: {
        checks: checks('failing', ['lint']),
        deployment: deployment({ id: 5, environment: 'development', state: 'success' }),
      },
      local: { pullRequest: pullRequest({ checks: checks('passing') }) },
    });
    assert.deepEqual(kinds(before, after), [
      'productionDeploymentFailed',
      'developChecksFailed',
      'deploymentFinished',
      'pullRequestChecksFinished',
    ]);
  });
});
