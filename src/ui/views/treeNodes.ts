/**
 * The rows the Environments tree is built from, and the pieces more than one section
 * uses (checks, deployments, pull requests, heads, "why GitHub is empty"). Pure.
 */
import type {
  CheckSummary,
  DeploymentInfo,
  DeploymentState,
  PullRequestInfo,
  ReadError,
  RepositorySnapshot,
  SecuritySeverity,
  WaitingApproval,
} from '../../core/model/snapshot';
import { deploymentSource, failedCheckSources, type FailedRunSource } from '../../core/actions/failedJob';
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import { escapeMarkdown, markdownLink, relativeTime, shortSha } from '../format';
import { Commands } from '../../constants';
import * as l10n from '@vscode/l10n';

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
  /** What the row's actions act on: its failing (or running) GitHub Actions runs, or its commit. */
  readonly subject?: NodeSubject;
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  /** Undefined for a leaf. */
  readonly children?: readonly TreeNodeData[];
  readonly expanded?: boolean;
}

export type NodeSubject =
  | { readonly kind: 'runs'; readonly runs: readonly FailedRunSource[] }
  /** A pull request's head commit, and its failing runs when its checks are red. */
  | { readonly kind: 'commit'; readonly sha: string; readonly runs?: readonly FailedRunSource[] }
  | { readonly kind: 'approval'; readonly approval: WaitingApproval };

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

export const deploymentIcons: Record<DeploymentState, NodeIcon> = {
  queued: { id: 'clock', color: Colors.pending },
  pending: { id: 'clock', color: Colors.pending },
  in_progress: { id: 'sync~spin', color: Colors.pending },
  success: { id: 'pass', color: Colors.passing },
  failure: { id: 'error', color: Colors.failing },
  error: { id: 'error', color: Colors.failing },
  inactive: { id: 'circle-slash', color: Colors.stale },
  none: { id: 'circle-outline', color: Colors.stale },
};

/** A function, not a table: the words are looked up in the user's language when shown. */
export function deploymentStateLabel(state: DeploymentState): string {
  switch (state) {
    case 'queued':
      return l10n.t('queued');
    case 'pending':
      return l10n.t('pending');
    case 'in_progress':
      return l10n.t('in progress');
    case 'success':
      return l10n.t('succeeded');
    case 'failure':
      return l10n.t('failed');
    case 'error':
      return l10n.t('errored');
    case 'inactive':
      return l10n.t('inactive');
    case 'none':
      return l10n.t('no status yet');
  }
}

export function checkSummaryText(checks: CheckSummary | undefined): string {
  if (!checks) {
    return l10n.t('checks unknown');
  }
  switch (checks.state) {
    case 'passing':
      return l10n.t('checks passing ({0})', checks.passed);
    case 'failing':
      return l10n.t('{0} failing: {1}', checks.failed, checks.failing.join(', '));
    case 'pending':
      return l10n.t('{0} of {1} running', checks.pending, checks.total);
    case 'none':
      return l10n.t('no checks');
  }
}

export function githubUnavailableText(s: RepositorySnapshot): string | undefined {
  switch (s.connection.state) {
    case 'localOnly':
      return s.connection.reason;
    case 'signedOut':
      return l10n.t('Sign in to GitHub to see pull requests, checks and deployments.');
    default:
      return undefined;
  }
}

export function unavailableNode(s: RepositorySnapshot, id: string, label: string): TreeNodeData {
  const signedOut = s.connection.state === 'signedOut';
  return {
    id,
    label,
    description: signedOut ? l10n.t('sign in to GitHub') : l10n.t('local only'),
    tooltip: escapeMarkdown(githubUnavailableText(s) ?? ''),
    icon: { id: signedOut ? 'account' : 'circle-slash', color: Colors.stale },
    command: signedOut ? { command: Commands.signIn, title: l10n.t('Sign in to GitHub') } : undefined,
  };
}

export function pullRequestNode(pr: PullRequestInfo, id: string, s?: RepositorySnapshot): TreeNodeData {
  return withReadError(
    plainPullRequestNode(pr, id),
    s && readErrorFor(s.readErrors, rowReads.pullRequest, [pr.number, pr.headSha]),
  );
}

