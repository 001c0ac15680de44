/**
 * The refresh's read of deployments waiting for approval. A deployment can only wait
 * while its run is under way, which shows as a pending check or a deployment not yet
 * final; so the list is asked for then, while something waits (to see it end), and
 * otherwise now and then. Its answer is conditional: while nothing changed it costs one
 * request and no rate limit, and the per-run reads are skipped.
 */
import type { DeploymentReviews, PendingDeployment } from '../github/deploymentReviews';
import type { Fetched } from '../github/types';
import type { WaitingApproval } from '../model/snapshot';
import { MAX_WAITING_RUNS, toWaitingApproval } from './approvals';
import { settle, type ReadFailures } from './readFailures';

export interface ApprovalsPort {
  readonly deploymentReviews: Pick<DeploymentReviews, 'listWaitingRuns' | 'listPendingDeployments'>;
  getAuthenticatedUser(): Promise<{ login: string }>;
}

type Get = <T>(request: () => Promise<Fetched<T>>) => Promise<Fetched<T>>;

interface Memo {
  readonly value: readonly WaitingApproval[];
  readonly tick: number;
  /** The last answer failed: ask again next refresh. */
  readonly retry: boolean;
  readonly pendingByRun: ReadonlyMap<number, readonly PendingDeployment[]>;
}

export class ApprovalReads {
  private memo?: Memo;
  /** The signed-in login (null once it could not be read): tells "self-review prevented" from "not a reviewer". */
  private viewer?: string | null;

  constructor(private readonly port: ApprovalsPort) {}

  /**
   * `busy`: a check is pending or a deployment not final, so a run may be waiting now;
   * `recheck(lastTick)`: whether a quiet answer of that refresh is read again now.
   */
  async read(
    tick: number,
    get: Get,
    failures: ReadFailures,
    busy: boolean,
    recheck: (lastTick: number) => boolean,
  ): Promise<readonly WaitingApproval[]> {
    const memo = this.memo;
    const due = !memo || memo.retry || memo.value.length > 0 || busy || recheck(memo.tick);
    if (!due) {
      return memo.value;
    }
    const reviews = this.port.deploymentReviews;
    const runs = await settle(get(() => reviews.listWaitingRuns()));
    if (!runs.ok) {
      failures.add('approvals', runs.error);
      this.memo = memo && { ...memo, retry: true };
      return memo?.value ?? [];
    }
    if (runs.value.notModified && memo && !memo.retry) {
      this.memo = { ...memo, tick };
      return memo.value;
    }
    const waiting = runs.value.data
      .filter((run) => run.status === undefined || run.status === 'waiting')
      .slice(0, MAX_WAITING_RUNS);
    let failed = false;
    const pendingByRun = new Map<number, readonly PendingDeployment[]>();
    const perRun = await Promise.all(
      waiting.map(async (run) => {
        const pending = await settle(get(() => reviews.listPendingDeployments(run.id)));
        if (pending.ok) {
          pendingByRun.set(run.id, pending.value.data);
          return { run, pending: pending.value.data };
        }
        failed = true;
        failures.add('approvals', pending.error, run.id);
        const last = memo?.pendingByRun.get(run.id) ?? [];
        pendingByRun.set(run.id, last);
        return { run, pending: last };
      }),
    );
    const viewer = await this.viewerIfNeeded(perRun.flatMap((entry) => entry.pending));
    const value = perRun
      .flatMap(({ run, pending }) => pending.map((deployment) => toWaitingApproval(run, deployment, viewer)))
      .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
    this.memo = { value, tick, retry: failed, pendingByRun };
    return value;
  }

  /** Read once, and only when someone may not approve: the sentence then says why. */
  private async viewerIfNeeded(pending: readonly PendingDeployment[]): Promise<string | undefined> {
    if (this.viewer === undefined && pending.some((deployment) => !deployment.currentUserCanApprove)) {
      const user = await settle(this.port.getAuthenticatedUser());
      this.viewer = user.ok ? user.value.login : null;
    }
    return this.viewer ?? undefined;
  }
}
