/**
 * "Where is my change" in words: one row per stage, worded with the repository's own
 * branch and environment names. The UI adds icons and time ("3 h ago").
 */
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
  const unknown = 'EnvFlow cannot tell yet: sign in to GitHub and refresh';
  switch (step.stage) {
    case 'develop':
      return step.state === 'reached'
        ? `Merged into ${develop}`
        : step.state === 'unknown'
          ? `No ${develop} branch to look in`
          : `Not on ${develop} yet`;
    case 'development':
      return step.state === 'reached'
        ? `Deployed to ${development}`
        : step.state === 'inProgress'
          ? `Deploying to ${development} now`
          : step.state === 'unknown'
            ? `${development}: ${unknown}`
            : `Not deployed to ${development} yet`;
    case 'releasePullRequest':
      return step.state === 'reached'
        ? step.pullRequest
          ? `In release pull request #${step.pullRequest.number}`
          : `Promoted from ${develop} to ${production}`
        : step.state === 'unknown'
          ? `Release pull request: ${unknown}`
          : `Not in an open release pull request`;
    case 'productionBranch':
      return step.state === 'reached'
        ? `On ${production}`
        : step.state === 'unknown'
          ? `No ${production} branch to look in`
          : `Not on ${production} yet`;
    case 'production':
      if (step.state === 'reached') {
        return `Live in ${live}`;
      }
      if (step.state === 'inProgress') {
        return `Rolling out to ${live}${step.deployment?.description ? ` · ${step.deployment.description}` : ''}`;
      }
      if (step.state === 'rolledBack') {
        return `Rolled back from ${live}`;
      }
      return step.state === 'unknown' ? `${live}: ${unknown}` : `Not deployed to ${live} yet`;
  }
}
