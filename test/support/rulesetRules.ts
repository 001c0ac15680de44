import type { RulesetRecord } from '../../tools/githubServer/policyState';

/**
 * A branch ruleset's rules as GitHub holds them: no deletion, no force push, a pull request
 * with one approval, and `ci` required from GitHub Actions (app 15368). `strict` is whether
 * a branch must be up to date before merging.
 */
export function branchRulesetRules(options: { readonly strict: boolean }): RulesetRecord['rules'] {
  return [
    { type: 'deletion' },
    { type: 'non_fast_forward' },
    {
      type: 'pull_request',
      parameters: {
        required_approving_review_count: 1,
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_review_thread_resolution: false,
      },
    },
    {
      type: 'required_status_checks',
      parameters: {
        strict_required_status_checks_policy: options.strict,
        required_status_checks: [{ context: 'ci', integration_id: 15368 }],
      },
    },
  ];
}
