/** The Production section of the tree: what runs there, how it went, and the ways back. Pure. */
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { escapeMarkdown, plural, relativeTime, shortSha } from '../format';
import { liveRulesNode } from './liveRulesNodes';
import { automaticRollbackNode, lastBackupNode, liveNode } from './productionContractNodes';
import { approvalNodes } from './approvalNodes';
import { scanningNodes } from './scanningNodes';
import {
  checksNode,
  Colors,
  commitUrl,
  deploymentNode,
  withDeploymentRun,
  deploymentStateLabel,
  githubUnavailableText,
  headNode,
  isFailed,
  staleNode,
  unavailableNode,
  unreadNode,
  withReadError,
  type TreeNodeData,
} from './treeNodes';
import { Commands } from '../../constants';

export function productionSection(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const prod = s.production;
  const children: TreeNodeData[] = [
    headNode(`${p}production/head`, prod.branch, prod.exists, prod.head, now, commitUrl(s, prod.head?.sha)),
  ];
  const unavailable = githubUnavailableText(s);
  if (unavailable) {
    children.push(unavailableNode(s, `${p}production/github`, 'Checks and deployments'));
  } else {
    const stale = staleNode(s, `${p}production/stale`, now);
    if (stale) {
      children.push(stale);
    }
    const deploymentError = (id: number | undefined) =>
      readErrorFor(s.readErrors, rowReads.deployment, ['production', id]);
    children.push(
      checksNode(
        `${p}production/checks`,
        prod.checks,
        commitUrl(s, prod.head?.sha),
        readErrorFor(s.readErrors, rowReads.checks, [prod.head?.sha]),
      ),
    );
    children.push(
      withDeploymentRun(
        deploymentNode(
          `${p}production/deployment`,
          prod.branch,
          prod.deployment,
          now,
          isFailed(prod.deployment) && prod.rollbackTarget ? ' canRollback' : '',
          deploymentError(prod.deployment?.id),
        ),
        prod.deployment,
        s.github?.webUrl,
      ),
    );
    children.push(...approvalNodes(s, 'production', p, now));
    // An automatic rollback says it all itself; a rollback by hand gets the older row.
    const rolledBack = automaticRollbackNode(s, p, now) ?? rolledBackNode(s, p);
    const live = liveNode(s, p, now);
    children.push(...[rolledBack, live].filter((node): node is TreeNodeData => node !== undefined));
    if (prod.history.length > 1) {
      children.push({
        id: `${p}production/history`,
        label: 'Recent deployments',
        description: plural(prod.history.length, 'deployment'),
        icon: { id: 'history' },
        children: prod.history.map((d) =>
          deploymentNode(`${p}production/history/${d.id}`, prod.branch, d, now, '', deploymentError(d.id)),
        ),
      });
    }
  }
  children.push(
    prod.backup
      ? {
          id: `${p}production/backup`,
          label: `Backup ${prod.backup.tag}`,
          description: `${shortSha(prod.backup.sha)} · ${relativeTime(prod.backup.createdAt, now)}`,
          icon: { id: 'archive' },
          url: s.github ? `${s.github.webUrl}/releases/tag/${encodeURIComponent(prod.backup.tag)}` : undefined,
          contextValue: s.github ? 'backup hasUrl' : 'backup',
        }
      : {
          id: `${p}production/backup`,
          label: 'No backup yet',
          description: 'EnvFlow: Back Up Production',
          icon: { id: 'archive', color: Colors.warning },
        },
  );
  const lastBackup = unavailable ? undefined : lastBackupNode(s, p, now);
  if (lastBackup) {
    children.push(lastBackup);
  }
  if (prod.rollbackTarget) {
    const t = prod.rollbackTarget;
    children.push({
      id: `${p}production/rollback`,
      label: `Rollback target ${shortSha(t.sha)}`,
      description: `${t.source === 'deployment' ? `deployment #${t.deploymentId}` : t.tag} · ${relativeTime(t.createdAt, now)}`,
      icon: { id: 'discard' },
      contextValue: 'canRollback',
    });
  }
  const securityError = readErrorFor(s.readErrors, rowReads.security);
  if (!unavailable && prod.security) {
    children.push(withReadError(securityNode(`${p}production/security`, prod.security), securityError));
  } else if (!unavailable && securityError) {
    children.push(unreadNode(`${p}production/security`, 'Security alerts', securityError));
  }
  if (!unavailable) {
    children.push(...scanningNodes(s, p));
  }
  const rules = liveRulesNode(s, 'production', p);
  if (rules) {
    children.push(rules);
  }
  const failing = isFailed(prod.deployment);
  return {
    id: `${p}production`,
    label: 'Production',
    description: failing ? `${prod.branch} · failing` : prod.branch,
    icon: failing ? { id: 'globe', color: Colors.failing } : { id: 'globe' },
    children,
    expanded: true,
  };
}

