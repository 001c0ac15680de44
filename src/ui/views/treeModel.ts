/**
 * The Environments tree as plain data, computed from snapshots: local, development and
 * production, each with what a user needs to act on it.
 * Pure: no vscode import, so every label, icon and action is unit-tested in Node;
 * environmentsTree.ts only turns these into TreeItems.
 */
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import * as l10n from '@vscode/l10n';
import { duration, escapeMarkdown, relativeTime, shortSha } from '../format';
import { liveRulesNode } from './liveRulesNodes';
import { productionSection } from './productionSection';
import { approvalNodes } from './approvalNodes';
import {
  checksNode,
  Colors,
  commitUrl,
  deploymentNode,
  withDeploymentRun,
  githubUnavailableText,
  headNode,
  isFailed,
  pullRequestNode,
  staleNode,
  unavailableNode,
  withReadError,
  type TreeNodeData,
} from './treeNodes';

export { checkSummaryText, Colors, deploymentStateLabel, type NodeIcon, type TreeNodeData } from './treeNodes';

/** The whole tree: one root per repository in a multi-root workspace, else the sections. */
export function buildTree(snapshots: readonly RepositorySnapshot[], now: number): TreeNodeData[] {
  const only = snapshots.length === 1 ? snapshots[0] : undefined;
  if (only) {
    return buildSections(only, now, '');
  }
  return snapshots.map((snapshot) => {
    const name = snapshot.root.split(/[\\/]/).pop() ?? snapshot.root;
    const prefix = `${snapshot.root}|`;
    return {
      id: `${prefix}repository`,
      label: name,
      description: snapshot.local.branch ?? l10n.t('detached'),
      tooltip: escapeMarkdown(snapshot.root),
      icon: { id: 'repo' },
      children: buildSections(snapshot, now, prefix),
      expanded: true,
    };
  });
}

export function buildSections(snapshot: RepositorySnapshot, now: number, prefix: string): TreeNodeData[] {
  return [
    localSection(snapshot, now, prefix),
    developmentSection(snapshot, now, prefix),
    productionSection(snapshot, now, prefix),
  ];
}

function localSection(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const local = s.local;
  const branchLabel = local.detached
    ? l10n.t('Detached HEAD at {0}', shortSha(local.headSha))
    : (local.branch ?? l10n.t('unknown'));
  const relation =
    local.aheadOfDevelop === undefined
      ? l10n.t('no {0} to compare with', s.development.branch)
      : l10n.t('{0} ahead, {1} behind {2}', local.aheadOfDevelop, local.behindDevelop ?? 0, s.development.branch);
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
        local.upstream
          ? l10n.t(
              'Upstream {0}: {1} ahead, {2} behind',
              escapeMarkdown(local.upstream),
              local.aheadOfUpstream,
              local.behindUpstream,
            )
          : l10n.t('Not pushed yet'),
        relation,
      ].join('\n\n'),
    },
    {
      id: `${p}local/changes`,
      label:
        changeCount === 0
          ? l10n.t('No uncommitted changes')
          : changeCount === 1
            ? l10n.t('1 uncommitted change')
            : l10n.t('{0} uncommitted changes', changeCount),
      description:
        changeCount === 0
          ? undefined
          : [
              changes.staged && l10n.t('{0} staged', changes.staged),
              changes.unstaged && l10n.t('{0} unstaged', changes.unstaged),
              changes.untracked && l10n.t('{0} untracked', changes.untracked),
              changes.conflicted && l10n.t('{0} conflicted', changes.conflicted),
            ]
              .filter(Boolean)
              .join(', '),
      icon:
        changeCount === 0
          ? { id: 'check', color: Colors.passing }
          : { id: 'diff', color: changes.conflicted ? Colors.failing : Colors.warning },
    },
    localTestsNode(s, now, p),
    localPullRequestNode(s, p),
  ];
  return {
    id: `${p}local`,
    label: l10n.t('Local'),
    description: local.branch ?? l10n.t('detached'),
    icon: { id: 'device-desktop' },
    children,
    expanded: true,
  };
}

function localTestsNode(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const { state, record } = s.local.tests;
  const counts =
    record &&
    [
      record.passed !== undefined && l10n.t('{0} passed', record.passed),
      record.failed && l10n.t('{0} failed', record.failed),
    ]
      .filter(Boolean)
      .join(', ');
  const base = { id: `${p}local/tests`, contextValue: 'tests' };
  const tooltip = record
    ? [
        record.outcome === 'passed'
          ? l10n.t('**Local tests passed** for {0}', shortSha(record.commit))
          : l10n.t('**Local tests failed** for {0}', shortSha(record.commit)),
        l10n.t('Command: {0}', `\`${record.command.replace(/`/g, "'")}\``),
        counts ? l10n.t('Counts: {0}', counts) : undefined,
        l10n.t('Took {0}, finished {1}', duration(record.durationMs), relativeTime(record.finishedAt, now)),
      ]
        .filter(Boolean)
        .join('\n\n')
    : l10n.t('No local test run recorded for this commit. Run the tests before opening a pull request.');
  switch (state) {
    case 'passed':
      return {
        ...base,
        label: l10n.t('Tests passed'),
        description: [counts, relativeTime(record?.finishedAt, now)].filter(Boolean).join(' · '),
        icon: { id: 'beaker', color: Colors.passing },
        tooltip,
      };
    case 'failed':
      return {
        ...base,
        label: l10n.t('Tests failed'),
        description: [counts, relativeTime(record?.finishedAt, now)].filter(Boolean).join(' · '),
        icon: { id: 'beaker', color: Colors.failing },
        tooltip,
      };
    case 'stale':
      return {
        ...base,
        label: l10n.t('Tests not run for the current changes'),
        description: l10n.t('last run {0}', relativeTime(record?.finishedAt, now)),
        icon: { id: 'beaker', color: Colors.warning },
        tooltip: `${tooltip}\n\n${l10n.t('HEAD or the working tree changed since this run.')}`,
      };
    case 'notRun':
      return {
        ...base,
        label: l10n.t('Tests not run for this commit'),
        icon: { id: 'beaker', color: Colors.stale },
        tooltip,
      };
  }
}

