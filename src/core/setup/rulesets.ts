/**
 * Repository rulesets, GitHub's newer way to protect branches. A branch a ruleset already
 * protects reads as protected and gets no classic protection on top (two mechanisms
 * whose rules add up are hard to reason about); in a repository that uses rulesets,
 * Set Up proposes a ruleset instead of classic protection.
 */
import * as l10n from '@vscode/l10n';
import type { GitHubClient } from '../github/client';
import type { BranchRule, RulesetInput } from '../github/policies';
import { approvalsText, describeRules } from '../github/ruleWords';

export { describeRules };
import type { DesiredProtection } from './protection';

/** The rules rulesets apply to `branch`; none where the endpoint does not exist (older GitHub Enterprise Server). */
export async function readBranchRules(client: GitHubClient, branch: string): Promise<BranchRule[]> {
  try {
    return await client.getBranchRules(branch);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) {
      return [];
    }
    throw error;
  }
}

/** What EnvFlow's workflow needs that the rulesets do not require, one phrase each. */
export function missingFromRules(rules: readonly BranchRule[], desired: DesiredProtection): string[] {
  const missing: string[] = [];
  const pullRequest = rules.filter((r) => r.type === 'pull_request');
  const approvals = Math.max(0, ...pullRequest.map((r) => r.approvals ?? 0));
  if (!pullRequest.length) {
    missing.push(l10n.t('pull requests before merging'));
  } else if (approvals < (desired.approvals ?? 0)) {
    missing.push(approvalsText(desired.approvals ?? 0));
  }
  const checks = new Set(rules.flatMap((r) => r.checks ?? []));
  const absent = desired.requiredChecks.filter((name) => !checks.has(name));
  if (absent.length) {
    missing.push(checksText(absent));
  }
  if (!rules.some((r) => r.type === 'non_fast_forward')) {
    missing.push(l10n.t('blocking force pushes'));
  }
  if (!rules.some((r) => r.type === 'deletion')) {
    missing.push(l10n.t('blocking deletion'));
  }
  return missing;
}

function checksText(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`).join(', ');
  return names.length > 1 ? l10n.t('the checks {0}', quoted) : l10n.t('the check {0}', quoted);
}

/** The ruleset EnvFlow proposes for one branch: the same rules its classic protection would set. */
export function rulesetFor(branch: string, desired: DesiredProtection): RulesetInput {
  return {
    name: `EnvFlow: ${branch}`,
    target: 'branch',
    enforcement: 'active',
    conditions: { ref_name: { include: [`refs/heads/${branch}`], exclude: [] } },
    rules: [
      { type: 'deletion' },
      { type: 'non_fast_forward' },
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: desired.approvals ?? 0,
          dismiss_stale_reviews_on_push: false,
          require_code_owner_review: false,
          require_last_push_approval: false,
          required_review_thread_resolution: false,
        },
      },
      {
        type: 'required_status_checks',
        parameters: {
          strict_required_status_checks_policy: desired.strict === true,
          required_status_checks: desired.requiredChecks.map((context) => ({
            context,
            ...(desired.checkApps?.[context] !== undefined ? { integration_id: desired.checkApps[context] } : {}),
          })),
        },
      },
    ],
  };
}
