/**
 * The three status bar items as data: snapshot in, {text, tooltip, command, background}
 * out. Pure, so unit tests read exactly what a user would see.
 */
import * as l10n from '@vscode/l10n';
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
  const branch = s.local.branch ?? l10n.t('detached {0}', shortSha(s.local.headSha));
  const { state, record } = s.local.tests;
  const icon = { passed: '$(pass)', failed: '$(error)', stale: '$(circle-outline)', notRun: '$(circle-outline)' }[
    state
  ];
  const words = {
    passed: l10n.t('tests passed'),
    failed: l10n.t('tests failed'),
    stale: l10n.t('tests not run for the current changes'),
    notRun: l10n.t('tests not run for this commit'),
  }[state];
  return {
    text: `${icon} ${l10n.t('tests')}`,
    tooltip: [
      `**${escapeMarkdown(branch)}**: ${words}`,
      record
        ? l10n.t(
            'Last run {0} on {1}: {2}',
            relativeTime(record.finishedAt, now),
            shortSha(record.commit),
            `\`${record.command.replace(/`/g, "'")}\``,
          )
        : undefined,
      l10n.t('Click to run the tests locally.'),
    ]
      .filter(Boolean)
      .join('\n\n'),
    accessibilityLabel: l10n.t('EnvFlow: {0}, {1}. Run tests.', branch, words),
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
          text: `$(warning) ${l10n.t('CI unknown')}`,
          tooltip: l10n.t('Checks of {0} on GitHub: {1}', shortSha(s.local.headSha), escapeMarkdown(unread.message)),
          accessibilityLabel: l10n.t('EnvFlow CI unknown: {0}', unread.message),
          command: Commands.showChecks,
        }
      : undefined;
  }
  const stale = s.stale || unread ? ` ${l10n.t('(may be out of date)')}` : '';
  const text = {
    passing: '$(pass) CI',
    failing: `$(error) ${l10n.t('{0} failing', checks.failed)}`,
    pending: `$(sync~spin) ${l10n.t('CI running')}`,
    none: `$(circle-outline) ${l10n.t('no CI')}`,
  }[checks.state];
  return {
    text,
    tooltip: `${l10n.t('Checks of {0} on GitHub: {1}', shortSha(s.local.headSha), escapeMarkdown(checkSummaryText(checks)))}${stale}${unread ? `\n\n$(warning) ${escapeMarkdown(unread.message)}` : ''}`,
    accessibilityLabel: `${l10n.t('EnvFlow CI: {0}', checkSummaryText(checks))}${stale}`,
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
      text: `$(warning) ${l10n.t('prod unknown')}`,
      tooltip: escapeMarkdown(unread.message),
      accessibilityLabel: l10n.t('EnvFlow production unknown: {0}', unread.message),
      command: Commands.showProduction,
    };
  }
  const waiting = waitingItem(s, deployment !== undefined && isFailedDeploymentState(deployment.state));
  if (waiting) {
    return waiting;
  }
  if (!deployment) {
    return {
      text: `$(globe) ${l10n.t('prod: none')}`,
      tooltip: l10n.t('No deployment to production yet.'),
      accessibilityLabel: l10n.t('EnvFlow production: no deployment yet'),
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
  const label = stageLabel(deployment) ?? deploymentStateLabel(deployment.state);
  return {
    text: `${icon} ${l10n.t('prod {0}', failing ? l10n.t('failing') : label)}`,
    tooltip: [
      `**${l10n.t('Production deployment #{0} {1}', deployment.id, label)}** ${relativeTime(deployment.updatedAt, now)}`,
      `${l10n.t('Commit {0}', shortSha(deployment.sha))}${deployment.description ? `: ${escapeMarkdown(deployment.description)}` : ''}`,
      s.stale ? l10n.t('GitHub data may be out of date.') : undefined,
      unread ? `$(warning) ${escapeMarkdown(unread.message)} ${l10n.t('Showing the last known state.')}` : undefined,
      l10n.t('Click to show production.'),
    ]
      .filter(Boolean)
      .join('\n\n'),
    accessibilityLabel: `${l10n.t('EnvFlow production: deployment {0}', label)}${s.stale || unread ? ` ${l10n.t('(may be out of date)')}` : ''}`,
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
    text: failing
      ? `$(error) ${l10n.t('prod failing, waiting for approval')}`
      : `$(person) ${l10n.t('prod waiting for approval')}`,
    tooltip: [
      l10n.t(
        '**{0}** waits for approval to deploy {1} to production.',
        escapeMarkdown(first.runName),
        shortSha(first.headSha),
      ),
      l10n.t('Who may approve: {0}.', escapeMarkdown(first.reviewers.join(', ') || l10n.t('its required reviewers'))),
      mine ? l10n.t('Click to show it and approve or reject it.') : escapeMarkdown(first.whyNot ?? ''),
    ]
      .filter(Boolean)
      .join('\n\n'),
    accessibilityLabel: failing
      ? l10n.t('EnvFlow production: failing, waiting for approval')
      : l10n.t('EnvFlow production: waiting for approval'),
    command: Commands.showProduction,
    background: failing ? 'error' : 'warning',
  };
}
