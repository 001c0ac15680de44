/**
 * Branch rules in words, one phrase each ("pull requests required with 1 approval",
 * "required checks: ci", "no force pushes"): classic protection as GitHub returns it, and
 * the rules repository rulesets apply. Set Up shows them before it changes anything;
 * the tree shows them under each environment.
 */
import * as l10n from '@vscode/l10n';
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

/** "1 approval", "2 approvals": also in Set Up's changes and questions. */
export function approvalsText(count: number): string {
  return count === 1 ? l10n.t('1 approval') : l10n.t('{0} approvals', count);
}

const pullRequestsRequired = (approvals: number): string =>
  approvals ? l10n.t('pull requests required with {0}', approvalsText(approvals)) : l10n.t('pull requests required');

/** The rules a branch has, in words. */
export function describeProtection(current: BranchProtection | undefined): string[] {
  if (!current) {
    return [l10n.t('not protected')];
  }
  const lines: string[] = [];
  const reviews = obj(current.required_pull_request_reviews);
  if (reviews) {
    const count =
      typeof reviews.required_approving_review_count === 'number' ? reviews.required_approving_review_count : 0;
    lines.push(pullRequestsRequired(count));
  }
  const checks = obj(current.required_status_checks);
  const names = checks
    ? [...new Set([...strings(checks.contexts, 'context'), ...strings(checks.checks, 'context')])]
    : [];
  if (names.length) {
    lines.push(l10n.t('required checks: {0}', names.join(', ')));
  }
  if (enabled(current.enforce_admins)) {
    lines.push(l10n.t('applies to admins'));
  }
  if (obj(current.restrictions)) {
    lines.push(l10n.t('pushes restricted to chosen people'));
  }
  lines.push(enabled(current.allow_force_pushes) ? forcePushesAllowed() : noForcePushes());
  lines.push(enabled(current.allow_deletions) ? deletionAllowed() : noDeletion());
  return lines;
}

/** The rules in words, like the classic protection's. */
export function describeRules(rules: readonly BranchRule[]): string[] {
  const lines: string[] = [];
  const pullRequest = rules.filter((r) => r.type === 'pull_request');
  if (pullRequest.length) {
    const approvals = Math.max(...pullRequest.map((r) => r.approvals ?? 0));
    lines.push(pullRequestsRequired(approvals));
  }
  const checks = [...new Set(rules.flatMap((r) => r.checks ?? []))];
  if (checks.length) {
    lines.push(l10n.t('required checks: {0}', checks.join(', ')));
  }
  lines.push(rules.some((r) => r.type === 'non_fast_forward') ? noForcePushes() : forcePushesAllowed());
  lines.push(rules.some((r) => r.type === 'deletion') ? noDeletion() : deletionAllowed());
  return lines;
}

const forcePushesAllowed = () => l10n.t('force pushes allowed');
const noForcePushes = () => l10n.t('no force pushes');
const deletionAllowed = () => l10n.t('deletion allowed');
const noDeletion = () => l10n.t('no deletion');
