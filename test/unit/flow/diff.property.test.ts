import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { diff } from '../../../src/core/flow/diff';
import type { CheckState, GitHubConnection, RepositorySnapshot } from '../../../src/core/model/snapshot';
import { checks, deployment, deploymentStates, pullRequest, SHA, snapshot } from '../../support/snapshotFactory';

const checkStates: CheckState[] = ['passing', 'failing', 'pending', 'none'];
// Few distinct values, so consecutive snapshots often share ids and shas.
const sha = fc.constantFrom(SHA.develop, SHA.previous);
const checkSummary = fc
  .tuple(fc.constantFrom(...checkStates), fc.subarray(['lint', 'unit', 'e2e'], { minLength: 1 }))
  .map(([state, failing]) => checks(state, state === 'failing' ? failing : []));
const maybeDeployment = (environment: string) =>
  fc.option(
    fc
      .record({ id: fc.integer({ min: 1, max: 3 }), state: fc.constantFrom(...deploymentStates), sha })
      .map((d) => deployment({ ...d, environment })),
    { nil: undefined },
  );
const connection: fc.Arbitrary<GitHubConnection> = fc.constantFrom<GitHubConnection>(
  { state: 'ok' },
  { state: 'error', kind: 'offline', message: 'Offline.' },
  { state: 'signedOut' },
);

const arbitrarySnapshot: fc.Arbitrary<RepositorySnapshot> = fc
  .record({
    connection,
    stale: fc.boolean(),
    production: maybeDeployment('production'),
    development: maybeDeployment('development'),
    developSha: sha,
    developChecks: fc.option(checkSummary, { nil: undefined }),
    pullRequest: fc.option(
      fc.record({ number: fc.constantFrom(12, 13), headSha: sha, checks: checkSummary }).map((pr) => pullRequest(pr)),
      { nil: null },
    ),
  })
  .map((a) =>
    snapshot({
      rest: { connection: a.connection, stale: a.stale },
      production: { deployment: a.production },
      development: {
        deployment: a.development,
        head: { sha: a.developSha, subject: 'Merge' },
        checks: a.developChecks,
      },
      local: { pullRequest: a.pullRequest },
    }),
  );

describe('diff (properties)', () => {
  it('finds no transition between a snapshot and itself', () => {
    fc.assert(
      fc.property(arbitrarySnapshot, (s) => {
        assert.deepEqual(diff(s, s), []);
        assert.deepEqual(diff(s, structuredClone(s)), []);
      }),
      { numRuns: 500 },
    );
  });

  it('reports a change only the first time the same next snapshot arrives', () => {
    fc.assert(
      fc.property(arbitrarySnapshot, arbitrarySnapshot, (previous, next) => {
        diff(previous, next);
        assert.deepEqual(diff(next, structuredClone(next)), []);
      }),
      { numRuns: 500 },
    );
  });

  it('stays silent whenever the next snapshot is not fresh GitHub data', () => {
    fc.assert(
      fc.property(arbitrarySnapshot, arbitrarySnapshot, (previous, next) => {
        if (next.stale || next.connection.state !== 'ok') {
          assert.deepEqual(diff(previous, next), []);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('announces each event once: a failed production deployment is never also "finished"', () => {
    fc.assert(
      fc.property(arbitrarySnapshot, arbitrarySnapshot, (previous, next) => {
        const transitions = diff(previous, next);
        const keys = transitions.map((t) => t.kind + (t.kind === 'deploymentFinished' ? t.environment : ''));
        assert.equal(new Set(keys).size, keys.length);
        for (const t of transitions) {
          if (t.kind === 'deploymentFinished' && t.environment === 'production') {
            assert.ok(!['failure', 'error'].includes(t.deployment.state));
          }
          if (t.kind === 'productionDeploymentFailed') {
            assert.equal(t.deployment, next.production.deployment);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not re-announce unchanged data after an outage', () => {
    fc.assert(
      fc.property(arbitrarySnapshot, (s) => {
        const fresh: RepositorySnapshot = { ...s, connection: { state: 'ok' }, stale: false };
        const outage: RepositorySnapshot = {
          ...fresh,
          stale: true,
          connection: { state: 'error', kind: 'server', message: 'GitHub returned 502.' },
        };
        assert.deepEqual(diff(fresh, outage), []);
        assert.deepEqual(diff(outage, structuredClone(fresh)), []);
      }),
      { numRuns: 300 },
    );
  });
});
