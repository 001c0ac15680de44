import { Commands } from '../../constants';
import type { UseCaseInput } from '../../core/usecases/services';
import { approveDeployment, rejectDeployment, type ReviewArgs } from '../../core/usecases/reviewDeployment';
import { EnvElement } from '../views/environmentsTree';
import type { CommandSpec } from './registry';

/** A row hands over its waiting deployment; the alert and automation pass `ReviewArgs` themselves. */
function reviewArgs(arg: unknown): ReviewArgs | undefined {
  const subject = arg instanceof EnvElement ? arg.data.subject : undefined;
  return subject?.kind === 'approval' ? { approval: subject.approval } : (arg as ReviewArgs | undefined);
}

/** Approve Deployment and Reject Deployment…: a review of a deployment waiting on required reviewers. */
export const reviewDeploymentCommands: CommandSpec[] = [
  {
    id: Commands.approveDeployment,
    mutates: true,
    progressTitle: 'Approving the deployment',
    needs: { repository: true, github: true },
    refreshes: 'full',
    run: (input: UseCaseInput) => approveDeployment({ ...input, args: reviewArgs(input.args) }),
  },
  {
    id: Commands.rejectDeployment,
    mutates: true,
    needs: { repository: true, github: true },
    refreshes: 'full',
    run: (input: UseCaseInput) => rejectDeployment({ ...input, args: reviewArgs(input.args) }),
  },
];
