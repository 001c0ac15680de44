/**
 * What each workflow transition says to the user: one sentence and its actions.
 * Pure (no vscode import) so the wording is unit-tested.
 */
import { Commands } from '../constants';
import type { Transition } from '../core/flow/diff';
import { shortSha } from '../core/model/sha';
import type { Presenter } from '../core/usecases/presenter';

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
      return {
        severity: 'error',
        message: `Production deployment of ${shortSha(d.sha)} ${d.state === 'error' ? 'errored' : 'failed'}${why}${where}`,
        actions: [
          { title: 'Roll Back…', command: Commands.rollbackProduction },
          ...(d.logUrl ? [{ title: 'Open Logs', command: 'vscode.open', url: d.logUrl }] : []),
          { title: 'Show', command: Commands.showProduction },
        ],
      };
    }
    case 'automaticRollback': {
      const { deployment, failedSha, failedDeploymentId } = transition.rollback;
      const failed = failedSha ? failedSha.slice(0, 7) : `deployment #${failedDeploymentId}`;
      return {
        severity: 'warning',
        message: `Production was rolled back automatically: the deployment of ${failed} failed and ${deployment.sha.slice(0, 7)} is live again${where}. Fix the change forward on a branch from develop.`,
        actions: [
          { title: 'Start a Fix Branch', command: Commands.startBranch, arguments: [{ prefix: 'fix' }] },
          ...(deployment.logUrl ? [{ title: 'Open Logs', command: 'vscode.open', url: deployment.logUrl }] : []),
          { title: 'Show', command: Commands.showProduction },
        ],
      };
    }
    case 'developChecksFailed':
      return {
        severity: 'warning',
        message: say.developChecksTurnedRed(transition.sha, transition.failing, where),
        actions: [{ title: 'Show', command: 'workbench.view.extension.envflow' }],
      };
    case 'pullRequestChecksFinished': {
      const pr = transition.pullRequest;
      return {
        severity: transition.state === 'passing' ? 'info' : 'warning',
        message: `Checks of pull request #${pr.number} ${transition.state === 'passing' ? 'passed' : 'failed'}${where}.`,
        actions: [{ title: 'Open on GitHub', command: 'vscode.open', url: pr.url }],
      };
    }
    case 'deploymentWaiting': {
      const a = transition.approval;
      const open = { title: 'Open Run', command: 'vscode.open', url: a.runUrl };
      if (!a.canApprove) {
        return {
          severity: 'info',
          message: `${a.runName} is waiting for approval to deploy to ${a.environment}${where}: ${a.whyNot ?? 'its required reviewers decide.'}`,
          actions: [open],
        };
      }
      return {
        severity: 'warning',
        message: `${a.runName} is waiting for your approval to deploy ${shortSha(a.headSha)} to ${a.environment}${where}.`,
        actions: [
          { title: 'Approve', command: Commands.approveDeployment, arguments: [{ approval: a }] },
          { title: 'Reject…', command: Commands.rejectDeployment, arguments: [{ approval: a }] },
          open,
        ],
      };
    }
    case 'deploymentFinished': {
      const d = transition.deployment;
      return {
        severity: d.state === 'success' ? 'info' : 'warning',
        message: `Deployment of ${shortSha(d.sha)} to ${d.environment} finished: ${d.state}${where}.`,
        actions: d.environmentUrl ? [{ title: 'Open Environment', command: 'vscode.open', url: d.environmentUrl }] : [],
      };
    }
  }
}
