/**
 * The Environments tree as plain data, computed from snapshots (SPEC §2.1).
 * Pure: no vscode import, so every label, icon and action is unit-tested in Node;
 * environmentsTree.ts only turns these into TreeItems.
 */
import type {
  CheckSummary,
  DeploymentInfo,
  DeploymentState,
  PullRequestInfo,
  RepositorySnapshot,
} from '../../core/flow/snapshot';
import { escapeMarkdown, markdownLink, plural, relativeTime, shortSha, duration } from '../format';

export interface NodeIcon {
  /** A codicon id. */
  readonly id: string;
  /** A theme color id. */
  readonly color?: string;
}

export interface TreeNodeData {
  /** Stable across refreshes: reveal, expansion state and partial updates key on it. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown; text from git or GitHub is escaped. */
  readonly tooltip?: string;
  readonly icon?: NodeIcon;
  /** Space-separated tokens matched by `viewItem =~ /\btoken\b/` in package.json menus. */
  readonly contextValue?: string;
  /** The GitHub page `envflow.openOnGitHub` opens. */
  readonly url?: string;
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  /** Undefined for a leaf. */
  readonly children?: readonly TreeNodeData[];
  readonly expanded?: boolean;
}

export const Colors = {
  passing: 'testing.iconPassed',
  failing: 'testing.iconFailed',
  pending: 'testing.iconQueued',
  stale: 'disabledForeground',
  warning: 'list.warningForeground',
} as const;

const checkIcons: Record<CheckSummary['state'], NodeIcon> = {
  passing: { id: 'pass', color: Colors.passing },
  failing: { id: 'error', color: Colors.failing },
  pending: { id: 'sync~spin', color: Colors.pending },
  none: { id: 'circle-outline', color: Colors.stale },
};

const deploymentIcons: Record<DeploymentState, NodeIcon> = {
  queued: { id: 'clock', color: Colors.pending },
  pending: { id: 'clock', color: Colors.pending },
  in_progress: { id: 'sync~spin', color: Colors.pending },
  success: { id: 'pass', color: Colors.passing },
  failure: { id: 'error', color: Colors.failing },
  error: { id: 'error', color: Colors.failing },
  inactive: { id: 'circle-slash', color: Colors.stale },
  none: { id: 'circle-outline', color: Colors.stale },
};

export const deploymentStateLabel: Record<DeploymentState, string> = {
  queued: 'queued',
  pending: 'pending',
  in_progress: 'in progress',
  success: 'succeeded',
  failure: 'failed',
  error: 'errored',
  inactive: 'inactive',
  none: 'no status yet',
};

export function checkSummaryText(checks: CheckSummary | undefined): string {
  if (!checks) {
    return 'checks unknown';
  }
  switch (checks.state) {
    case 'passing':
      return `checks passing (${checks.passed})`;
    case 'failing':
      return `${checks.failed} failing: ${checks.failing.join(', ')}`;
    case 'pending':
      return `${checks.pending} of ${checks.total} running`;
    case 'none':
      return 'no checks';
  }
}

/** The whole tree: one root per repository in a multi-root workspace, else the sections. */
export function buildTree(snapshots: readonly RepositorySnapshot[], now: number): TreeNodeData[] {
  if (snapshots.length === 1) {
    return buildSections(snapshots[0], now, '');
  }
  return snapshots.map((snapshot) => {
    const name = snapshot.root.split(/[\\/]/).pop() ?? snapshot.root;
    const prefix = `${snapshot.root}|`;
    return {
      id: `${prefix}repository`,
      label: name,
      description: snapshot.local.branch ?? 'detached',
      tooltip: escapeMarkdown(snapshot.root),
      icon: { id: 'repo' },
      children: buildSections(snapshot, now, prefix),
      expanded: true,
    };
  });
}

export function buildSections(snapshot: RepositorySnapshot, now: number, prefix: string): TreeNodeData[] {
  return [localSection(snapshot, now, prefix), developmentSection(snapshot, now, prefix), productionSection(snapshot, now, prefix)];
}