function localPullRequestNode(s: RepositorySnapshot, p: string): TreeNodeData {
  const id = `${p}local/pullRequest`;
  if (githubUnavailableText(s)) {
    return unavailableNode(s, id, l10n.t('Pull request'));
  }
  const pr = s.local.pullRequest;
  const onLongLived = s.local.branch === s.development.branch || s.local.branch === s.production.branch;
  if (!pr) {
    const unread = readErrorFor(s.readErrors, ['pullRequests']);
    return withReadError(
      {
        id,
        label: pr === null ? l10n.t('No pull request') : l10n.t('Pull request unknown'),
        description: onLongLived
          ? l10n.t('start a branch to propose changes')
          : l10n.t('open one into {0}', s.development.branch),
        icon: { id: 'git-pull-request', color: Colors.stale },
        contextValue: onLongLived || s.local.detached ? undefined : 'canOpenPr',
      },
      unread,
    );
  }
  return pullRequestNode(pr, id, s);
}

function developmentSection(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const d = s.development;
  const children: TreeNodeData[] = [
    headNode(`${p}development/head`, d.branch, d.exists, d.head, now, commitUrl(s, d.head?.sha)),
  ];
  const unavailable = githubUnavailableText(s);
  if (unavailable) {
    children.push(unavailableNode(s, `${p}development/github`, l10n.t('Checks and deployments')));
  } else {
    const stale = staleNode(s, `${p}development/stale`, now);
    if (stale) {
      children.push(stale);
    }
    children.push(
      checksNode(
        `${p}development/checks`,
        d.checks,
        commitUrl(s, d.head?.sha),
        readErrorFor(s.readErrors, rowReads.checks, [d.head?.sha]),
      ),
    );
    children.push(
      withDeploymentRun(
        deploymentNode(
          `${p}development/deployment`,
          s.development.branch,
          d.deployment,
          now,
          '',
          readErrorFor(s.readErrors, rowReads.deployment, ['development', d.deployment?.id]),
        ),
        d.deployment,
        s.github?.webUrl,
      ),
    );
    children.push(...approvalNodes(s, 'development', p, now));
    children.push(
      withReadError(
        {
          id: `${p}development/pullRequests`,
          label:
            d.pullRequests.length === 0
              ? l10n.t('No open pull requests')
              : d.pullRequests.length === 1
                ? l10n.t('1 open pull request')
                : l10n.t('{0} open pull requests', d.pullRequests.length),
          description: l10n.t('into {0}', d.branch),
          icon: { id: 'git-pull-request' },
          url: s.github
            ? `${s.github.webUrl}/pulls?q=${encodeURIComponent(`is:pr is:open base:${d.branch}`)}`
            : undefined,
          contextValue: 'pullRequests hasUrl',
          children: d.pullRequests.length
            ? d.pullRequests.map((pr) => pullRequestNode(pr, `${p}development/pr/${pr.number}`, s))
            : undefined,
        },
        readErrorFor(s.readErrors, ['pullRequests']),
      ),
    );
  }
  const rules = liveRulesNode(s, 'development', p);
  if (rules) {
    children.push(rules);
  }
  if (d.releasePullRequest) {
    const release = pullRequestNode(d.releasePullRequest, `${p}development/releasePullRequest`, s);
    children.push({
      ...release,
      label: l10n.t('Release {0}', release.label),
      icon: { ...(release.icon ?? { id: 'git-pull-request' }), id: 'rocket' },
    });
  }
  const waiting = d.awaitingPromotion;
  children.push({
    id: `${p}development/awaiting`,
    label:
      waiting.count === 0
        ? l10n.t('Nothing to promote')
        : waiting.count === 1
          ? l10n.t('1 commit waiting for promotion')
          : l10n.t('{0} commits waiting for promotion', waiting.count),
    description: waiting.count
      ? l10n.t('{0} ahead of {1}', d.branch, s.production.branch)
      : l10n.t('{0} has everything in {1}', s.production.branch, d.branch),
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
  const icon =
    d.checks?.state === 'failing' || isFailed(d.deployment)
      ? { id: 'beaker', color: Colors.failing }
      : { id: 'beaker' };
  return {
    id: `${p}development`,
    label: l10n.t('Development'),
    description: d.branch,
    icon,
    children,
    expanded: true,
  };
}
