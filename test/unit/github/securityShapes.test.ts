/**
 * The quirks of the pending deployments, code scanning and dependency-graph answers, with
 * the JSON GitHub documents: a team reviewer named by slug, a rule without a security
 * severity, fields GitHub may leave out.
 */
import * as assert from 'node:assert/strict';
import { toPendingDeployments } from '../../../src/core/github/deploymentReviews';
import { codeScanningSeverityOf, toDependencyChanges } from '../../../src/core/github/securityScanning';

describe('security answers from GitHub', () => {
  it('reads reviewers of both kinds and skips one without a name', () => {
    const [pending] = toPendingDeployments([
      {
        environment: { id: 161171787, name: 'production' },
        wait_timer: 30,
        wait_timer_started_at: '2020-11-23T22:00:40Z',
        current_user_can_approve: true,
        reviewers: [
          { type: 'User', reviewer: { login: 'octocat', id: 1 } },
          { type: 'Team', reviewer: { id: 1, name: 'Justice League', slug: 'justice-league' } },
          { type: 'User', reviewer: {} },
        ],
      },
    ]);
    assert.deepEqual(pending, {
      environmentId: 161171787,
      environment: 'production',
      waitTimerMinutes: 30,
      waitingSince: '2020-11-23T22:00:40Z',
      currentUserCanApprove: true,
      reviewers: [
        { type: 'User', name: 'octocat' },
        { type: 'Team', name: 'justice-league' },
      ],
    });
  });

  it('an environment without reviewers or wait timer still reads', () => {
    const [pending] = toPendingDeployments([
      { environment: { id: 2, name: 'staging' }, current_user_can_approve: false },
    ]);
    assert.equal(pending?.waitTimerMinutes, 0);
    assert.equal(pending?.waitingSince, undefined);
    assert.deepEqual(pending?.reviewers, []);
  });

  it('a code scanning rule without a security severity takes it from its level', () => {
    assert.equal(
      codeScanningSeverityOf({ rule: { security_severity_level: 'critical', severity: 'error' } }),
      'critical',
    );
    assert.equal(codeScanningSeverityOf({ rule: { severity: 'error' } }), 'high');
    assert.equal(codeScanningSeverityOf({ rule: { severity: 'warning' } }), 'medium');
    assert.equal(codeScanningSeverityOf({ rule: { severity: 'note' } }), 'low');
    assert.equal(codeScanningSeverityOf({ rule: { severity: null } }), 'low');
  });

  it('a dependency change without optional fields reads, and a bad shape is refused', () => {
    const [change] = toDependencyChanges([
      { change_type: 'added', name: 'left-pad', vulnerabilities: [{ advisory_ghsa_id: 'GHSA-xxxx-xxxx-xxxx' }] },
    ]);
    assert.deepEqual(change, {
      changeType: 'added',
      name: 'left-pad',
      version: '',
      ecosystem: '',
      manifest: '',
      vulnerabilities: [{ severity: 'unknown', ghsaId: 'GHSA-xxxx-xxxx-xxxx', summary: '', url: '' }],
    });
    assert.throws(() => toDependencyChanges({ message: 'Not Found' }));
  });
});
