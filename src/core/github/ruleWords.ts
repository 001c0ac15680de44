/**
 * Branch rules in words, one phrase each ("pull requests required with 1 approval",
 * "required checks: ci", "no force pushes"): classic protection as GitHub returns it, and
 * the rules repository rulesets apply. Set Up shows them before it changes anything;
 * the tree shows them under each environment.
 */
import type { BranchRule } from './policies';
import type { BranchProtection } from './types';

type Json = Record<string, unknown>;

export const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
export const enabled = (value: unknown): boolean => obj(value)?.enabled === true;
export const strings = (value: unknown, key: string): string[] =>
  Array.isArray(value)
    ? value.map((entry) => (typeof entry === 'string' ? entry : String(obj(entry)?.[key] ?? ''))).filter(Boolean)
    : [];

/** The rules a branch has, in words. */
export function describeProtection(current: BranchProtection | undefined): string[] {
  if (!current) {
    return ['not protected'];
  }
  const lines: string[] = [];
  const reviews = obj(current.required_pull_request_reviews);
  if (reviews) {
    const count =
      typeof reviews.required_approving_review_count === 'number' ? reviews.required_approving_review_count : 0;
    lines.push(`pull requests required${count ? ` with ${count} approval${count > 1 ? 's' : ''}` : ''}`);
  }
  const checks = obj(current.required_status_checks);
  const names = checks
    ? [...new Set([...strings(checks.contexts, 'context'), ...strings(checks.checks, 'context')])]
    : [];
  if (names.length) {
    lines.push(`required checks: ${names.join(', ')}`);
  }
  if (enabled(current.enforce_admins)) {
    lines.push('applies to admins');
  }
  if (obj(current.restrictions)) {
    lines.push('pushes restricted to chosen people');
  }
  lines.push(enabled(current.allow_force_pushes) ? 'force pushes allowed' : 'no force pushes');
  lines.push(enabled(current.allow_deletions) ? 'deletion allowed' : 'no deletion');
  return lines;
}

/** The rules in words, like the classic protection's. */
export function describeRules(rules: readonly BranchRule[]): string[] {
  const lines: string[] = [];
  const pullRequest = rules.filter((r) => r.type === 'pull_request');
  if (pullRequest.length) {
    const approvals = Math.max(...pullRequest.map((r) => r.approvals ?? 0));
    lines.push(`pull requests required${approvals ? ` with ${approvals} approval${approvals > 1 ? 's' : ''}` : ''}`);
  }
  const checks = [...new Set(rules.flatMap((r) => r.checks ?? []))];
  if (checks.length) {
    lines.push(`required checks: ${checks.join(', ')}`);
  }
  lines.push(rules.some((r) => r.type === 'non_fast_forward') ? 'no force pushes' : 'force pushes allowed');
  lines.push(rules.some((r) => r.type === 'deletion') ? 'no deletion' : 'deletion allowed');
  return lines;
}
