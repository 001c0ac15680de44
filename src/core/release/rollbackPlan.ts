/**
 * The pure half of a production rollback: which commits production can return to,
 * the rollback branch's name, and the exact words the confirmation and the revert
 * pull request use. Unit-tested; rollback.ts does the git and GitHub work.
 */
import * as l10n from '@vscode/l10n';
import { failedCommits } from '../flow/deploymentContract';
import type { BackupInfo, DeploymentInfo } from '../model/snapshot';
import type { ChainCommit } from './historyReader';
import { escapeInline } from './markdown';
import { shortSha } from '../model/sha';

/** One commit production can be rolled back to. */
export interface RollbackCandidate {
  readonly sha: string;
  /** Where it was found: an earlier successful production deployment, or a backup tag. */
  readonly source: 'deployment' | 'backup';
  readonly deploymentId?: number;
  /** The backup tag of this commit, when there is one (for a deployment too). */
  readonly tag?: string;
  /** ISO 8601: when it was deployed or backed up. */
  readonly createdAt: string;
  /** How long ago, at planning time. */
  readonly ageMs: number;
  readonly description?: string;
  readonly environmentUrl?: string;
  /** The data backup taken while this commit ran, recorded by the deployment that replaced it. */
  readonly dataBackup?: string;
}

/** Redeploy the target commit, or open a pull request of reverts back to it. */
export type RollbackMethod = 'redeploy' | 'revert';

/**
 * Earlier successful production deployments (newest first, one per commit), then
 * backups of commits not already listed (newest first); never the commit production
 * runs now, nor one whose deployment failed and was rolled back automatically. `inactive` counts as successful: GitHub retires a deployment that way
 * once a newer one succeeds.
 */