function localSection(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const local = s.local;
  const branchLabel = local.detached ? `Detached HEAD at ${shortSha(local.headSha)}` : (local.branch ?? 'unknown');
  const relation =
    local.aheadOfDevelop === undefined
      ? `no ${s.development.branch} to compare with`
      : `${local.aheadOfDevelop} ahead, ${local.behindDevelop ?? 0} behind ${s.development.branch}`;
  const changes = local.changes;
  const changeCount = changes.staged + changes.unstaged + changes.untracked + changes.conflicted;
  const children: TreeNodeData[] = [
    {
      id: `${p}local/branch`,
      label: branchLabel,
      description: relation,
      icon: { id: local.detached ? 'debug-disconnect' : 'git-branch' },
      tooltip: [
        `**${escapeMarkdown(branchLabel)}**`,
        local.upstream ? `Upstream ${escapeMarkdown(local.upstream)}: ${local.aheadOfUpstream} ahead, ${local.behindUpstream} behind` : 'Not pushed yet',
        relation,
      ].join('\n\n'),
    },
    {
      id: `${p}local/changes`,
      label: changeCount === 0 ? 'No uncommitted changes' : plural(changeCount, 'uncommitted change'),
      description:
        changeCount === 0
          ? undefined
          : [
              changes.staged && `${changes.staged} staged`,
              changes.unstaged && `${changes.unstaged} unstaged`,
              changes.untracked && `${changes.untracked} untracked`,
              changes.conflicted && `${changes.conflicted} conflicted`,
            ]
              .filter(Boolean)
              .join(', '),
      icon: changeCount === 0 ? { id: 'check', color: Colors.passing } : { id: 'diff', color: changes.conflicted ? Colors.failing : Colors.warning },
    },
    localTestsNode(s, now, p),
    localPullRequestNode(s, p),
  ];
  return { id: `${p}local`, label: 'Local', description: local.branch ?? 'detached', icon: { id: 'device-desktop' }, children, expanded: true };
}

function localTestsNode(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const { state, record } = s.local.tests;
  const counts = record && [record.passed !== undefined && `${record.passed} passed`, record.failed && `${record.failed} failed`].filter(Boolean).join(', ');
  const base = { id: `${p}local/tests`, contextValue: 'tests' };
  const tooltip = record
    ? [
        `**Local tests ${record.outcome}** for ${shortSha(record.commit)}`,
        `Command: \`${record.command.replace(/`/g, "'")}\``,
        counts ? `Counts: ${counts}` : undefined,
        `Took ${duration(record.durationMs)}, finished ${relativeTime(record.finishedAt, now)}`,
      ]
        .filter(Boolean)
        .join('\n\n')
    : 'No local test run recorded for this commit. Run the tests before opening a pull request.';
  switch (state) {
    case 'passed':
      return { ...base, label: 'Tests passed', description: [counts, relativeTime(record?.finishedAt, now)].filter(Boolean).join(' · '), icon: { id: 'beaker', color: Colors.passing }, tooltip };
    case 'failed':
      return { ...base, label: 'Tests failed', description: [counts, relativeTime(record?.finishedAt, now)].filter(Boolean).join(' · '), icon: { id: 'beaker', color: Colors.failing }, tooltip };
    case 'stale':
      return { ...base, label: 'Tests not run for the current changes', description: `last run ${relativeTime(record?.finishedAt, now)}`, icon: { id: 'beaker', color: Colors.warning }, tooltip: `${tooltip}\n\nHEAD or the working tree changed since this run.` };
    case 'notRun':
      return { ...base, label: 'Tests not run for this commit', icon: { id: 'beaker', color: Colors.stale }, tooltip };
  }
}

function githubUnavailableText(s: RepositorySnapshot): string | undefined {
  switch (s.connection.state) {
    case 'localOnly':
      return s.connection.reason;
    case 'signedOut':
      return 'Sign in to GitHub to see pull requests, checks and deployments.';
    default:
      return undefined;
  }
}

function unavailableNode(s: RepositorySnapshot, id: string, label: string): TreeNodeData {
  const signedOut = s.connection.state === 'signedOut';
  return {
    id,
    label,
    description: signedOut ? 'sign in to GitHub' : 'local only',
    tooltip: escapeMarkdown(githubUnavailableText(s) ?? ''),
    icon: { id: signedOut ? 'account' : 'circle-slash', color: Colors.stale },
    command: signedOut ? { command: 'envflow.signIn', title: 'Sign in to GitHub' } : undefined,
  };
}

