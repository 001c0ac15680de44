/** The Production section of the tree: what runs there, how it went, and the ways back. Pure. */
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import * as l10n from '@vscode/l10n';
import { escapeMarkdown, relativeTime, shortSha } from '../format';
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
  fixForwardAdvice,
  severityCount,
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
    children.push(unavailableNode(s, `${p}production/github`, l10n.t('Checks and deployments')));
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
        label: l10n.t('Recent deployments'),
        description: l10n.t('{0} deployments', prod.history.length),
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
          label: l10n.t('Backup {0}', prod.backup.tag),
          description: `${shortSha(prod.backup.sha)} · ${relativeTime(prod.backup.createdAt, now)}`,
          icon: { id: 'archive' },
          url: s.github ? `${s.github.webUrl}/releases/tag/${encodeURIComponent(prod.backup.tag)}` : undefined,
          contextValue: s.github ? 'backup hasUrl' : 'backup',
        }
      : {
          id: `${p}production/backup`,
          label: l10n.t('No backup yet'),
          description: l10n.t('EnvFlow: Back Up Production'),
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
      label: l10n.t('Rollback target {0}', shortSha(t.sha)),
      description: `${t.source === 'deployment' ? l10n.t('deployment #{0}', t.deploymentId ?? '') : t.tag} · ${relativeTime(t.createdAt, now)}`,
      icon: { id: 'discard' },
      contextValue: 'canRollback',
    });
  }
  const securityError = readErrorFor(s.readErrors, rowReads.security);
  if (!unavailable && prod.security) {
    children.push(withReadError(securityNode(`${p}production/security`, prod.security), securityError));
  } else if (!unavailable && securityError) {
    children.push(unreadNode(`${p}production/security`, l10n.t('Security alerts unknown'), securityError));
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
    label: l10n.t('Production'),
    description: failing ? `${prod.branch} · ${l10n.t('failing')}` : prod.branch,
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
    label: l10n.t('Rolled back to {0}', shortSha(current.sha)),
    description: l10n.t('{0} and {1} still carry the change that failed', s.production.branch, s.development.branch),
    tooltip: [
      l10n.t(
        '**Production runs {0}**, older than {1} at {2}, whose deployment #{3} {4}.',
        shortSha(current.sha),
        escapeMarkdown(s.production.branch),
        shortSha(head),
        triedHead.id,
        deploymentStateLabel(triedHead.state),
      ),
      fixForwardAdvice(s),
    ].join('\n\n'),
    icon: { id: 'warning', color: Colors.warning },
    command: { command: Commands.startBranch, title: l10n.t('Start a Fix Branch'), arguments: [{ kind: 'fix' }] },
    contextValue: 'rolledBack',
  };
}

function securityNode(id: string, security: NonNullable<RepositorySnapshot['production']['security']>): TreeNodeData {
  if (!security.available) {
    const notEnabled = security.reason === 'notEnabled';
    return {
      id,
      label: l10n.t('Security alerts unavailable'),
      description: notEnabled ? l10n.t('Dependabot alerts are not enabled') : l10n.t('no access to Dependabot alerts'),
      tooltip: notEnabled
        ? l10n.t(
            'GitHub says Dependabot alerts are not enabled for this repository: an admin can turn them on under Settings → Code security.',
          )
        : l10n.t(
            'GitHub refused to show Dependabot alerts: reading them needs admin or security-manager access to the repository (and a token that may read security events).',
          ),
      icon: { id: 'shield', color: Colors.stale },
    };
  }
  const s = security.bySeverity;
  const worst = s.critical || s.high ? Colors.failing : s.medium || s.low ? Colors.warning : Colors.passing;
  const severities = SEVERITIES.filter((k) => s[k]);
  return {
    id,
    label:
      security.total === 0
        ? l10n.t('No open security alerts')
        : security.total === 1
          ? l10n.t('1 security alert')
          : l10n.t('{0} security alerts', security.total),
    description: security.total ? severities.map((k) => severityCount(s[k], k)).join(', ') : undefined,
    icon: { id: 'shield', color: worst },
    url: security.url,
    contextValue: 'security hasUrl',
    // One row per severity, each linking to GitHub's alert list filtered to it.
    children: security.total
      ? severities.map((k) => ({
          id: `${id}/${k}`,
          label: severityCount(s[k], k),
          icon: { id: 'shield', color: k === 'critical' || k === 'high' ? Colors.failing : Colors.warning },
          url: `${security.url}?q=${encodeURIComponent(`is:open severity:${k}`)}`,
          contextValue: 'securitySeverity hasUrl',
        }))
      : undefined,
  };
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
