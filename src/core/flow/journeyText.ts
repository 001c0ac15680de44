/**
 * "Where is my change" in words: one row per stage, worded with the repository's own
 * branch and environment names. The UI adds icons and time ("3 h ago").
 */
import * as l10n from '@vscode/l10n';
import type { FlowConfig } from '../model/flowConfig';
import type { CommitJourney, JourneyStep } from './whereIsCommit';

export interface JourneyRow {
  readonly step: JourneyStep;
  readonly label: string;
  /** Where a click leads: the release PR, the deployment's page or log. */
  readonly url?: string;
}

type Names = Pick<
  FlowConfig,
  'developBranch' | 'productionBranch' | 'developmentEnvironment' | 'productionEnvironment'
>;

export function journeyRows(journey: CommitJourney, names: Names): JourneyRow[] {
  return journey.steps.map((step) => ({
    step,
    label: label(step, names),
    url: step.pullRequest?.url ?? step.deployment?.logUrl ?? step.deployment?.environmentUrl,
  }));
}

function label(step: JourneyStep, names: Names): string {
  const {
    developBranch: develop,
    productionBranch: production,
    developmentEnvironment: development,
    productionEnvironment: live,
  } = names;
  const unknown = l10n.t('EnvFlow cannot tell yet: sign in to GitHub and refresh');
  switch (step.stage) {
    case 'develop':
      return step.state === 'reached'
        ? l10n.t('Merged into {0}', develop)
        : step.state === 'unknown'
          ? l10n.t('No {0} branch to look in', develop)
          : l10n.t('Not on {0} yet', develop);
    case 'development':
      return step.state === 'reached'
        ? l10n.t('Deployed to {0}', development)
        : step.state === 'inProgress'
          ? l10n.t('Deploying to {0} now', development)
          : step.state === 'unknown'
            ? `${development}: ${unknown}`
            : l10n.t('Not deployed to {0} yet', development);
    case 'releasePullRequest':
      return step.state === 'reached'
        ? step.pullRequest
          ? l10n.t('In release pull request #{0}', step.pullRequest.number)
          : l10n.t('Promoted from {0} to {1}', develop, production)
        : step.state === 'unknown'
          ? l10n.t('Release pull request: {0}', unknown)
          : l10n.t('Not in an open release pull request');
    case 'productionBranch':
      return step.state === 'reached'
        ? l10n.t('On {0}', production)
        : step.state === 'unknown'
          ? l10n.t('No {0} branch to look in', production)
          : l10n.t('Not on {0} yet', production);
    case 'production':
      if (step.state === 'reached') {
        return l10n.t('Live in {0}', live);
      }
      if (step.state === 'inProgress') {
        return `${l10n.t('Rolling out to {0}', live)}${step.deployment?.description ? ` · ${step.deployment.description}` : ''}`;
      }
      if (step.state === 'rolledBack') {
        return l10n.t('Rolled back from {0}', live);
      }
      return step.state === 'unknown' ? `${live}: ${unknown}` : l10n.t('Not deployed to {0} yet', live);
  }
}
