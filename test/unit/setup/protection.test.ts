/**
 * The protection merge only ever adds: a table of current rules (GitHub's GET shape) →
 * the PUT body and the changes it lists, including branches that are already stricter.
 */
import * as assert from 'node:assert/strict';
import { mergeProtection } from '../../../src/core/setup/protection';

const desired = { requiredChecks: ['ci', 'envflow/local-tests'] };
const on = { enabled: true };
const off = { enabled: false };

describe('mergeProtection', () => {
  it('an unprotected branch gets pull requests, the checks, no force pushes and no deletion', () => {
    const merged = mergeProtection(undefined, desired);
    assert.deepEqual(merged.body.required_status_checks, { strict: false, contexts: ['ci', 'envflow/local-tests'] });
    assert.deepEqual(merged.body.required_pull_request_reviews, { required_approving_review_count: 0 });
    assert.equal(merged.body.allow_force_pushes, false);
    assert.equal(merged.body.allow_deletions, false);
    assert.equal(merged.body.enforce_admins, false);
    assert.equal(merged.body.restrictions, null);
    assert.deepEqual(merged.changes, [
      'require the checks "ci", "envflow/local-tests"',
      'require a pull request before merging',
      'block force pushes',
      'block deletion',
    ]);
    assert.deepEqual(merged.current, ['not protected']);
  });

  const stricter = {
    required_status_checks: {
      strict: true,
      contexts: ['lint', 'ci'],
      checks: [
        { context: 'lint', app_id: 15368 },
        { context: 'ci', app_id: null },
      ],
    },
    required_pull_request_reviews: {
      required_approving_review_count: 2,
      require_code_owner_reviews: true,
      dismiss_stale_reviews: true,
      require_last_push_approval: true,
      dismissal_restrictions: { users: [{ login: 'lead' }], teams: [{ slug: 'core' }] },
    },
    enforce_admins: on,
    restrictions: { users: [{ login: 'release-bot' }], teams: [{ slug: 'release' }], apps: [] },
    allow_force_pushes: off,
    allow_deletions: off,
    required_linear_history: on,
    required_conversation_resolution: on,
    lock_branch: off,
  };

  it('keeps every stricter rule and every existing check, and only adds the missing check', () => {
    const merged = mergeProtection(stricter, desired);
    assert.deepEqual(merged.changes, ['require the check "envflow/local-tests"']);
    const body = merged.body as Record<string, unknown>;
    assert.deepEqual(body.required_status_checks, {
      strict: true,
      contexts: ['lint', 'ci', 'envflow/local-tests'],
      // The check pinned to an app keeps its app.
      checks: [{ context: 'lint', app_id: 15368 }, { context: 'ci' }, { context: 'envflow/local-tests' }],
    });
    assert.deepEqual(body.required_pull_request_reviews, {
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
      require_last_push_approval: true,
      required_approving_review_count: 2,
      dismissal_restrictions: { users: ['lead'], teams: ['core'] },
    });
    assert.equal(body.enforce_admins, true);
    assert.deepEqual(body.restrictions, { users: ['release-bot'], teams: ['release'], apps: [] });
    assert.equal(body.required_linear_history, true);
    assert.equal(body.required_conversation_resolution, true);
    assert.equal(body.lock_branch, false);
  });

  it('a branch that already has everything needs no change', () => {
    const merged = mergeProtection(
      { ...stricter, required_status_checks: { strict: true, contexts: ['ci', 'envflow/local-tests'] } },
      desired,
    );
    assert.deepEqual(merged.changes, []);
    assert.deepEqual(merged.current, [
      'pull requests required with 2 approvals',
      'required checks: ci, envflow/local-tests',
      'applies to admins',
      'pushes restricted to chosen people',
      'no force pushes',
      'no deletion',
    ]);
  });

  it('turns off force pushes and deletion where they were allowed, and keeps the rest', () => {
    const loose = {
      required_pull_request_reviews: { required_approving_review_count: 1 },
      allow_force_pushes: on,
      allow_deletions: on,
      required_status_checks: { strict: false, contexts: ['ci', 'envflow/local-tests'] },
    };
    const merged = mergeProtection(loose, desired);
    assert.deepEqual(merged.changes, ['block force pushes', 'block deletion']);
    assert.deepEqual(merged.body.required_pull_request_reviews, { required_approving_review_count: 1 });
  });

  it('never lowers anything: for each current rule the merged body is at least as strict', () => {
    const cases = [
      undefined,
      stricter,
      { allow_force_pushes: on },
      { required_pull_request_reviews: { required_approving_review_count: 6 } },
      { enforce_admins: on },
    ];
    for (const current of cases) {
      const body = mergeProtection(current as never, desired).body as Record<string, unknown>;
      const reviews = body.required_pull_request_reviews as { required_approving_review_count?: number };
      const currentCount =
        (current as { required_pull_request_reviews?: { required_approving_review_count?: number } } | undefined)
          ?.required_pull_request_reviews?.required_approving_review_count ?? 0;
      assert.ok((reviews.required_approving_review_count ?? 0) >= currentCount);
      assert.equal(body.allow_force_pushes, false);
      assert.equal(body.allow_deletions, false);
      assert.equal(
        body.enforce_admins,
        (current as { enforce_admins?: { enabled: boolean } } | undefined)?.enforce_admins?.enabled === true,
      );
      const contexts = (body.required_status_checks as { contexts: string[] }).contexts;
      assert.ok(desired.requiredChecks.every((c) => contexts.includes(c)));
    }
  });
});
