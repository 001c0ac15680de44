/**
 * What each workflow transition says to the user: one sentence and its actions.
 * Pure (no vscode import) so the wording is unit-tested.
 */
import * as l10n from '@vscode/l10n';
import { Commands } from '../constants';
import type { Transition } from '../core/flow/diff';
import { shortSha } from '../core/model/sha';
import type { Presenter } from '../core/usecases/presenter';
import { deploymentStateLabel } from './views/treeNodes';

/** Keys of `envflow.notifications`, one per transition kind. */
export const settingFor: Record<Transition['kind'], string> = {
  productionDeploymentFailed: 'productionFailed',
  // The same news a user asked to hear: production failed (and has recovered by itself).
  automaticRollback: 'productionFailed',
  developChecksFailed: 'developChecksFailed',
  pullRequestChecksFinished: 'pullRequestChecksFinished',
  deploymentFinished: 'deploymentFinished',
  deploymentWaiting: 'deploymentWaiting',
};

export interface Notice {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly actions: readonly {
    readonly title: string;
    readonly command: string;
    readonly arguments?: unknown[];
    readonly url?: string;
  }[];
}

/** What a transition says to the user, in the repository's own branch names: one sentence and the actions that follow from it. */
export function noticeFor(transition: Transition, repositoryName: string, say: Presenter): Notice {
  const where = repositoryName ? ` (${repositoryName})` : '';
  switch (transition.kind) {
    case 'productionDeploymentFailed': {
      const d = transition.deployment;
      const why = d.description ? `: ${d.description}` : '.';
      const what =
        d.state === 'error'
          ? l10n.t('Production deployment of {0} errored', shortSha(d.sha))
          : l10n.t('Production deployment of {0} failed', shortSha(d.sha));
      return {
        severity: 'error',
        message: `${what}${why}${where}`,
        actions: [
          { title: l10n.t('Roll Back…'), command: Commands.rollbackProduction },
          ...(d.logUrl ? [{ title: l10n.t('Open Logs'), command: 'vscode.open', url: d.logUrl }] : []),
          { title: l10n.t('Show'), command: Commands.showProduction },
        ],
      };
    }
    case 'automaticRollback': {
      const { deployment, failedSha, failedDeploymentId } = transition.rollback;
      const failed = failedSha ? failedSha.slice(0, 7) : l10n.t('deployment #{0}', failedDeploymentId);
      return {
        severity: 'warning',
        message: l10n.t(
          'Production was rolled back automatically: the deployment of {0} failed and {1} is live again{2}. Fix the change forward on a branch from {3}.',
          failed,
          deployment.sha.slice(0, 7),
          where,
          say.develop,
        ),
        actions: [
          { title: l10n.t('Start a Fix Branch'), command: Commands.startBranch, arguments: [{ prefix: 'fix' }] },
          ...(deployment.logUrl
            ? [{ title: l10n.t('Open Logs'), command: 'vscode.open', url: deployment.logUrl }]
            : []),
          { title: l10n.t('Show'), command: Commands.showProduction },
        ],
      };
    }
    case 'developChecksFailed':
      return {
        severity: 'warning',
        message: say.developChecksTurnedRed(transition.sha, transition.failing, where),
        actions: [{ title: l10n.t('Show'), command: 'workbench.view.extension.envflow' }],
      };
    case 'pullRequestChecksFinished': {
      const pr = transition.pullRequest;
      return {
        severity: transition.state === 'passing' ? 'info' : 'warning',
        message:
          transition.state === 'passing'
            ? l10n.t('Checks of pull request #{0} passed{1}.', pr.number, where)
            : l10n.t('Checks of pull request #{0} failed{1}.', pr.number, where),
        actions: [{ title: l10n.t('Open on GitHub'), command: 'vscode.open', url: pr.url }],
      };
    }
    case 'deploymentWaiting': {
      const a = transition.approval;
      const open = { title: l10n.t('Open Run'), command: 'vscode.open', url: a.runUrl };
      if (!a.canApprove) {
        return {
          severity: 'info',
          message: l10n.t(
            '{0} is waiting for approval to deploy to {1}{2}: {3}',
            a.runName,
            a.environment,
            where,
            a.whyNot ?? l10n.t('its required reviewers decide.'),
          ),
          actions: [open],
        };
      }
      return {
        severity: 'warning',
        message: l10n.t(
          '{0} is waiting for your approval to deploy {1} to {2}{3}.',
          a.runName,
          shortSha(a.headSha),
          a.environment,
          where,
        ),
        actions: [
          { title: l10n.t('Approve'), command: Commands.approveDeployment, arguments: [{ approval: a }] },
          { title: l10n.t('Reject…'), command: Commands.rejectDeployment, arguments: [{ approval: a }] },
          open,
        ],
      };
    }
    case 'deploymentFinished': {
      const d = transition.deployment;
      return {
        severity: d.state === 'success' ? 'info' : 'warning',
        message: l10n.t(
          'Deployment of {0} to {1} finished: {2}{3}.',
          shortSha(d.sha),
          d.environment,
          deploymentStateLabel(d.state),
          where,
        ),
        actions: d.environmentUrl
          ? [{ title: l10n.t('Open Environment'), command: 'vscode.open', url: d.environmentUrl }]
          : [],
      };
    }
  }
}
