/**
 * Rows for deployments waiting on an environment's required reviewers: who may approve,
 * since when, and the Approve / Reject actions where the signed-in user may use them
 * (GitHub's reason in the tooltip where not). Pure.
 */
import * as l10n from '@vscode/l10n';
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot, WaitingApproval } from '../../core/model/snapshot';
import { escapeMarkdown, relativeTime, shortSha } from '../format';
import { Colors, unreadNode, withReadError, type TreeNodeData } from './treeNodes';

/** One row per waiting deployment of `section`; when the read failed before it ever answered, one row saying so. */
export function approvalNodes(
  s: RepositorySnapshot,
  section: 'development' | 'production',
  p: string,
  now: number,
): TreeNodeData[] {
  const approvals = s[section].approvals;
  const error = readErrorFor(s.readErrors, rowReads.approvals);
  if (!approvals) {
    return error
      ? [unreadNode(`${p}${section}/approvals`, l10n.t('Deployments waiting for approval unknown'), error)]
      : [];
  }
  return approvals.map((approval) => withReadError(approvalNode(approval, `${p}${section}`, now), error));
}

/** The stable id of an approval's row below `parent` (a run waits at most once per environment). */
export function approvalNodeId(parent: string, approval: Pick<WaitingApproval, 'runId' | 'environmentId'>): string {
  return `${parent}/approval/${approval.runId}/${approval.environmentId}`;
}

function approvalNode(approval: WaitingApproval, parent: string, now: number): TreeNodeData {
  const who = approval.reviewers.length ? approval.reviewers.join(', ') : l10n.t('its required reviewers');
  const since = relativeTime(approval.waitingSince, now);
  return {
    id: approvalNodeId(parent, approval),
    label: l10n.t('Waiting for approval'),
    description: [approval.runName, who, since && l10n.t('since {0}', since)].filter(Boolean).join(' · '),
    tooltip: [
      l10n.t(
        '**{0}** waits for a review to deploy to {1}.',
        escapeMarkdown(approval.runName),
        escapeMarkdown(approval.environment),
      ),
      approval.headBranch
        ? l10n.t('Commit {0} on {1}.', shortSha(approval.headSha), escapeMarkdown(approval.headBranch))
        : l10n.t('Commit {0}.', shortSha(approval.headSha)),
      l10n.t('Who may approve: {0}.', escapeMarkdown(who)),
      approval.waitTimerMinutes
        ? l10n.t('After approval the environment waits {0} min.', approval.waitTimerMinutes)
        : undefined,
      approval.canApprove
        ? l10n.t('You may approve or reject it.')
        : `$(lock) ${escapeMarkdown(approval.whyNot ?? '')}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: { id: 'person', color: approval.canApprove ? Colors.warning : Colors.pending },
    url: approval.runUrl,
    contextValue: `approval ${approval.canApprove ? 'canApprove' : 'cannotApprove'} hasUrl`,
    subject: { kind: 'approval', approval },
  };
}
