/**
 * The "Rules" row under an environment: what GitHub enforces before a change reaches it
 * (required reviewers, wait timer, which refs may deploy) and on the branch it deploys
 * from (classic protection and rulesets), as last read. Pure.
 */
import * as l10n from '@vscode/l10n';
import type { EnvironmentRules, LiveRules } from '../../core/model/liveRules';
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type { RepositorySnapshot } from '../../core/model/snapshot';
import { escapeMarkdown } from '../format';
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
    return error ? unreadNode(id, l10n.t('Rules unknown'), error) : undefined;
  }
  const children = [
    ...environmentRows(rules.environment, id, s),
    branchRow(rules, id, s),
    ...(rules.branch.rulesets.length
      ? [
          {
            id: `${id}/rulesets`,
            label: l10n.t('Rulesets on {0}', rules.branch.name),
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
      label: l10n.t('Rules'),
      description: summary(rules),
      tooltip: l10n.t(
        'What GitHub enforces before a change reaches **{0}** and on **{1}**.',
        escapeMarkdown(rules.environment?.name ?? section),
        escapeMarkdown(rules.branch.name),
      ),
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
  const count = environment?.reviewers.length ?? 0;
  const reviewers = !environment
    ? l10n.t('no environment yet')
    : count === 0
      ? l10n.t('no required reviewers')
      : count === 1
        ? l10n.t('1 required reviewer')
        : l10n.t('{0} required reviewers', count);
  const branch = isGuarded(rules)
    ? l10n.t('{0} protected', rules.branch.name)
    : l10n.t('{0} not protected', rules.branch.name);
  return `${reviewers} · ${branch}`;
}

function isGuarded(rules: LiveRules): boolean {
  return (rules.branch.protection?.length ?? 0) > 0 || rules.branch.rulesets.length > 0;
}

function environmentRows(environment: EnvironmentRules | null, id: string, s: RepositorySnapshot): TreeNodeData[] {
  if (!environment) {
    return [
      {
        id: `${id}/environment`,
        label: l10n.t('Environment not created yet'),
        description: l10n.t('its first deployment creates it unprotected'),
        tooltip: l10n.t(
          'GitHub creates an environment without any protection on its first deployment. EnvFlow: Set Up Repository creates it with the rules you choose.',
        ),
        icon: { id: 'warning', color: Colors.warning },
      },
    ];
  }
  const rows: TreeNodeData[] = [
    {
      id: `${id}/reviewers`,
      label: environment.reviewers.length
        ? l10n.t('Required reviewers: {0}', environment.reviewers.join(', '))
        : l10n.t('No required reviewers'),
      description:
        environment.reviewers.length && environment.preventSelfReview ? l10n.t('self-review prevented') : undefined,
      icon: { id: 'person' },
      url: s.github ? `${s.github.webUrl}/settings/environments` : undefined,
    },
  ];
  if (environment.waitTimerMinutes > 0) {
    rows.push({
      id: `${id}/waitTimer`,
      label:
        environment.waitTimerMinutes === 1
          ? l10n.t('Wait timer: 1 minute')
          : l10n.t('Wait timer: {0} minutes', environment.waitTimerMinutes),
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
      return l10n.t('Deploys from any branch or tag');
    case 'protected':
      return l10n.t('Deploys from protected branches only');
    case 'custom':
      return environment.allowedRefs?.length
        ? l10n.t('Deploys only from {0}', environment.allowedRefs.join(', '))
        : l10n.t('Deploys from no branch yet');
  }
}

function branchRow(rules: LiveRules, id: string, s: RepositorySnapshot): TreeNodeData {
  const { name, protection } = rules.branch;
  const unprotected = protection !== undefined && protection.length === 0 && rules.branch.rulesets.length === 0;
  return {
    id: `${id}/branch`,
    label: l10n.t('Branch {0}', name),
    description:
      protection === undefined
        ? l10n.t('only an admin can read its protection')
        : protection.length
          ? protection.join(', ')
          : rules.branch.rulesets.length
            ? l10n.t('no classic protection')
            : l10n.t('not protected'),
    icon: unprotected ? { id: 'unlock', color: Colors.warning } : { id: 'lock' },
    url: s.github ? `${s.github.webUrl}/settings/branches` : undefined,
  };
}
