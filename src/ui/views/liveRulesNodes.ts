/**
 * The "Rules" row under an environment: what GitHub enforces before a change reaches it
 * (required reviewers, wait timer, which refs may deploy) and on the branch it deploys
 * from (classic protection and rulesets), as last read. Pure.
 */
import type { EnvironmentRules, LiveRules } from '../../core/model/liveRules';
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { escapeMarkdown, plural } from '../format';
import { Colors, githubUnavailableText, unreadNode, withReadError, type TreeNodeData } from './treeNodes';

export function liveRulesNode(
  s: RepositorySnapshot,
  section: 'development' | 'production',
  p: string,
): TreeNodeData | undefined {
  if (githubUnavailableText(s)) {
    return undefined;
  }
  const id = `${p}${section}/rules`;
  const rules = s[section].rules;
  const error = readErrorFor(s.readErrors, rowReads.liveRules, [section]);
  if (!rules) {
    return error ? unreadNode(id, 'Rules', error) : undefined;
  }
  const children = [
    ...environmentRows(rules.environment, id, s),
    branchRow(rules, id, s),
    ...(rules.branch.rulesets.length
      ? [
          {
            id: `${id}/rulesets`,
            label: `Rulesets on ${rules.branch.name}`,
            description: rules.branch.rulesets.join(', '),
            icon: { id: 'law' },
          },
        ]
      : []),
  ];
  const open = !rules.environment || !isGuarded(rules);
  return withReadError(
    {
      id,
      label: 'Rules',
      description: summary(rules),
      tooltip: `What GitHub enforces before a change reaches **${escapeMarkdown(rules.environment?.name ?? section)}** and on **${escapeMarkdown(rules.branch.name)}**.`,
      icon: open ? { id: 'shield', color: Colors.warning } : { id: 'shield' },
      url: s.github ? `${s.github.webUrl}/settings/environments` : undefined,
      contextValue: s.github ? 'rules hasUrl' : 'rules',
      children,
    },
    error,
  );
}

function summary(rules: LiveRules): string {
  const environment = rules.environment;
  const reviewers = !environment
    ? 'no environment yet'
    : environment.reviewers.length
      ? plural(environment.reviewers.length, 'required reviewer')
      : 'no required reviewers';
  return `${reviewers} · ${rules.branch.name} ${isGuarded(rules) ? 'protected' : 'not protected'}`;
}

function isGuarded(rules: LiveRules): boolean {
  return (rules.branch.protection?.length ?? 0) > 0 || rules.branch.rulesets.length > 0;
}

function environmentRows(environment: EnvironmentRules | null, id: string, s: RepositorySnapshot): TreeNodeData[] {
  if (!environment) {
    return [
      {
        id: `${id}/environment`,
        label: 'Environment not created yet',
        description: 'its first deployment creates it unprotected',
        tooltip:
          'GitHub creates an environment without any protection on its first deployment. EnvFlow: Set Up Repository creates it with the rules you choose.',
        icon: { id: 'warning', color: Colors.warning },
      },
    ];
  }
  const rows: TreeNodeData[] = [
    {
      id: `${id}/reviewers`,
      label: environment.reviewers.length
        ? `Required reviewers: ${environment.reviewers.join(', ')}`
        : 'No required reviewers',
      description: environment.reviewers.length && environment.preventSelfReview ? 'self-review prevented' : undefined,
      icon: { id: 'person' },
      url: s.github ? `${s.github.webUrl}/settings/environments` : undefined,
    },
  ];
  if (environment.waitTimerMinutes > 0) {
    rows.push({
      id: `${id}/waitTimer`,
      label: `Wait timer: ${plural(environment.waitTimerMinutes, 'minute')}`,
      icon: { id: 'watch' },
    });
  }
  rows.push({
    id: `${id}/refs`,
    label: deploysFrom(environment),
    icon: environment.branchPolicy === 'all' ? { id: 'git-branch', color: Colors.warning } : { id: 'git-branch' },
  });
  return rows;
}

function deploysFrom(environment: EnvironmentRules): string {
  switch (environment.branchPolicy) {
    case 'all':
      return 'Deploys from any branch or tag';
    case 'protected':
      return 'Deploys from protected branches only';
    case 'custom':
      return environment.allowedRefs?.length
        ? `Deploys only from ${environment.allowedRefs.join(', ')}`
        : 'Deploys from no branch yet';
  }
}

function branchRow(rules: LiveRules, id: string, s: RepositorySnapshot): TreeNodeData {
  const { name, protection } = rules.branch;
  const unprotected = protection !== undefined && protection.length === 0 && rules.branch.rulesets.length === 0;
  return {
    id: `${id}/branch`,
    label: `Branch ${name}`,
    description:
      protection === undefined
        ? 'only an admin can read its protection'
        : protection.length
          ? protection.join(', ')
          : rules.branch.rulesets.length
            ? 'no classic protection'
            : 'not protected',
    icon: unprotected ? { id: 'unlock', color: Colors.warning } : { id: 'lock' },
    url: s.github ? `${s.github.webUrl}/settings/branches` : undefined,
  };
}