function localPullRequestNode(s: RepositorySnapshot, p: string): TreeNodeData {
  const id = `${p}local/pullRequest`;
  if (githubUnavailableText(s)) {
    return unavailableNode(s, id, 'Pull request');
  }
  const pr = s.local.pullRequest;
  const onLongLived = s.local.branch === s.development.branch || s.local.branch === s.production.branch;
  if (!pr) {
    return {
      id,
      label: pr === null ? 'No pull request' : 'Pull request unknown',
      description: onLongLived ? `start a branch to propose changes` : `open one into ${s.development.branch}`,
      icon: { id: 'git-pull-request', color: Colors.stale },
      contextValue: onLongLived || s.local.detached ? undefined : 'canOpenPr',
    };
  }
  return { ...pullRequestNode(pr, id), contextValue: 'pullRequest hasUrl' };
}

function pullRequestNode(pr: PullRequestInfo, id: string): TreeNodeData {
  const review = pr.review && pr.review !== 'none' ? ` · ${({ approved: 'approved', changesRequested: 'changes requested', reviewRequired: 'review required' } as const)[pr.review]}` : '';
  const icon = pr.draft ? { id: 'git-pull-request-draft', color: Colors.stale } : pr.checks ? { ...checkIcons[pr.checks.state], id: 'git-pull-request' } : { id: 'git-pull-request' };
  return {
    id,
    label: `#${pr.number} ${pr.title}`,
    description: `into ${pr.baseRef}${pr.checks ? ` · ${checkSummaryText(pr.checks)}` : ''}${review}${pr.draft ? ' · draft' : ''}`,
    tooltip: [
      `**${markdownLink(`#${pr.number} ${pr.title}`, pr.url)}**`,
      `${escapeMarkdown(pr.headRef)} → ${escapeMarkdown(pr.baseRef)}${pr.author ? ` by ${escapeMarkdown(pr.author)}` : ''}`,
      pr.checks ? checksTooltip(pr.checks) : undefined,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon,
    url: pr.url,
    contextValue: 'pullRequest hasUrl',
  };
}

function checksTooltip(checks: CheckSummary): string {
  const lines = checks.items.slice(0, 20).map((item) => {
    const mark = { success: '$(pass)', failure: '$(error)', pending: '$(clock)', neutral: '$(circle-outline)', skipped: '$(debug-step-over)' }[item.state];
    return `${mark} ${markdownLink(item.name, item.url)}${item.description ? ` — ${escapeMarkdown(item.description)}` : ''}`;
  });
  if (checks.items.length > 20) {
    lines.push(`…and ${checks.items.length - 20} more`);
  }
  return lines.join('  \n');
}

function checksNode(id: string, checks: CheckSummary | undefined, webUrl: string | undefined): TreeNodeData {
  if (!checks) {
    return { id, label: 'Checks', description: 'not loaded yet', icon: { id: 'circle-outline', color: Colors.stale } };
  }
  const label = { passing: 'Checks passing', failing: 'Checks failing', pending: 'Checks running', none: 'No checks' }[checks.state];
  return {
    id,
    label,
    // The label already says passing; the description adds what it does not.
    description: checks.state === 'passing' ? `${checks.passed} passed` : checks.state === 'none' ? undefined : checkSummaryText(checks),
    tooltip: checks.items.length ? checksTooltip(checks) : 'No check runs or commit statuses for this commit.',
    icon: checkIcons[checks.state],
    url: webUrl,
    contextValue: webUrl ? 'checks hasUrl' : 'checks',
  };
}

function deploymentNode(id: string, environment: string, deployment: DeploymentInfo | undefined, now: number, extraContext = ''): TreeNodeData {
  if (!deployment) {
    return { id, label: 'No deployment', description: `to ${environment}`, icon: { id: 'cloud', color: Colors.stale }, contextValue: extraContext.trim() || undefined };
  }
  const state = deploymentStateLabel[deployment.state];
  return {
    id,
    label: `Deployment ${state}`,
    description: [shortSha(deployment.sha), deployment.description, relativeTime(deployment.updatedAt, now)].filter(Boolean).join(' · '),
    tooltip: [
      `**Deployment #${deployment.id} to ${escapeMarkdown(deployment.environment)}: ${state}**`,
      `Commit ${shortSha(deployment.sha)} (${escapeMarkdown(deployment.ref)})${deployment.creator ? ` by ${escapeMarkdown(deployment.creator)}` : ''}`,
      deployment.description ? escapeMarkdown(deployment.description) : undefined,
      deployment.environmentUrl ? `Environment: ${markdownLink(deployment.environmentUrl, deployment.environmentUrl)}` : undefined,
      deployment.logUrl ? markdownLink('Logs', deployment.logUrl) : undefined,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: deploymentIcons[deployment.state],
    url: deployment.logUrl ?? deployment.environmentUrl,
    contextValue: `deployment${deployment.logUrl ?? deployment.environmentUrl ? ' hasUrl' : ''}${extraContext}`,
  };
}

function headNode(id: string, branch: string, exists: boolean, head: RepositorySnapshot['development']['head'], now: number, url?: string): TreeNodeData {
  if (!exists || !head) {
    return { id, label: `${branch} does not exist`, description: 'EnvFlow: Set Up Repository creates it', icon: { id: 'warning', color: Colors.warning } };
  }
  return {
    id,
    label: `${branch} at ${shortSha(head.sha)}`,
    description: [head.subject, relativeTime(head.date, now)].filter(Boolean).join(' · '),
    tooltip: `**${escapeMarkdown(head.subject)}**\n\n${shortSha(head.sha)}${head.author ? ` by ${escapeMarkdown(head.author)}` : ''}`,
    icon: { id: 'git-commit' },
    url,
    contextValue: url ? 'commit hasUrl' : 'commit',
  };
}

function staleNode(s: RepositorySnapshot, id: string, now: number): TreeNodeData | undefined {
  if (s.connection.state !== 'error') {
    return undefined;
  }
  return {
    id,
    label: 'GitHub data may be out of date',
    description: `as of ${relativeTime(s.takenAt, now)}`,
    tooltip: escapeMarkdown(s.connection.message),
    icon: { id: 'warning', color: Colors.warning },
    command: { command: 'envflow.refresh', title: 'Refresh' },
  };
}

function commitUrl(s: RepositorySnapshot, sha: string | undefined): string | undefined {
  return s.github && sha ? `${s.github.webUrl}/commit/${sha}` : undefined;
}

function developmentSection(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const d = s.development;
  const children: TreeNodeData[] = [headNode(`${p}development/head`, d.branch, d.exists, d.head, now, commitUrl(s, d.head?.sha))];
  const unavailable = githubUnavailableText(s);
  if (unavailable) {
    children.push(unavailableNode(s, `${p}development/github`, 'Checks and deployments'));
  } else {
    const stale = staleNode(s, `${p}development/stale`, now);
    if (stale) {
      children.push(stale);
    }
    children.push(checksNode(`${p}development/checks`, d.checks, commitUrl(s, d.head?.sha)));
    children.push(deploymentNode(`${p}development/deployment`, s.development.branch, d.deployment, now));
    children.push({
      id: `${p}development/pullRequests`,
      label: d.pullRequests.length ? `${plural(d.pullRequests.length, 'open pull request')}` : 'No open pull requests',
      description: `into ${d.branch}`,
      icon: { id: 'git-pull-request' },
      url: s.github ? `${s.github.webUrl}/pulls?q=${encodeURIComponent(`is:pr is:open base:${d.branch}`)}` : undefined,
      contextValue: 'pullRequests hasUrl',
      children: d.pullRequests.length ? d.pullRequests.map((pr) => pullRequestNode(pr, `${p}development/pr/${pr.number}`)) : undefined,
    });
  }
  if (d.releasePullRequest) {
    const release = pullRequestNode(d.releasePullRequest, `${p}development/releasePullRequest`);
    children.push({ ...release, label: `Release ${release.label}`, icon: { ...(release.icon ?? { id: 'git-pull-request' }), id: 'rocket' } });
  }
  const waiting = d.awaitingPromotion;
  children.push({
    id: `${p}development/awaiting`,
    label: waiting.count ? `${plural(waiting.count, 'commit')} waiting for promotion` : `Nothing to promote`,
    description: waiting.count ? `${d.branch} ahead of ${s.production.branch}` : `${s.production.branch} has everything in ${d.branch}`,
    icon: { id: 'rocket', color: waiting.count ? undefined : Colors.stale },
    contextValue: waiting.count ? 'canPromote' : undefined,
    children: waiting.count
      ? waiting.commits.map((c) => ({
          id: `${p}development/awaiting/${c.sha}`,
          label: c.subject,
          description: [shortSha(c.sha), c.author, relativeTime(c.date, now)].filter(Boolean).join(' · '),
          icon: { id: 'git-commit' },
          url: commitUrl(s, c.sha),
          contextValue: s.github ? 'commit hasUrl' : 'commit',
        }))
      : undefined,
  });
  const icon = d.checks?.state === 'failing' || isFailed(d.deployment) ? { id: 'beaker', color: Colors.failing } : { id: 'beaker' };
  return { id: `${p}development`, label: 'Development', description: d.branch, icon, children, expanded: true };
}

function isFailed(deployment: DeploymentInfo | undefined): boolean {
  return deployment?.state === 'failure' || deployment?.state === 'error';
}

function productionSection(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const prod = s.production;
  const children: TreeNodeData[] = [headNode(`${p}production/head`, prod.branch, prod.exists, prod.head, now, commitUrl(s, prod.head?.sha))];
  const unavailable = githubUnavailableText(s);
  if (unavailable) {
    children.push(unavailableNode(s, `${p}production/github`, 'Checks and deployments'));
  } else {
    const stale = staleNode(s, `${p}production/stale`, now);
    if (stale) {
      children.push(stale);
    }
    children.push(checksNode(`${p}production/checks`, prod.checks, commitUrl(s, prod.head?.sha)));
    children.push(deploymentNode(`${p}production/deployment`, prod.branch, prod.deployment, now, isFailed(prod.deployment) && prod.rollbackTarget ? ' canRollback' : ''));
    const rolledBack = rolledBackNode(s, p);
    if (rolledBack) {
      children.push(rolledBack);
    }
    if (prod.history.length > 1) {
      children.push({
        id: `${p}production/history`,
        label: 'Recent deployments',
        description: plural(prod.history.length, 'deployment'),
        icon: { id: 'history' },
        children: prod.history.map((d) => deploymentNode(`${p}production/history/${d.id}`, prod.branch, d, now)),
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
      : { id: `${p}production/backup`, label: 'No backup yet', description: 'EnvFlow: Back Up Production', icon: { id: 'archive', color: Colors.warning } },
  );
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
  if (!unavailable && prod.security) {
    children.push(securityNode(`${p}production/security`, prod.security));
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
 * After a rollback production runs an older commit than main's head, which an earlier
 * deployment tried: say so, and that the bad change still waits on main and develop.
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
    command: { command: 'envflow.startBranch', title: 'Start a Fix Branch', arguments: [{ prefix: 'fix' }] },
    contextValue: 'rolledBack',
  };
}

function securityNode(id: string, security: NonNullable<RepositorySnapshot['production']['security']>): TreeNodeData {
  if (!security.available) {
    return {
      id,
      label: 'Security alerts unavailable',
      description: security.reason === 'notEnabled' ? 'Dependabot alerts are not enabled' : 'no access to Dependabot alerts',
      icon: { id: 'shield', color: Colors.stale },
    };
  }
  const s = security.bySeverity;
  const worst = s.critical || s.high ? Colors.failing : s.medium || s.low ? Colors.warning : Colors.passing;
  return {
    id,
    label: security.total ? plural(security.total, 'security alert') : 'No open security alerts',
    description: security.total
      ? (['critical', 'high', 'medium', 'low'] as const).filter((k) => s[k]).map((k) => `${s[k]} ${k}`).join(', ')
      : undefined,
    icon: { id: 'shield', color: worst },
    url: security.url,
    contextValue: 'security hasUrl',
  };
}
