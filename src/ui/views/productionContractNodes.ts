/**
 * The Production rows that come from the deployment workflow's contract: which commit is
 * live, an automatic rollback and the commit that failed, and the last backup of code and
 * data the workflow recorded. Pure.
 */
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { escapeMarkdown, relativeTime, shortSha } from '../format';
import { Colors, commitUrl, type TreeNodeData } from './treeNodes';

/** After an automatic rollback: what runs, what failed, and where the fix goes. */
export function automaticRollbackNode(s: RepositorySnapshot, p: string, now: number): TreeNodeData | undefined {
  const rollback = s.production.automaticRollback;
  if (!rollback) {
    return undefined;
  }
  const live = rollback.deployment;
  const failed = rollback.failedSha ? shortSha(rollback.failedSha) : `deployment #${rollback.failedDeploymentId}`;
  const done = live.state === 'success';
  return {
    id: `${p}production/automaticRollback`,
    label: done ? `Rolled back automatically from ${failed}` : `Rolling back automatically from ${failed}`,
    description: `live: ${shortSha(live.sha)} · ${relativeTime(live.updatedAt, now)}`,
    tooltip: [
      `**The deployment workflow rolled production back by itself**: deployment #${rollback.failedDeploymentId}${rollback.failedSha ? ` of ${shortSha(rollback.failedSha)}` : ''} failed, and deployment #${live.id} redeployed ${shortSha(live.sha)}, the last good version.`,
      `The failed change is still on ${escapeMarkdown(s.production.branch)} and ${escapeMarkdown(s.development.branch)}: fix it forward on a branch from ${escapeMarkdown(s.development.branch)}, then promote again.`,
    ].join('\n\n'),
    icon: { id: 'warning', color: Colors.warning },
    contextValue: 'automaticRollback',
    children: [
      commitRow(s, `${p}production/automaticRollback/live`, 'Live', live.sha, 'pass', Colors.passing),
      ...(rollback.failedSha
        ? [
            commitRow(
              s,
              `${p}production/automaticRollback/failed`,
              'Failed',
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
    ...commitRow(s, `${p}production/live`, 'Live', live.sha, 'pass', Colors.passing),
    description: `${shortSha(live.sha)} · deployment #${live.id} · ${relativeTime(live.updatedAt, now)}`,
  };
}

/** The last backup a production deployment recorded before it changed anything. */
export function lastBackupNode(s: RepositorySnapshot, p: string, now: number): TreeNodeData | undefined {
  const backup = s.production.lastBackup;
  if (!backup) {
    return undefined;
  }
  const data = backup.data ? `data ${backup.data}` : 'no data backup configured';
  return {
    id: `${p}production/lastBackup`,
    label: 'Last backup before a deployment',
    description: `code ${backup.tag ?? 'not tagged'} · ${data} · ${relativeTime(backup.createdAt, now)}`,
    tooltip: [
      `Deployment #${backup.deploymentId} backed up production before it changed anything.`,
      `Code: ${backup.tag ? `\`${backup.tag}\`` : 'no tag recorded'}.`,
      backup.data
        ? `Data: \`${escapeMarkdown(backup.data)}\` (Roll Back offers it to your restore hook).`
        : 'Data: no data backup is configured in the deployment workflow.',
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
    label: `${label} ${shortSha(sha)}`,
    icon: { id: icon, color },
    url,
    contextValue: url ? 'commit hasUrl' : 'commit',
  };
}
