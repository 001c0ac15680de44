/**
 * Branch protection as the union of what a branch has and what EnvFlow's workflow
 * needs: pull requests required, the CI check (and `envflow/local-tests` when posted)
 * required, no force pushes, no deletions. Every existing rule, check and stricter
 * setting is kept: the merge can only add restrictions, never remove one.
 */
import * as l10n from '@vscode/l10n';
import { approvalsText, describeProtection, enabled, obj, strings } from '../github/ruleWords';
import type { BranchProtection, BranchProtectionUpdate } from '../github/types';

export { describeProtection };

export interface DesiredProtection {
  /** Status check contexts that must pass before merging. */
  readonly requiredChecks: readonly string[];
  /**
   * The app each check must come from (context → app id): a check tied to GitHub Actions
   * cannot be satisfied by anyone who may post a commit status. A check already tied to
   * another app keeps it.
   */
  readonly checkApps?: Readonly<Record<string, number>>;
  /** Approvals a pull request needs at least (an existing higher count stays). */
  readonly approvals?: number;
  /** Branches must be up to date with the base before merging. */
  readonly strict?: boolean;
}

/** GitHub Actions' app id on github.com and GHES alike: the app whose check runs the `ci` job posts. */
export const GITHUB_ACTIONS_APP_ID = 15368;

export interface ProtectionMerge {
  /** The PUT body that keeps everything current and adds what is missing. */
  readonly body: BranchProtectionUpdate;
  /** What the PUT changes, one phrase each; empty when the branch already has it all. */
  readonly changes: readonly string[];
  /** The current rules in words, for the user to read before anything changes. */
  readonly current: readonly string[];
}

type Json = Record<string, unknown>;

/** Optional boolean settings the PUT body carries; each is kept as it is, except the two EnvFlow turns off. */
const KEPT_FLAGS = [
  'required_linear_history',
  'block_creations',
  'required_conversation_resolution',
  'lock_branch',
  'allow_fork_syncing',
] as const;

/** `current` is GitHub's GET answer (undefined: not protected). */
export function mergeProtection(current: BranchProtection | undefined, desired: DesiredProtection): ProtectionMerge {
  const changes: string[] = [];
  const checks = obj(current?.required_status_checks);
  const currentChecks = checks
    ? [...new Set([...strings(checks.contexts, 'context'), ...strings(checks.checks, 'context')])]
    : [];
  const addedChecks = desired.requiredChecks.filter((name) => !currentChecks.includes(name));
  if (addedChecks.length) {
    changes.push(
      addedChecks.length > 1
        ? l10n.t('require the checks {0}', quoted(addedChecks))
        : l10n.t('require the check {0}', quoted(addedChecks)),
    );
  }
  // Checks pinned to an app keep their app; GitHub takes `checks` over the deprecated `contexts`.
  const pinned = Array.isArray(checks?.checks)
    ? (checks.checks as unknown[]).map(obj).filter((c): c is Json => c !== undefined && typeof c.context === 'string')
    : [];
  const appOf = (context: string): number | undefined => {
    const existing = pinned.find((c) => c.context === context)?.app_id;
    return typeof existing === 'number' ? existing : desired.checkApps?.[context];
  };
  const newlyTied = currentChecks.filter(
    (name) =>
      desired.checkApps?.[name] !== undefined && typeof pinned.find((c) => c.context === name)?.app_id !== 'number',
  );
  if (newlyTied.length) {
    changes.push(
      newlyTied.length > 1
        ? l10n.t('tie the checks {0} to GitHub Actions, so a commit status alone cannot pass it', quoted(newlyTied))
        : l10n.t('tie the check {0} to GitHub Actions, so a commit status alone cannot pass it', quoted(newlyTied)),
    );
  }
  const allChecks = [...currentChecks, ...addedChecks];
  const strict = checks?.strict === true || desired.strict === true;
  if (desired.strict && checks?.strict !== true) {
    changes.push('require branches to be up to date before merging');
  }
  const requiredStatusChecks = {
    strict,
    contexts: allChecks,
    ...(allChecks.some((name) => appOf(name) !== undefined)
      ? {
          checks: allChecks.map((context) => ({
            context,
            ...(appOf(context) !== undefined ? { app_id: appOf(context) } : {}),
          })),
        }
      : {}),
  };

  const reviews = obj(current?.required_pull_request_reviews);
  const wanted = desired.approvals ?? 0;
  const currentCount =
    typeof reviews?.required_approving_review_count === 'number' ? reviews.required_approving_review_count : 0;
  if (!reviews) {
    changes.push(
      wanted
        ? l10n.t('require a pull request before merging with {0}', approvalsText(wanted))
        : l10n.t('require a pull request before merging'),
    );
  } else if (currentCount < wanted) {
    changes.push(l10n.t('require {0} instead of {1}', approvalsText(wanted), currentCount));
  }
  const requiredReviews = {
    ...(reviews ? keptReviews(reviews) : {}),
    required_approving_review_count: Math.max(currentCount, wanted),
  };

  if (enabled(current?.allow_force_pushes) || !current) {
    changes.push(l10n.t('block force pushes'));
  }
  if (enabled(current?.allow_deletions) || !current) {
    changes.push(l10n.t('block deletion'));
  }
  const restrictions = obj(current?.restrictions);
  const body: BranchProtectionUpdate = {
    required_status_checks: requiredStatusChecks,
    enforce_admins: enabled(current?.enforce_admins),
    required_pull_request_reviews: requiredReviews,
    restrictions: restrictions
      ? {
          users: strings(restrictions.users, 'login'),
          teams: strings(restrictions.teams, 'slug'),
          apps: strings(restrictions.apps, 'slug'),
        }
      : null,
    allow_force_pushes: false,
    allow_deletions: false,
    ...Object.fromEntries(
      KEPT_FLAGS.filter((flag) => current?.[flag] !== undefined).map((flag) => [flag, enabled(current?.[flag])]),
    ),
  };
  return { body, changes, current: describeProtection(current) };
}

const quoted = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

/** Every review rule as it is (approval counts, code owners, dismissal lists, bypass lists). */
function keptReviews(reviews: Json): Json {
  const kept: Json = {};
  for (const key of [
    'dismiss_stale_reviews',
    'require_code_owner_reviews',
    'require_last_push_approval',
    'required_approving_review_count',
  ] as const) {
    if (reviews[key] !== undefined) {
      kept[key] = reviews[key];
    }
  }
  for (const key of ['dismissal_restrictions', 'bypass_pull_request_allowances'] as const) {
    const lists = obj(reviews[key]);
    if (lists) {
      kept[key] = {
        users: strings(lists.users, 'login'),
        teams: strings(lists.teams, 'slug'),
        ...(lists.apps ? { apps: strings(lists.apps, 'slug') } : {}),
      };
    }
  }
  return kept;
}
