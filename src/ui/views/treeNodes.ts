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
  WaitingApproval,
} from '../../core/model/snapshot';
import { deploymentSource, failedCheckSources, type FailedRunSource } from '../../core/actions/failedJob';
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import { escapeMarkdown, markdownLink, relativeTime, shortSha } from '../format';
import { Commands } from '../../constants';

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

export function githubUnavailableText(s: RepositorySnapshot): string | undefined {
  switch (s.connection.state) {
    case 'localOnly':
      return s.connection.reason;
    case 'signedOut':
      return 'Sign in to GitHub to see pull requests, checks and deployments.';
    default:
      return undefined;
  }
}

export function unavailableNode(s: RepositorySnapshot, id: string, label: string): TreeNodeData {
  const signedOut = s.connection.state === 'signedOut';
  return {
    id,
    label,
    description: signedOut ? 'sign in to GitHub' : 'local only',
    tooltip: escapeMarkdown(githubUnavailableText(s) ?? ''),
    icon: { id: signedOut ? 'account' : 'circle-slash', color: Colors.stale },
    command: signedOut ? { command: Commands.signIn, title: 'Sign in to GitHub' } : undefined,
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
      ? ` · ${({ approved: 'approved', changesRequested: 'changes requested', reviewRequired: 'review required' } as const)[pr.review]}`
      : '';
  const icon = pr.draft
    ? { id: 'git-pull-request-draft', color: Colors.stale }
    : pr.checks
      ? { ...checkIcons[pr.checks.state], id: 'git-pull-request' }
      : { id: 'git-pull-request' };
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
    lines.push(`…and ${checks.items.length - 20} more`);
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
      ? unreadNode(id, 'Checks', error)
      : { id, label: 'Checks', description: 'not loaded yet', icon: { id: 'circle-outline', color: Colors.stale } };
  }
  return withReadError(plainChecksNode(id, checks, webUrl), error);
}

function plainChecksNode(id: string, checks: CheckSummary, webUrl: string | undefined): TreeNodeData {
  const label = { passing: 'Checks passing', failing: 'Checks failing', pending: 'Checks running', none: 'No checks' }[
    checks.state
  ];
  return {
    id,
    label,
    // The label already says passing; the description adds what it does not.
    description:
      checks.state === 'passing'
        ? `${checks.passed} passed`
        : checks.state === 'none'
          ? undefined
          : checkSummaryText(checks),
    tooltip: checks.items.length ? checksTooltip(checks) : 'No check runs or commit statuses for this commit.',
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
  return deployment.stage.step === 'backingUp' ? 'Backing up' : `Rolling out · ${deployment.stage.percent} %`;
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
    return unreadNode(id, 'Deployment', error);
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
      label: 'No deployment',
      description: `to ${environment}`,
      icon: { id: 'cloud', color: Colors.stale },
      contextValue: extraContext.trim() || undefined,
    };
  }
  const state = deploymentStateLabel[deployment.state];
  const stage = stageLabel(deployment);
  return {
    id,
    label: stage ?? `Deployment ${state}`,
    description: [shortSha(deployment.sha), deployment.description, relativeTime(deployment.updatedAt, now)]
      .filter(Boolean)
      .join(' · '),
    tooltip: [
      `**Deployment #${deployment.id} to ${escapeMarkdown(deployment.environment)}: ${state}**`,
      `Commit ${shortSha(deployment.sha)} (${escapeMarkdown(deployment.ref)})${deployment.creator ? ` by ${escapeMarkdown(deployment.creator)}` : ''}`,
      deployment.description ? escapeMarkdown(deployment.description) : undefined,
      deployment.environmentUrl
        ? `Environment: ${markdownLink(deployment.environmentUrl, deployment.environmentUrl)}`
        : undefined,
      deployment.logUrl ? markdownLink('Logs', deployment.logUrl) : undefined,
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
      label: `${branch} does not exist`,
      description: 'EnvFlow: Set Up Repository creates it',
      icon: { id: 'warning', color: Colors.warning },
    };
  }
  return {
    id,
    label: `${branch} at ${shortSha(head.sha)}`,
    description: [head.subject, relativeTime(head.date, now)].filter(Boolean).join(' · '),
    tooltip: `**${escapeMarkdown(head.subject)}**\n\n${shortSha(head.sha)}${head.author ? ` by ${escapeMarkdown(head.author)}` : ''}`,
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
    label: 'GitHub data may be out of date',
    description: `as of ${relativeTime(s.takenAt, now)}`,
    tooltip: escapeMarkdown(s.connection.message),
    icon: { id: 'warning', color: Colors.warning },
    command: { command: Commands.refresh, title: 'Refresh' },
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
    description: [node.description, 'out of date'].filter(Boolean).join(' · '),
    tooltip: [
      node.tooltip,
      `$(warning) ${escapeMarkdown(error.message)}`,
      'Showing the last known value; EnvFlow reads it again on the next refresh.',
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
    label: `${label} unknown`,
    description: 'could not be read',
    tooltip: `$(warning) ${escapeMarkdown(error.message)}\n\nEnvFlow reads it again on the next refresh.`,
    icon: { id: 'warning', color: Colors.warning },
    command: { command: Commands.refresh, title: 'Refresh' },
    contextValue: 'outOfDate',
  };
}

export function commitUrl(s: RepositorySnapshot, sha: string | undefined): string | undefined {
  return s.github && sha ? `${s.github.webUrl}/commit/${sha}` : undefined;
}

export function isFailed(deployment: DeploymentInfo | undefined): boolean {
  return deployment?.state === 'failure' || deployment?.state === 'error';
}

/** What a state icon's colour tells a sighted user, in words a screen reader can speak. */
const spokenStates: Readonly<Record<string, string>> = {
  pass: 'passing',
  error: 'failing',
  'sync~spin': 'in progress',
  clock: 'waiting',
  warning: 'needs attention',
  'circle-slash': 'inactive',
};

/**
 * The row as a screen reader reads it: label, description, and the state its icon
 * shows by colour alone, unless the text already says it.
 */
export function accessibilityLabelOf(node: Pick<TreeNodeData, 'label' | 'description' | 'icon'>): string {
  const text = [node.label, node.description].filter(Boolean).join(', ');
  const state = node.icon ? spokenStates[node.icon.id] : undefined;
  return state && !text.toLowerCase().includes(state) ? `${text}, ${state}` : text;
}