export function listRollbackTargets(
  history: readonly DeploymentInfo[],
  backups: readonly BackupInfo[],
  currentSha: string | undefined,
  now: Date,
): RollbackCandidate[] {
  const bySha = new Map<string, RollbackCandidate>();
  const age = (iso: string) => Math.max(0, now.getTime() - Date.parse(iso));
  const newestFirst = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const failed = failedCommits(history);
  for (const deployment of newestFirst) {
    if (
      (deployment.state !== 'success' && deployment.state !== 'inactive') ||
      deployment.sha === currentSha ||
      failed.has(deployment.sha) ||
      bySha.has(deployment.sha)
    ) {
      continue;
    }
    bySha.set(deployment.sha, {
      sha: deployment.sha,
      source: 'deployment',
      deploymentId: deployment.id,
      createdAt: deployment.createdAt,
      ageMs: age(deployment.createdAt),
      ...(deployment.description ? { description: deployment.description } : {}),
      ...(deployment.environmentUrl ? { environmentUrl: deployment.environmentUrl } : {}),
    });
  }
  const deployments = [...bySha.values()];
  const fromBackups: RollbackCandidate[] = [];
  for (const backup of [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    if (backup.sha === currentSha || failed.has(backup.sha)) {
      continue;
    }
    const listed = bySha.get(backup.sha);
    if (listed) {
      // The newest backup of a deployed commit is worth naming beside the deployment.
      if (!listed.tag) {
        const withTag = { ...listed, tag: backup.tag };
        bySha.set(backup.sha, withTag);
        deployments[deployments.indexOf(listed)] = withTag;
      }
      continue;
    }
    const candidate: RollbackCandidate = {
      sha: backup.sha,
      source: 'backup',
      tag: backup.tag,
      createdAt: backup.createdAt,
      ageMs: age(backup.createdAt),
    };
    bySha.set(backup.sha, candidate);
    fromBackups.push(candidate);
  }
  return [...deployments, ...fromBackups].map((candidate) => withDataBackup(candidate, newestFirst, backups));
}

/**
 * A deployment backs up the code it replaces (a tag on that commit) together with the
 * data as it was then: the newest such record whose tag is on the candidate's commit
 * carries the data that belongs with it.
 */
function withDataBackup(
  candidate: RollbackCandidate,
  newestFirst: readonly DeploymentInfo[],
  backups: readonly BackupInfo[],
): RollbackCandidate {
  const tags = new Set(backups.filter((b) => b.sha === candidate.sha).map((b) => b.tag));
  if (candidate.tag) {
    tags.add(candidate.tag);
  }
  const data = newestFirst.find((d) => d.backup?.tag !== undefined && tags.has(d.backup.tag) && d.backup.data)?.backup
    ?.data;
  return data ? { ...candidate, dataBackup: data } : candidate;
}

/** The candidate a full or abbreviated SHA (at least 7 hex digits) names; undefined when none or several. */
export function findCandidate(candidates: readonly RollbackCandidate[], sha: string): RollbackCandidate | undefined {
  const wanted = sha.trim().toLowerCase();
  if (!/^[0-9a-f]{7,64}$/.test(wanted)) {
    return undefined;
  }
  const matches = candidates.filter((candidate) => candidate.sha.startsWith(wanted));
  return matches.length === 1 ? matches[0] : undefined;
}

/** `rollback/abc1234-20261128T100000Z`: the target and the moment, so each attempt gets its own branch. */
export function rollbackBranchName(targetSha: string, at: Date): string {
  return `rollback/${shortSha(targetSha)}-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')}`;
}

/** `Roll back production to abc1234`. */
export function revertPullRequestTitle(targetSha: string): string {
  return `Roll back production to ${shortSha(targetSha)}`;
}

/** Where the target came from, in a few words: `deployment #12 (2026-11-27)` or `backup backup/production-…`. */
export function describeSource(target: RollbackCandidate): string {
  const day = target.createdAt.slice(0, 10);
  if (target.source === 'deployment') {
    const tag = target.tag ? `, backed up as ${target.tag}` : '';
    return `production deployment${target.deploymentId !== undefined ? ` #${target.deploymentId}` : ''} of ${day}${tag}`;
  }
  return target.tag ? `backup ${target.tag} of ${day}` : `backup of ${day}`;
}

/**
 * The same few words in the user's language, for the confirmation; the revert pull
 * request keeps the English ones, since the whole team reads it on GitHub.
 */
export function describeSourceToUser(target: RollbackCandidate): string {
  const day = target.createdAt.slice(0, 10);
  if (target.source === 'deployment') {
    const deployment =
      target.deploymentId !== undefined
        ? l10n.t('production deployment #{0} of {1}', target.deploymentId, day)
        : l10n.t('production deployment of {0}', day);
    return target.tag ? l10n.t('{0}, backed up as {1}', deployment, target.tag) : deployment;
  }
  return target.tag ? l10n.t('backup {0} of {1}', target.tag, day) : l10n.t('backup of {0}', day);
}

/** What a redeploy does, for the confirmation. */
export function describeRedeploy(
  target: RollbackCandidate,
  currentSha: string | undefined,
  productionEnvironment: string,
): string {
  const redeploy = currentSha
    ? l10n.t(
        'Redeploy: starts the production workflow (deploy.yml) to back up and deploy {0} to the {1} environment, so production runs it instead of {2}.',
        shortSha(target.sha),
        productionEnvironment,
        shortSha(currentSha),
      )
    : l10n.t(
        'Redeploy: starts the production workflow (deploy.yml) to back up and deploy {0} to the {1} environment, so production runs it.',
        shortSha(target.sha),
        productionEnvironment,
      );
  const data = target.dataBackup
    ? l10n.t(
        'Your restore hook receives the data backup {0}, taken while {1} ran.',
        target.dataBackup,
        shortSha(target.sha),
      )
    : l10n.t('No data backup was recorded for it, so the data stays as it is.');
  return `${redeploy} ${data} ${l10n.t("No branch or commit changes; EnvFlow follows the deployment's status.")}`;
}

/** What a revert does, for the confirmation; `commits` newest first. */
export function describeRevert(
  target: RollbackCandidate,
  productionBranch: string,
  commits: readonly ChainCommit[],
): string {
  const listed = commits
    .slice(0, 8)
    .map(
      (commit) =>
        `  • ${shortSha(commit.sha)} ${commit.subject}${commit.parents.length > 1 ? ` ${l10n.t('(merge)')}` : ''}`,
    );
  const more = commits.length > 8 ? [`  • ${l10n.t('…and {0} more', commits.length - 8)}`] : [];
  const branch = `rollback/${shortSha(target.sha)}-<time>`;
  return [
    commits.length === 1
      ? l10n.t(
          'Revert: creates the branch {0} from origin/{1}, reverts this commit, pushes the branch and opens a pull request into {1}:',
          branch,
          productionBranch,
        )
      : l10n.t(
          'Revert: creates the branch {0} from origin/{1}, reverts these {2} commits (newest first), pushes the branch and opens a pull request into {1}:',
          branch,
          productionBranch,
          commits.length,
        ),
    ...listed,
    ...more,
    l10n.t('{0} itself does not change until that pull request is merged; nothing is force-pushed.', productionBranch),
  ].join('\n');
}

/** The revert pull request's body; `commits` newest first, in the order they were reverted. */
export function revertPullRequestBody(
  target: RollbackCandidate,
  productionBranch: string,
  commits: readonly ChainCommit[],
): string {
  const lines = [
    `Rolls production back to ${target.sha.slice(0, 12)}, the ${escapeInline(describeSource(target))}.`,
    '',
    `Merging this makes \`${productionBranch}\`'s files identical to ${shortSha(target.sha)} again, with one revert commit per change below; history is kept.`,
    '',
    '### Reverted',
    '',
    ...commits.map(
      (commit) =>
        `- ${shortSha(commit.sha)} ${escapeInline(commit.subject)}${commit.parents.length > 1 ? ' (merge, reverted against its first parent)' : ''}`,
    ),
    '',
    '### Afterwards',
    '',
    `Fix forward on develop. Syncing \`${productionBranch}\` into develop carries these reverts there too: re-apply the wanted changes on develop before the next release.`,
    '',
    '<sub>Opened with EnvFlow: Roll Back Production.</sub>',
  ];
  return lines.join('\n');
}
