/**
 * The three status bar items as data: snapshot in, {text, tooltip, command, background}
 * out. Pure, so unit tests read exactly what a user would see.
 */
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import { isFailedDeploymentState } from '../../core/flow/checks';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { escapeMarkdown, relativeTime, shortSha } from '../format';
import { checkSummaryText, deploymentStateLabel } from '../views/treeModel';
import { stageLabel } from '../views/treeNodes';
import { Commands } from '../../constants';

export interface StatusItemData {
  readonly text: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly accessibilityLabel: string;
  readonly command?: string;
  readonly background?: 'error' | 'warning';
}

/**
 * Local test state of HEAD; click runs the tests. VS Code's own git item already shows
 * the branch, so the text leaves it out; the tooltip and the spoken label keep it.
 */
export function gateItem(s: RepositorySnapshot, now: number): StatusItemData {
  const branch = s.local.branch ?? `detached ${shortSha(s.local.headSha)}`;
  const { state, record } = s.local.tests;
  const icon = { passed: '$(pass)', failed: '$(error)', stale: '$(circle-outline)', notRun: '$(circle-outline)' }[
    state
  ];
  const words = {
    passed: 'tests passed',
    failed: 'tests failed',
    stale: 'tests not run for the current changes',
    notRun: 'tests not run for this commit',
  }[state];
  return {
    text: `${icon} tests`,
    tooltip: [
      `**${escapeMarkdown(branch)}**: ${words}`,
      record
        ? `Last run ${relativeTime(record.finishedAt, now)} on ${shortSha(record.commit)}: \`${record.command.replace(/`/g, "'")}\``
        : undefined,
      'Click to run the tests locally.',
    ]
      .filter(Boolean)
      .join('\n\n'),
    accessibilityLabel: `EnvFlow: ${branch}, ${words}. Run tests.`,
    command: Commands.runTests,
  };
}

/** GitHub's check state of HEAD; undefined hides the item (no GitHub, or nothing known). */
export function ciItem(s: RepositorySnapshot): StatusItemData | undefined {
  if (s.connection.state === 'localOnly' || s.connection.state === 'signedOut' || !s.local.headSha) {
    return undefined;
  }
  const checks = s.local.checks;
  const unread = readErrorFor(s.readErrors, rowReads.checks, [s.local.headSha]);
  if (!checks) {
    return unread
      ? {
          text: '$(warning) CI unknown',
          tooltip: `Checks of ${shortSha(s.local.headSha)} on GitHub: ${escapeMarkdown(unread.message)}`,
          accessibilityLabel: `EnvFlow CI unknown: ${unread.message}`,
          command: Commands.showChecks,
        }
      : undefined;
  }
  const stale = s.stale || unread ? ' (may be out of date)' : '';
  const text = {
    passing: '$(pass) CI',
    failing: `$(error) ${checks.failed} failing`,
    pending: '$(sync~spin) CI running',
    none: '$(circle-outline) no CI',
  }[checks.state];
  return {
    text,
    tooltip: `Checks of ${shortSha(s.local.headSha)} on GitHub: ${escapeMarkdown(checkSummaryText(checks))}${stale}${unread ? `\n\n$(warning) ${escapeMarkdown(unread.message)}` : ''}`,
    accessibilityLabel: `EnvFlow CI: ${checkSummaryText(checks)}${stale}`,
    // A red check GitHub Actions ran opens its failed job's log in an editor; others open on GitHub.
    command: checks.items.some((item) => item.state === 'failure' && item.actionsJob)
      ? Commands.showFailedLog
      : Commands.showChecks,
    background: checks.state === 'failing' ? 'warning' : undefined,
  };
}

/** Latest production deployment; error background while production is failing. */
export function productionItem(s: RepositorySnapshot, now: number): StatusItemData | undefined {
  if (s.connection.state === 'localOnly' || s.connection.state === 'signedOut') {
    return undefined;
  }
  const deployment = s.production.deployment;
  const unread = readErrorFor(s.readErrors, rowReads.deployment, ['production', deployment?.id]);
  if (!deployment && unread) {
    return {
      text: '$(warning) prod unknown',
      tooltip: escapeMarkdown(unread.message),
      accessibilityLabel: `EnvFlow production unknown: ${unread.message}`,
      command: Commands.showProduction,
    };
  }
  const waiting = waitingItem(s, deployment !== undefined && isFailedDeploymentState(deployment.state));
  if (waiting) {
    return waiting;
  }
  if (!deployment) {
    return {
      text: '$(globe) prod: none',
      tooltip: `No deployment to production yet.`,
      accessibilityLabel: 'EnvFlow production: no deployment yet',
      command: Commands.showProduction,
    };
  }
  const failing = deployment.state === 'failure' || deployment.state === 'error';
  const running = deployment.state === 'in_progress' || deployment.state === 'queued' || deployment.state === 'pending';
  const icon = failing
    ? '$(error)'
    : running
      ? '$(sync~spin)'
      : deployment.state === 'success'
        ? '$(pass)'
        : '$(globe)';
  const label = stageLabel(deployment) ?? deploymentStateLabel[deployment.state];
  return {
    text: `${icon} prod ${failing ? 'failing' : label}`,
    tooltip: [
      `**Production deployment #${deployment.id} ${label}** ${relativeTime(deployment.updatedAt, now)}`,
      `Commit ${shortSha(deployment.sha)}${deployment.description ? `: ${escapeMarkdown(deployment.description)}` : ''}`,
      s.stale ? 'GitHub data may be out of date.' : undefined,
      unread ? `$(warning) ${escapeMarkdown(unread.message)} Showing the last known state.` : undefined,
      'Click to show production.',
    ]
      .filter(Boolean)
      .join('\n\n'),
    accessibilityLabel: `EnvFlow production: deployment ${label}${s.stale || unread ? ' (may be out of date)' : ''}`,
    command: Commands.showProduction,
    background: failing ? 'error' : undefined,
  };
}

/** While a deployment to production waits on its required reviewers, that is what production is about to do. */
function waitingItem(s: RepositorySnapshot, failing: boolean): StatusItemData | undefined {
  const approvals = s.production.approvals ?? [];
  const first = approvals[0];
  if (!first) {
    return undefined;
  }
  const mine = approvals.some((approval) => approval.canApprove);
  return {
    text: `${failing ? '$(error) prod failing,' : '$(person) prod'} waiting for approval`,
    tooltip: [
      `**${escapeMarkdown(first.runName)}** waits for approval to deploy ${shortSha(first.headSha)} to production.`,
      `Who may approve: ${escapeMarkdown(first.reviewers.join(', ') || 'its required reviewers')}.`,
      mine ? 'Click to show it and approve or reject it.' : escapeMarkdown(first.whyNot ?? ''),
    ]
      .filter(Boolean)
      .join('\n\n'),
    accessibilityLabel: `EnvFlow production: ${failing ? 'failing, ' : ''}waiting for approval`,
    command: Commands.showProduction,
    background: failing ? 'error' : 'warning',
  };
}
