/**
 * The Environments tree as plain data, computed from snapshots: local, development and
 * production, each with what a user needs to act on it.
 * Pure: no vscode import, so every label, icon and action is unit-tested in Node;
 * environmentsTree.ts only turns these into TreeItems.
 */
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { duration, escapeMarkdown, plural, relativeTime, shortSha } from '../format';
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
      description: snapshot.local.branch ?? 'detached',
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
        local.upstream
          ? `Upstream ${escapeMarkdown(local.upstream)}: ${local.aheadOfUpstream} ahead, ${local.behindUpstream} behind`
          : 'Not pushed yet',
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
    label: 'Local',
    description: local.branch ?? 'detached',
    icon: { id: 'device-desktop' },
    children,
    expanded: true,
  };
}

function localTestsNode(s: RepositorySnapshot, now: number, p: string): TreeNodeData {
  const { state, record } = s.local.tests;
  const counts =
    record &&
    [record.passed !== undefined && `${record.passed} passed`, record.failed && `${record.failed} failed`]
      .filter(Boolean)
      .join(', ');
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
      return {
        ...base,
        label: 'Tests passed',
        description: [counts, relativeTime(record?.finishedAt, now)].filter(Boolean).join(' · '),
        icon: { id: 'beaker', color: Colors.passing },
        tooltip,
      };
    case 'failed':
      return {
        ...base,
        label: 'Tests failed',
        description: [counts, relativeTime(record?.finishedAt, now)].filter(Boolean).join(' · '),
        icon: { id: 'beaker', color: Colors.failing },
        tooltip,
      };
    case 'stale':
      return {
        ...base,
        label: 'Tests not run for the current changes',
        description: `last run ${relativeTime(record?.finishedAt, now)}`,
        icon: { id: 'beaker', color: Colors.warning },
        tooltip: `${tooltip}\n\nHEAD or the working tree changed since this run.`,
      };
    case 'notRun':
      return { ...base, label: 'Tests not run for this commit', icon: { id: 'beaker', color: Colors.stale }, tooltip };
  }
}

function localPullRequestNode(s: RepositorySnapshot, p: string): TreeNodeData {
  const id = `${p}local/pullRequest`;
  if (githubUnavailableText(s)) {
    return unavailableNode(s, id, 'Pull request');
  }
  const pr = s.local.pullRequest;
  const onLongLived = s.local.branch === s.development.branch || s.local.branch === s.production.branch;
  if (!pr) {
    const unread = readErrorFor(s.readErrors, ['pullRequests']);
    return withReadError(
      {
        id,
        label: pr === null ? 'No pull request' : 'Pull request unknown',
        description: onLongLived ? `start a branch to propose changes` : `open one into ${s.development.branch}`,
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
    children.push(unavailableNode(s, `${p}development/github`, 'Checks and deployments'));
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
          label: d.pullRequests.length
            ? `${plural(d.pullRequests.length, 'open pull request')}`
            : 'No open pull requests',
          description: `into ${d.branch}`,
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
      label: `Release ${release.label}`,
      icon: { ...(release.icon ?? { id: 'git-pull-request' }), id: 'rocket' },
    });
  }
  const waiting = d.awaitingPromotion;
  children.push({
    id: `${p}development/awaiting`,
    label: waiting.count ? `${plural(waiting.count, 'commit')} waiting for promotion` : `Nothing to promote`,
    description: waiting.count
      ? `${d.branch} ahead of ${s.production.branch}`
      : `${s.production.branch} has everything in ${d.branch}`,
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
  return { id: `${p}development`, label: 'Development', description: d.branch, icon, children, expanded: true };
}
