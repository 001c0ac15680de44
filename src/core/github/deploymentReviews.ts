/**
 * Deployments waiting on an environment's required reviewers, and reviewing them:
 * `GET /actions/runs?status=waiting`, `GET|POST /actions/runs/{run_id}/pending_deployments`.
 */
import type { ClientRequests } from './clientRequests';
import { refusalOf } from './clientRequests';
import { toGitHubError } from './errors';
import { asArray, asObject, optionalObject, optionalString, requiredNumber, requiredString } from './json';
import * as normalize from './normalize';
import type { Fetched, WorkflowRunInfo } from './types';

export interface EnvironmentReviewer {
  readonly type: 'User' | 'Team';
  /** A user's login or a team's slug. */
  readonly name: string;
}

/** One environment a waiting run needs a review for. */
export interface PendingDeployment {
  readonly environmentId: number;
  readonly environment: string;
  /** Minutes the environment holds the job after approval. */
  readonly waitTimerMinutes: number;
  /** When the wait began (ISO 8601). */
  readonly waitingSince: string | undefined;
  readonly currentUserCanApprove: boolean;
  readonly reviewers: readonly EnvironmentReviewer[];
}

export type ReviewDecision = 'approved' | 'rejected';

/** What GitHub made of a review: done, or refused with its own reason. */
export type ReviewOutcome =
  | { readonly reviewed: true; readonly deploymentIds: readonly number[] }
  | { readonly reviewed: false; readonly status: number; readonly reason: string };

const WAITING_RUNS_PER_PAGE = 20;

export class DeploymentReviews {
  constructor(private readonly requests: ClientRequests) {}

  /** Workflow runs waiting for a review, newest first (one conditional request). */
  listWaitingRuns(): Promise<Fetched<WorkflowRunInfo[]>> {
    const { requests } = this;
    return requests.call('list runs waiting for approval', () =>
      requests.getOne(
        'GET /repos/{owner}/{repo}/actions/runs',
        { status: 'waiting', per_page: WAITING_RUNS_PER_PAGE },
        normalize.toWorkflowRuns,
      ),
    );
  }

  /** The environments a run waits on, with who may approve (one conditional request). */
  listPendingDeployments(runId: number): Promise<Fetched<PendingDeployment[]>> {
    const { requests } = this;
    return requests.call('read the deployments waiting for approval', () =>
      requests.getOne(`GET /repos/{owner}/{repo}/actions/runs/${runId}/pending_deployments`, {}, toPendingDeployments),
    );
  }

  /**
   * Approves or rejects a run's waiting deployments. A 403/422 is GitHub saying this user
   * may not review (not a reviewer, self-review prevented): its reason comes back as data.
   */
  review(
    runId: number,
    environmentIds: readonly number[],
    decision: ReviewDecision,
    comment: string,
  ): Promise<ReviewOutcome> {
    const { requests } = this;
    return requests.call(decision === 'approved' ? 'approve a deployment' : 'reject a deployment', async () => {
      try {
        const response = await requests.write(`POST /repos/{owner}/{repo}/actions/runs/${runId}/pending_deployments`, {
          environment_ids: [...environmentIds],
          state: decision,
          comment,
        });
        return {
          reviewed: true,
          deploymentIds: normalize.toRawDeployments(response.data).map((deployment) => deployment.id),
        };
      } catch (error) {
        const refusal = refusalOf(error);
        const mapped = toGitHubError(error, requests.host);
        if (refusal && (refusal.status === 422 || (refusal.status === 403 && mapped.kind !== 'rateLimited'))) {
          return { reviewed: false, status: refusal.status, reason: refusal.message ?? 'GitHub refused the review.' };
        }
        throw error;
      }
    });
  }
}

export function toPendingDeployments(raw: unknown): PendingDeployment[] {
  return asArray(raw, 'pending deployments').map((entry) => {
    const pending = asObject(entry, 'pending deployment');
    const environment = asObject(pending.environment, 'pending deployment environment');
    return {
      environmentId: requiredNumber(environment, 'id', 'pending deployment environment'),
      environment: requiredString(environment, 'name', 'pending deployment environment'),
      waitTimerMinutes: typeof pending.wait_timer === 'number' ? pending.wait_timer : 0,
      waitingSince: optionalString(pending, 'wait_timer_started_at'),
      currentUserCanApprove: pending.current_user_can_approve === true,
      reviewers: asArray(pending.reviewers ?? [], 'pending deployment reviewers').flatMap(toReviewer),
    };
  });
}

function toReviewer(entry: unknown): EnvironmentReviewer[] {
  const row = asObject(entry, 'reviewer');
  const reviewer = optionalObject(row, 'reviewer');
  if (row.type === 'Team') {
    const slug = optionalString(reviewer, 'slug') ?? optionalString(reviewer, 'name');
    return slug ? [{ type: 'Team', name: slug }] : [];
  }
  const login = optionalString(reviewer, 'login');
  return login ? [{ type: 'User', name: login }] : [];
}
