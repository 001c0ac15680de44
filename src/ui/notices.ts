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
  developChecksFailed: 'developChecksFailed',
  pullRequestChecksFinished: 'pullRequestChecksFinished',
  deploymentFinished: 'deploymentFinished',
};

export interface Notice {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly actions: readonly { readonly title: string; readonly command: string; readonly arguments?: unknown[]; readonly url?: string }[];
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

