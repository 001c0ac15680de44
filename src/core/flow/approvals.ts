/**
 * Deployments waiting on an environment's required reviewers: who may approve, since
 * when, whether the signed-in user can, and the review itself with GitHub's reason when
 * it refuses. Costs one conditional request, plus one per waiting run.
 */
import type {
  DeploymentReviews,
  EnvironmentReviewer,
  PendingDeployment,
  ReviewDecision,
} from '../github/deploymentReviews';
import type { Fetched, WorkflowRunInfo } from '../github/types';
import type { WaitingApproval } from '../model/snapshot';

export type ReviewsReader = Pick<DeploymentReviews, 'listWaitingRuns' | 'listPendingDeployments' | 'review'>;

export type { WaitingApproval } from '../model/snapshot';

/** At most this many waiting runs are looked into per read: each costs a request. */
export const MAX_WAITING_RUNS = 5;

/**
 * Every deployment waiting for a review, oldest wait first. `viewer` (the signed-in login)
 * lets the sentence tell "not a reviewer" from "self-review prevented"; GitHub's list says
 * only whether the user can approve.
 */
export async function readWaitingApprovals(
  reviews: ReviewsReader,
  viewer?: string,
): Promise<Fetched<WaitingApproval[]>> {
  const runs = await reviews.listWaitingRuns();
  let notModified = runs.notModified;
  const approvals: WaitingApproval[] = [];
  for (const run of runs.data
    .filter((candidate) => candidate.status === undefined || candidate.status === 'waiting')
    .slice(0, MAX_WAITING_RUNS)) {
    const pending = await reviews.listPendingDeployments(run.id);
    notModified &&= pending.notModified;
    approvals.push(...pending.data.map((deployment) => toWaitingApproval(run, deployment, viewer)));
  }
  approvals.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
  return { data: approvals, notModified };
}

/** The waiting deployments of one environment (by name, as the tree groups them). */
export function approvalsOf(approvals: readonly WaitingApproval[], environment: string): WaitingApproval[] {
  return approvals.filter((approval) => approval.environment === environment);
}

export type ReviewResult =
  { readonly done: true; readonly message: string } | { readonly done: false; readonly message: string };

/**
 * Approves or rejects one waiting deployment. A rejection needs a comment: it is what the
 * run's author reads. A refusal by GitHub comes back as one sentence with its reason.
 */
export async function reviewWaitingDeployment(
  reviews: ReviewsReader,
  approval: WaitingApproval,
  decision: ReviewDecision,
  comment: string,
): Promise<ReviewResult> {
  const text = comment.trim();
  if (decision === 'rejected' && text === '') {
    return {
      done: false,
      message: `Say why you reject the deployment to ${approval.environment}: the comment is shown on the run.`,
    };
  }
  const outcome = await reviews.review(approval.runId, [approval.environmentId], decision, text);
  if (!outcome.reviewed) {
    return {
      done: false,
      message: `GitHub did not let you review the deployment to ${approval.environment}: ${withoutFinalStop(outcome.reason)}.`,
    };
  }
  const verb = decision === 'approved' ? 'Approved' : 'Rejected';
  return { done: true, message: `${verb} the deployment of ${approval.runName} to ${approval.environment}.` };
}

export function toWaitingApproval(
  run: WorkflowRunInfo,
  deployment: PendingDeployment,
  viewer: string | undefined,
): WaitingApproval {
  const approval: WaitingApproval = {
    runId: run.id,
    runName: run.name ?? `run ${run.id}`,
    runUrl: run.url,
    headSha: run.headSha,
    headBranch: run.headBranch,
    environmentId: deployment.environmentId,
    environment: deployment.environment,
    reviewers: deployment.reviewers.map(reviewerLabel),
    waitingSince: deployment.waitingSince ?? run.createdAt,
    waitTimerMinutes: deployment.waitTimerMinutes,
    canApprove: deployment.currentUserCanApprove,
  };
  return deployment.currentUserCanApprove ? approval : { ...approval, whyNot: whyNotSentence(deployment, viewer) };
}

function whyNotSentence(deployment: PendingDeployment, viewer: string | undefined): string {
  const named =
    viewer !== undefined &&
    deployment.reviewers.some(
      (reviewer) => reviewer.type === 'User' && reviewer.name.toLowerCase() === viewer.toLowerCase(),
    );
  if (named) {
    return `${deployment.environment} prevents self-review: someone other than the person who started the run must approve it.`;
  }
  const who = deployment.reviewers.map(reviewerLabel).join(', ') || 'its required reviewers';
  return `Only ${deployment.environment}'s required reviewers can approve this deployment: ${who}.`;
}

function reviewerLabel(reviewer: EnvironmentReviewer): string {
  return reviewer.type === 'User' ? `@${reviewer.name}` : `${reviewer.name} team`;
}

function withoutFinalStop(text: string): string {
  return text.trim().replace(/\.+$/, '');
}
