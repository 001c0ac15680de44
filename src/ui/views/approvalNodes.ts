/**
 * Rows for deployments waiting on an environment's required reviewers: who may approve,
 * since when, and the Approve / Reject actions where the signed-in user may use them
 * (GitHub's reason in the tooltip where not). Pure.
 */
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
    return error ? [unreadNode(`${p}${section}/approvals`, 'Deployments waiting for approval', error)] : [];
  }
  return approvals.map((approval) => withReadError(approvalNode(approval, `${p}${section}`, now), error));
}

/** The stable id of an approval's row below `parent` (a run waits at most once per environment). */
export function approvalNodeId(parent: string, approval: Pick<WaitingApproval, 'runId' | 'environmentId'>): string {
  return `${parent}/approval/${approval.runId}/${approval.environmentId}`;
}

function approvalNode(approval: WaitingApproval, parent: string, now: number): TreeNodeData {
  const who = approval.reviewers.length ? approval.reviewers.join(', ') : 'its required reviewers';
  const since = relativeTime(approval.waitingSince, now);
  return {
    id: approvalNodeId(parent, approval),
    label: 'Waiting for approval',
    description: [approval.runName, who, since && `since ${since}`].filter(Boolean).join(' · '),
    tooltip: [
      `**${escapeMarkdown(approval.runName)}** waits for a review to deploy to ${escapeMarkdown(approval.environment)}.`,
      `Commit ${shortSha(approval.headSha)}${approval.headBranch ? ` on ${escapeMarkdown(approval.headBranch)}` : ''}.`,
      `Who may approve: ${escapeMarkdown(who)}.`,
      approval.waitTimerMinutes ? `After approval the environment waits ${approval.waitTimerMinutes} min.` : undefined,
      approval.canApprove ? 'You may approve or reject it.' : `$(lock) ${escapeMarkdown(approval.whyNot ?? '')}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: { id: 'person', color: approval.canApprove ? Colors.warning : Colors.pending },
    url: approval.runUrl,
    contextValue: `approval ${approval.canApprove ? 'canApprove' : 'cannotApprove'} hasUrl`,
    subject: { kind: 'approval', approval },
  };
}
