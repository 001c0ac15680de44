/**
 * The Production rows that come from the deployment workflow's contract: which commit is
 * live, an automatic rollback and the commit that failed, and the last backup of code and
 * data the workflow recorded. Pure.
 */
import * as l10n from '@vscode/l10n';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { escapeMarkdown, relativeTime, shortSha } from '../format';
import { Colors, commitUrl, fixForwardAdvice, type TreeNodeData } from './treeNodes';

/** After an automatic rollback: what runs, what failed, and where the fix goes. */
export function automaticRollbackNode(s: RepositorySnapshot, p: string, now: number): TreeNodeData | undefined {
  const rollback = s.production.automaticRollback;
  if (!rollback) {
    return undefined;
  }
  const live = rollback.deployment;
  const failed = rollback.failedSha
    ? shortSha(rollback.failedSha)
    : l10n.t('deployment #{0}', rollback.failedDeploymentId);
  const done = live.state === 'success';
  return {
    id: `${p}production/automaticRollback`,
    label: done
      ? l10n.t('Rolled back automatically from {0}', failed)
      : l10n.t('Rolling back automatically from {0}', failed),
    description: `${l10n.t('live: {0}', shortSha(live.sha))} · ${relativeTime(live.updatedAt, now)}`,
    tooltip: [
      rollback.failedSha
        ? l10n.t(
            '**The deployment workflow rolled production back by itself**: deployment #{0} of {1} failed, and deployment #{2} redeployed {3}, the last good version.',
            rollback.failedDeploymentId,
            shortSha(rollback.failedSha),
            live.id,
            shortSha(live.sha),
          )
        : l10n.t(
            '**The deployment workflow rolled production back by itself**: deployment #{0} failed, and deployment #{1} redeployed {2}, the last good version.',
            rollback.failedDeploymentId,
            live.id,
            shortSha(live.sha),
          ),
      fixForwardAdvice(s),
    ].join('\n\n'),
    icon: { id: 'warning', color: Colors.warning },
    contextValue: 'automaticRollback',
    children: [
      commitRow(
        s,
        `${p}production/automaticRollback/live`,
        l10n.t('Live {0}', shortSha(live.sha)),
        live.sha,
        'pass',
        Colors.passing,
      ),
      ...(rollback.failedSha
        ? [
            commitRow(
              s,
              `${p}production/automaticRollback/failed`,
              l10n.t('Failed {0}', shortSha(rollback.failedSha)),
              rollback.failedSha,
              'error',
              Colors.failing,
            ),
          ]
        : []),
    ],
  };
}

/** The commit production runs, when the newest deployment is not it (one failed or is still rolling out). */
export function liveNode(s: RepositorySnapshot, p: string, now: number): TreeNodeData | undefined {
  const { live, deployment, automaticRollback } = s.production;
  if (!live || !deployment || live.id === deployment.id || automaticRollback) {
    return undefined;
  }
  return {
    ...commitRow(s, `${p}production/live`, l10n.t('Live {0}', shortSha(live.sha)), live.sha, 'pass', Colors.passing),
    description: `${shortSha(live.sha)} · ${l10n.t('deployment #{0}', live.id)} · ${relativeTime(live.updatedAt, now)}`,
  };
}

/** The last backup a production deployment recorded before it changed anything. */
export function lastBackupNode(s: RepositorySnapshot, p: string, now: number): TreeNodeData | undefined {
  const backup = s.production.lastBackup;
  if (!backup) {
    return undefined;
  }
  const data = backup.data ? l10n.t('data {0}', backup.data) : l10n.t('no data backup configured');
  return {
    id: `${p}production/lastBackup`,
    label: l10n.t('Last backup before a deployment'),
    description: `${l10n.t('code {0}', backup.tag ?? l10n.t('not tagged'))} · ${data} · ${relativeTime(backup.createdAt, now)}`,
    tooltip: [
      l10n.t('Deployment #{0} backed up production before it changed anything.', backup.deploymentId),
      backup.tag ? l10n.t('Code: {0}.', `\`${backup.tag}\``) : l10n.t('Code: no tag recorded.'),
      backup.data
        ? l10n.t('Data: {0} (Roll Back offers it to your restore hook).', `\`${escapeMarkdown(backup.data)}\``)
        : l10n.t('Data: no data backup is configured in the deployment workflow.'),
    ].join('\n\n'),
    icon: { id: 'archive', color: backup.data ? undefined : Colors.warning },
  };
}

function commitRow(
  s: RepositorySnapshot,
  id: string,
  label: string,
  sha: string,
  icon: string,
  color: string,
): TreeNodeData {
  const url = commitUrl(s, sha);
  return {
    id,
    label,
    icon: { id: icon, color },
    url,
    contextValue: url ? 'commit hasUrl' : 'commit',
  };
}