function plainPullRequestNode(pr: PullRequestInfo, id: string): TreeNodeData {
  const review =
    pr.review && pr.review !== 'none'
      ? ` · ${{ approved: l10n.t('approved'), changesRequested: l10n.t('changes requested'), reviewRequired: l10n.t('review required') }[pr.review]}`
      : '';
  const icon = pr.draft
    ? { id: 'git-pull-request-draft', color: Colors.stale }
    : pr.checks
      ? { ...checkIcons[pr.checks.state], id: 'git-pull-request' }
      : { id: 'git-pull-request' };
  return {
    id,
    label: `#${pr.number} ${pr.title}`,
    description: `${l10n.t('into {0}', pr.baseRef)}${pr.checks ? ` · ${checkSummaryText(pr.checks)}` : ''}${review}${pr.draft ? ` · ${l10n.t('draft')}` : ''}`,
    tooltip: [
      `**${markdownLink(`#${pr.number} ${pr.title}`, pr.url)}**`,
      `${escapeMarkdown(pr.headRef)} → ${escapeMarkdown(pr.baseRef)}${pr.author ? ` ${l10n.t('by {0}', escapeMarkdown(pr.author))}` : ''}`,
      pr.checks ? checksTooltip(pr.checks) : undefined,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon,
    url: pr.url,
    ...pullRequestSubject(pr),
  };
}

/** Where Is Commit… acts on the head commit; Show Failed Log and Re-run on its red checks, where GitHub Actions ran them. */
function pullRequestSubject(pr: PullRequestInfo): Pick<TreeNodeData, 'contextValue' | 'subject'> {
  const runs = failedCheckSources(pr.checks).map((run) => ({ ...run, label: `${run.label} on #${pr.number}` }));
  return runs.length
    ? { contextValue: 'pullRequest hasUrl whereIs failedRun', subject: { kind: 'commit', sha: pr.headSha, runs } }
    : { contextValue: 'pullRequest hasUrl whereIs', subject: { kind: 'commit', sha: pr.headSha } };
}

export function checksTooltip(checks: CheckSummary): string {
  const lines = checks.items.slice(0, 20).map((item) => {
    const mark = {
      success: '$(pass)',
      failure: '$(error)',
      pending: '$(clock)',
      neutral: '$(circle-outline)',
      skipped: '$(debug-step-over)',
    }[item.state];
    return `${mark} ${markdownLink(item.name, item.url)}${item.description ? ` — ${escapeMarkdown(item.description)}` : ''}`;
  });
  if (checks.items.length > 20) {
    lines.push(l10n.t('…and {0} more', checks.items.length - 20));
  }
  return lines.join('  \n');
}

export function checksNode(
  id: string,
  checks: CheckSummary | undefined,
  webUrl: string | undefined,
  error?: ReadError,
): TreeNodeData {
  if (!checks) {
    return error
      ? unreadNode(id, l10n.t('Checks unknown'), error)
      : {
          id,
          label: l10n.t('Checks'),
          description: l10n.t('not loaded yet'),
          icon: { id: 'circle-outline', color: Colors.stale },
        };
  }
  return withReadError(plainChecksNode(id, checks, webUrl), error);
}

function plainChecksNode(id: string, checks: CheckSummary, webUrl: string | undefined): TreeNodeData {
  const label = {
    passing: l10n.t('Checks passing'),
    failing: l10n.t('Checks failing'),
    pending: l10n.t('Checks running'),
    none: l10n.t('No checks'),
  }[checks.state];
  return {
    id,
    label,
    // The label already says passing; the description adds what it does not.
    description:
      checks.state === 'passing'
        ? l10n.t('{0} passed', checks.passed)
        : checks.state === 'none'
          ? undefined
          : checkSummaryText(checks),
    tooltip: checks.items.length ? checksTooltip(checks) : l10n.t('No check runs or commit statuses for this commit.'),
    icon: checkIcons[checks.state],
    url: webUrl,
    ...withRuns(webUrl ? 'checks hasUrl' : 'checks', 'failedRun', failedCheckSources(checks)),
  };
}

/** `Rolling out · 50 %` or `Backing up` while the deployment workflow reports a stage; undefined otherwise. */
export function stageLabel(deployment: DeploymentInfo): string | undefined {
  if (deployment.state !== 'in_progress' || !deployment.stage) {
    return undefined;
  }
  return deployment.stage.step === 'backingUp'
    ? l10n.t('Backing up')
    : l10n.t('Rolling out · {0} %', deployment.stage.percent);
}

export function deploymentNode(
  id: string,
  environment: string,
  deployment: DeploymentInfo | undefined,
  now: number,
  extraContext = '',
  error?: ReadError,
): TreeNodeData {
  if (!deployment && error) {
    return unreadNode(id, l10n.t('Deployment unknown'), error);
  }
  return withReadError(plainDeploymentNode(id, environment, deployment, now, extraContext), error);
}

function plainDeploymentNode(
  id: string,
  environment: string,
  deployment: DeploymentInfo | undefined,
  now: number,
  extraContext: string,
): TreeNodeData {
  if (!deployment) {
    return {
      id,
      label: l10n.t('No deployment'),
      description: l10n.t('to {0}', environment),
      icon: { id: 'cloud', color: Colors.stale },
      contextValue: extraContext.trim() || undefined,
    };
  }
  const state = deploymentStateLabel(deployment.state);
  const stage = stageLabel(deployment);
  return {
    id,
    label: stage ?? l10n.t('Deployment {0}', state),
    description: [shortSha(deployment.sha), deployment.description, relativeTime(deployment.updatedAt, now)]
      .filter(Boolean)
      .join(' · '),
    tooltip: [
      `**${l10n.t('Deployment #{0} to {1}: {2}', deployment.id, escapeMarkdown(deployment.environment), state)}**`,
      `${l10n.t('Commit {0} ({1})', shortSha(deployment.sha), escapeMarkdown(deployment.ref))}${deployment.creator ? ` ${l10n.t('by {0}', escapeMarkdown(deployment.creator))}` : ''}`,
      deployment.description ? escapeMarkdown(deployment.description) : undefined,
      deployment.environmentUrl
        ? l10n.t('Environment: {0}', markdownLink(deployment.environmentUrl, deployment.environmentUrl))
        : undefined,
      deployment.logUrl ? markdownLink(l10n.t('Logs'), deployment.logUrl) : undefined,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: deploymentIcons[deployment.state],
    url: deployment.logUrl ?? deployment.environmentUrl,
    contextValue: `deployment${(deployment.logUrl ?? deployment.environmentUrl) ? ' hasUrl' : ''}${extraContext}`,
  };
}

export function headNode(
  id: string,
  branch: string,
  exists: boolean,
  head: RepositorySnapshot['development']['head'],
  now: number,
  url?: string,
): TreeNodeData {
  if (!exists || !head) {
    return {
      id,
      label: l10n.t('{0} does not exist', branch),
      description: l10n.t('EnvFlow: Set Up Repository creates it'),
      icon: { id: 'warning', color: Colors.warning },
    };
  }
  return {
    id,
    label: l10n.t('{0} at {1}', branch, shortSha(head.sha)),
    description: [head.subject, relativeTime(head.date, now)].filter(Boolean).join(' · '),
    tooltip: `**${escapeMarkdown(head.subject)}**\n\n${shortSha(head.sha)}${head.author ? ` ${l10n.t('by {0}', escapeMarkdown(head.author))}` : ''}`,
    icon: { id: 'git-commit' },
    url,
    contextValue: url ? 'commit hasUrl whereIs' : 'commit whereIs',
    subject: { kind: 'commit', sha: head.sha },
  };
}

/** The row's runs as its subject and a context token, so its inline actions (log, re-run, cancel) show only where they apply. */
function withRuns(
  contextValue: string,
  token: 'failedRun' | 'runningRun',
  runs: readonly FailedRunSource[],
): Pick<TreeNodeData, 'contextValue' | 'subject'> {
  return runs.length ? { contextValue: `${contextValue} ${token}`, subject: { kind: 'runs', runs } } : { contextValue };
}

/**
 * A deployment row with the GitHub Actions run behind it (from its log link, only when
 * that link points into this repository): a failed one offers its log and a re-run, a
 * running one offers Cancel.
 */
export function withDeploymentRun(
  node: TreeNodeData,
  deployment: DeploymentInfo | undefined,
  webUrl: string | undefined,
): TreeNodeData {
  const source = webUrl ? deploymentSource(deployment, webUrl) : undefined;
  if (!source || !deployment) {
    return node;
  }
  const failed = deployment.state === 'failure' || deployment.state === 'error';
  const running = deployment.state === 'queued' || deployment.state === 'pending' || deployment.state === 'in_progress';
  return failed || running
    ? { ...node, ...withRuns(node.contextValue ?? 'deployment', failed ? 'failedRun' : 'runningRun', [source]) }
    : node;
}

export function staleNode(s: RepositorySnapshot, id: string, now: number): TreeNodeData | undefined {
  if (s.connection.state !== 'error') {
    return undefined;
  }
  return {
    id,
    label: l10n.t('GitHub data may be out of date'),
    description: l10n.t('as of {0}', relativeTime(s.takenAt, now)),
    tooltip: escapeMarkdown(s.connection.message),
    icon: { id: 'warning', color: Colors.warning },
    command: { command: Commands.refresh, title: l10n.t('Refresh') },
  };
}

/**
 * A row whose read failed this refresh: it keeps the value it showed, says it may be out
 * of date, and its tooltip says why.
 */
export function withReadError(node: TreeNodeData, error: ReadError | undefined): TreeNodeData {
  if (!error) {
    return node;
  }
  return {
    ...node,
    description: [node.description, l10n.t('out of date')].filter(Boolean).join(' · '),
    tooltip: [
      node.tooltip,
      `$(warning) ${escapeMarkdown(error.message)}`,
      l10n.t('Showing the last known value; EnvFlow reads it again on the next refresh.'),
    ]
      .filter(Boolean)
      .join('\n\n'),
    contextValue: [node.contextValue, 'outOfDate'].filter(Boolean).join(' '),
  };
}

/** A row whose read failed before it ever succeeded: nothing to show but why. */
export function unreadNode(id: string, label: string, error: ReadError): TreeNodeData {
  return {
    id,
    label,
    description: l10n.t('could not be read'),
    tooltip: `$(warning) ${escapeMarkdown(error.message)}\n\n${l10n.t('EnvFlow reads it again on the next refresh.')}`,
    icon: { id: 'warning', color: Colors.warning },
    command: { command: Commands.refresh, title: l10n.t('Refresh') },
    contextValue: 'outOfDate',
  };
}

/** `3 high`: open alerts of one severity, in words the user reads. */
export function severityCount(count: number, severity: SecuritySeverity): string {
  switch (severity) {
    case 'critical':
      return l10n.t('{0} critical', count);
    case 'high':
      return l10n.t('{0} high', count);
    case 'medium':
      return l10n.t('{0} medium', count);
    case 'low':
      return l10n.t('{0} low', count);
  }
}
/** Where a change that failed in production goes next; both rollback rows end with it. */
export function fixForwardAdvice(s: RepositorySnapshot): string {
  return l10n.t(
    'The change that failed is still on {0} and {1}: fix it forward on a branch from {1}, then promote again.',
    escapeMarkdown(s.production.branch),
    escapeMarkdown(s.development.branch),
  );
}

export function commitUrl(s: RepositorySnapshot, sha: string | undefined): string | undefined {
  return s.github && sha ? `${s.github.webUrl}/commit/${sha}` : undefined;
}

export function isFailed(deployment: DeploymentInfo | undefined): boolean {
  return deployment?.state === 'failure' || deployment?.state === 'error';
}

/** What a state icon's colour tells a sighted user, in words a screen reader can speak. */
function spokenState(iconId: string): string | undefined {
  switch (iconId) {
    case 'pass':
      return l10n.t('passing');
    case 'error':
      return l10n.t('failing');
    case 'sync~spin':
      return l10n.t('in progress');
    case 'clock':
      return l10n.t('waiting');
    case 'warning':
      return l10n.t('needs attention');
    case 'circle-slash':
      return l10n.t('inactive');
    default:
      return undefined;
  }
}

/**
 * The row as a screen reader reads it: label, description, and the state its icon
 * shows by colour alone, unless the text already says it.
 */
export function accessibilityLabelOf(node: Pick<TreeNodeData, 'label' | 'description' | 'icon'>): string {
  const text = [node.label, node.description].filter(Boolean).join(', ');
  const state = node.icon ? spokenState(node.icon.id) : undefined;
  return state && !text.toLowerCase().includes(state) ? `${text}, ${state}` : text;
}
