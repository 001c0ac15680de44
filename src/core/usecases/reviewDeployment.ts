/**
 * Approve or Reject a deployment waiting on an environment's required reviewers. The
 * deployment comes from its row or the alert; from the palette the user picks one of
 * those waiting now. A rejection asks for a comment (the run's author reads it). Where
 * GitHub does not let this user review, the sentence is GitHub's reason.
 *
 * Idempotent when the review was written but its answer lost: GitHub refuses a second
 * review, so on a refusal the run's waiting deployments are read again, and one no
 * longer waiting means the review (the lost one, or someone else's) already happened.
 */
import { reviewWaitingDeployment } from '../flow/approvals';
import type { GitHubClient } from '../github/client';
import type { ReviewDecision } from '../github/deploymentReviews';
import type { WaitingApproval } from '../model/snapshot';
import { done, refused, type Outcome } from './outcome';
import { freshSnapshot, requireGitHub, type UseCaseInput } from './services';

/** Automation's arguments: the waiting deployment (a row's or the alert's), and the comment to skip the question. */
export interface ReviewArgs {
  readonly approval?: WaitingApproval;
  readonly comment?: string;
}

export function approveDeployment(input: UseCaseInput): Promise<Outcome<WaitingApproval>> {
  return reviewDeployment(input, 'approved');
}

export function rejectDeployment(input: UseCaseInput): Promise<Outcome<WaitingApproval>> {
  return reviewDeployment(input, 'rejected');
}

async function reviewDeployment(
  { port, repo, say, args }: UseCaseInput,
  decision: ReviewDecision,
): Promise<Outcome<WaitingApproval>> {
  const given = args as ReviewArgs | undefined;
  const client = await requireGitHub(repo);
  const verb = decision === 'approved' ? 'approve' : 'reject';
  let approval = given?.approval;
  if (!approval) {
    const snapshot = await freshSnapshot(repo, say);
    const waiting = [...(snapshot.development.approvals ?? []), ...(snapshot.production.approvals ?? [])];
    if (waiting.length === 0) {
      const sentence = 'No deployment is waiting for approval.';
      port.notify({ severity: 'info', message: sentence });
      return refused(sentence);
    }
    approval = await port.pick(
      { title: `${decision === 'approved' ? 'Approve' : 'Reject'} which deployment?` },
      waiting.map((candidate) => ({
        label: `${candidate.environment}: ${candidate.runName}`,
        description: candidate.reviewers.join(', '),
        detail: candidate.canApprove ? undefined : candidate.whyNot,
        value: candidate,
      })),
    );
    if (!approval) {
      return { kind: 'cancelled' };
    }
  }
  if (!approval.canApprove) {
    const sentence = `You cannot ${verb} the deployment to ${approval.environment}: ${approval.whyNot ?? 'GitHub says you may not review it.'}`;
    port.notify({ severity: 'info', message: sentence, actions: [openRun(approval)] });
    return refused(sentence);
  }
  let comment = given?.comment ?? '';
  if (decision === 'rejected' && given?.comment === undefined) {
    const typed = await port.input({
      title: `Reject the deployment to ${approval.environment}`,
      prompt: `Why? ${approval.runName}'s author reads this on the run.`,
      validate: (value) => (value.trim() ? undefined : 'Say why: the comment is shown on the run.'),
    });
    if (typed === undefined) {
      return { kind: 'cancelled' };
    }
    comment = typed;
  }
  port.progress(`${decision === 'approved' ? 'Approving' : 'Rejecting'} the deployment to ${approval.environment}`);
  // A lost answer reaches the user as its error; the next try finds the review done (GitHub refuses a second one).
  const result = await reviewWaitingDeployment(client.deploymentReviews, approval, decision, comment);
  if (!result.done) {
    const askedGitHub = decision === 'approved' || comment.trim() !== '';
    if (askedGitHub && (await reviewedAlready(client, approval))) {
      return alreadyReviewed(approval, port, repo);
    }
    const sentence = askedGitHub
      ? `${result.message.replace(/\.$/, '')}; ask one of its required reviewers, or try again.`
      : result.message;
    port.notify({ severity: 'info', message: sentence, actions: [openRun(approval)] });
    return refused(sentence);
  }
  repo.pollSoon(`${verb}d a deployment`);
  port.notify({ severity: 'info', message: result.message, actions: [openRun(approval)] });
  return done(approval, result.message);
}

/** Whether the run no longer waits on the environment; false when that cannot be read either. */
async function reviewedAlready(client: GitHubClient, approval: WaitingApproval): Promise<boolean> {
  try {
    const pending = await client.deploymentReviews.listPendingDeployments(approval.runId);
    return !pending.data.some((deployment) => deployment.environmentId === approval.environmentId);
  } catch {
    return false;
  }
}

function alreadyReviewed(
  approval: WaitingApproval,
  port: UseCaseInput['port'],
  repo: UseCaseInput['repo'],
): Outcome<WaitingApproval> {
  repo.pollSoon('a deployment was reviewed');
  const sentence = `The deployment of ${approval.runName} to ${approval.environment} is no longer waiting for approval: it has been reviewed.`;
  port.notify({ severity: 'info', message: sentence, actions: [openRun(approval)] });
  return done(approval, sentence);
}

function openRun(approval: WaitingApproval) {
  return { label: 'Open Run', value: { kind: 'openUrl', url: approval.runUrl } } as const;
}
