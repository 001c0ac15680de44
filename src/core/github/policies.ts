/**
 * Access policies as GitHub returns them: deployment environments (reviewers, wait
 * timer, which branches and tags may deploy) and the rules repository rulesets apply
 * to a branch. Pure normalizers over `unknown`, like normalize.ts.
 */
import {
  asArray,
  asObject,
  arrayField,
  optionalObject,
  optionalString,
  requiredNumber,
  requiredString,
  type JsonObject,
} from './json';

/** One rule a ruleset applies to a branch (`GET /rules/branches/{branch}`). */
export interface BranchRule {
  /** `pull_request`, `required_status_checks`, `non_fast_forward`, `deletion`, … */
  readonly type: string;
  readonly rulesetId?: number;
  /** Approvals a `pull_request` rule requires. */
  readonly approvals?: number;
  /** Contexts a `required_status_checks` rule requires. */
  readonly checks?: readonly string[];
}

export interface EnvironmentPolicy {
  readonly name: string;
  readonly waitTimerMinutes: number;
  readonly preventSelfReview: boolean;
  /** Users and teams, with the ids a PUT must send back to keep them. */
  readonly reviewers: readonly EnvironmentReviewer[];
  /** `custom`: only the branch and tag patterns listed; `protected`: protected branches; `all`: any ref. */
  readonly branchPolicy: 'custom' | 'protected' | 'all';
}

export interface EnvironmentReviewer {
  readonly type: 'User' | 'Team';
  readonly id: number;
  /** Login or team slug. */
  readonly name: string;
}

export interface BranchPolicyPattern {
  readonly name: string;
  readonly type: 'branch' | 'tag';
}

export interface EnvironmentUpdate {
  readonly wait_timer?: number;
  readonly prevent_self_review?: boolean;
  readonly reviewers?: readonly { readonly type: 'User' | 'Team'; readonly id: number }[] | null;
  readonly deployment_branch_policy: {
    readonly protected_branches: boolean;
    readonly custom_branch_policies: boolean;
  } | null;
}

/** The body of `POST /rulesets` EnvFlow sends (a branch ruleset). */
export interface RulesetInput {
  readonly name: string;
  readonly target: 'branch';
  readonly enforcement: 'active';
  readonly conditions: {
    readonly ref_name: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  };
  readonly rules: readonly Readonly<Record<string, unknown>>[];
}

export function toBranchRules(raw: unknown): BranchRule[] {
  return asArray(raw, 'branch rules').map((entry) => {
    const rule = asObject(entry, 'branch rule');
    const parameters = optionalObject(rule, 'parameters');
    const approvals = parameters?.required_approving_review_count;
    const checks = Array.isArray(parameters?.required_status_checks)
      ? parameters.required_status_checks
          .map((check) => optionalString(asObject(check, 'required status check'), 'context'))
          .filter((c): c is string => !!c)
      : undefined;
    return {
      type: requiredString(rule, 'type', 'branch rule'),
      ...(typeof rule.ruleset_id === 'number' ? { rulesetId: rule.ruleset_id } : {}),
      ...(typeof approvals === 'number' ? { approvals } : {}),
      ...(checks ? { checks } : {}),
    };
  });
}

/** `GET …/environments` (`{ total_count, environments }`): the names only. */
export function toEnvironmentNames(raw: unknown): string[] {
  return arrayField(raw, 'environments', 'environments').map((entry) =>
    requiredString(asObject(entry, 'environment'), 'name', 'environment'),
  );
}

export function toEnvironmentPolicy(raw: unknown): EnvironmentPolicy {
  const environment = asObject(raw, 'environment');
  const rules = Array.isArray(environment.protection_rules)
    ? environment.protection_rules.map((rule) => asObject(rule, 'protection rule'))
    : [];
  const reviewersRule = rules.find((rule) => rule.type === 'required_reviewers');
  const waitRule = rules.find((rule) => rule.type === 'wait_timer');
  const policy = optionalObject(environment, 'deployment_branch_policy');
  return {
    name: requiredString(environment, 'name', 'environment'),
    waitTimerMinutes: typeof waitRule?.wait_timer === 'number' ? waitRule.wait_timer : 0,
    preventSelfReview: reviewersRule?.prevent_self_review === true,
    reviewers: Array.isArray(reviewersRule?.reviewers)
      ? reviewersRule.reviewers.map(toReviewer).filter((r): r is EnvironmentReviewer => r !== undefined)
      : [],
    branchPolicy: !policy ? 'all' : policy.custom_branch_policies === true ? 'custom' : 'protected',
  };
}

function toReviewer(entry: unknown): EnvironmentReviewer | undefined {
  const outer = asObject(entry, 'reviewer');
  const reviewer = optionalObject(outer, 'reviewer');
  const name = optionalString(reviewer, 'login') ?? optionalString(reviewer, 'slug');
  const id = reviewer?.id;
  return name && typeof id === 'number' ? { type: outer.type === 'Team' ? 'Team' : 'User', id, name } : undefined;
}

export function toBranchPolicyPatterns(raw: unknown): BranchPolicyPattern[] {
  return arrayField(raw, 'branch_policies', 'deployment branch policies').map((entry) => {
    const policy: JsonObject = asObject(entry, 'deployment branch policy');
    return {
      name: requiredString(policy, 'name', 'deployment branch policy'),
      type: policy.type === 'tag' ? 'tag' : 'branch',
    };
  });
}

/** `GET /branches/{branch}`: whether classic protection guards it. */
export function toBranchSummary(raw: unknown): { readonly protected: boolean } {
  return { protected: asObject(raw, 'branch').protected === true };
}

/** `GET /user`'s id, which environment reviewers are named by. */
export function toUserId(raw: unknown): number {
  return requiredNumber(asObject(raw, 'user'), 'id', 'user');
}

/** The web page of the run a dispatch started (`return_run_details`). */
export function toDispatchedRunUrl(raw: unknown): string {
  const answer = asObject(raw, 'workflow dispatch');
  requiredNumber(answer, 'workflow_run_id', 'workflow dispatch');
  return requiredString(answer, 'html_url', 'workflow dispatch');
}