/**
 * After a rollback production runs an older commit than the production branch's head,
 * which an earlier deployment tried: say so, and that the bad change still waits on
 * both long-lived branches.
 */
function rolledBackNode(s: RepositorySnapshot, p: string): TreeNodeData | undefined {
  const prod = s.production;
  const current = prod.deployment;
  const head = prod.head?.sha;
  if (!current || !head || current.sha === head || (current.state !== 'success' && current.state !== 'in_progress')) {
    return undefined;
  }
  const triedHead = prod.history.find((d) => d.id !== current.id && d.sha === head && d.createdAt <= current.createdAt);
  if (!triedHead) {
    return undefined;
  }
  return {
    id: `${p}production/rolledBack`,
    label: `Rolled back to ${shortSha(current.sha)}`,
    description: `${s.production.branch} and ${s.development.branch} still carry the change that failed`,
    tooltip: [
      `**Production runs ${shortSha(current.sha)}**, older than ${escapeMarkdown(s.production.branch)} at ${shortSha(head)}, whose deployment #${triedHead.id} ${deploymentStateLabel[triedHead.state]}.`,
      `The change that failed is still on ${escapeMarkdown(s.production.branch)} and ${escapeMarkdown(s.development.branch)}: fix it forward on a branch from ${escapeMarkdown(s.development.branch)}, then promote again.`,
    ].join('\n\n'),
    icon: { id: 'warning', color: Colors.warning },
    command: { command: Commands.startBranch, title: 'Start a Fix Branch', arguments: [{ kind: 'fix' }] },
    contextValue: 'rolledBack',
  };
}

function securityNode(id: string, security: NonNullable<RepositorySnapshot['production']['security']>): TreeNodeData {
  if (!security.available) {
    const notEnabled = security.reason === 'notEnabled';
    return {
      id,
      label: 'Security alerts unavailable',
      description: notEnabled ? 'Dependabot alerts are not enabled' : 'no access to Dependabot alerts',
      tooltip: notEnabled
        ? 'GitHub says Dependabot alerts are not enabled for this repository: an admin can turn them on under Settings → Code security.'
        : 'GitHub refused to show Dependabot alerts: reading them needs admin or security-manager access to the repository (and a token that may read security events).',
      icon: { id: 'shield', color: Colors.stale },
    };
  }
  const s = security.bySeverity;
  const worst = s.critical || s.high ? Colors.failing : s.medium || s.low ? Colors.warning : Colors.passing;
  const severities = SEVERITIES.filter((k) => s[k]);
  return {
    id,
    label: security.total ? plural(security.total, 'security alert') : 'No open security alerts',
    description: security.total ? severities.map((k) => `${s[k]} ${k}`).join(', ') : undefined,
    icon: { id: 'shield', color: worst },
    url: security.url,
    contextValue: 'security hasUrl',
    // One row per severity, each linking to GitHub's alert list filtered to it.
    children: security.total
      ? severities.map((k) => ({
          id: `${id}/${k}`,
          label: `${s[k]} ${k}`,
          icon: { id: 'shield', color: k === 'critical' || k === 'high' ? Colors.failing : Colors.warning },
          url: `${security.url}?q=${encodeURIComponent(`is:open severity:${k}`)}`,
          contextValue: 'securitySeverity hasUrl',
        }))
      : undefined,
  };
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
