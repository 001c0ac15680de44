/**
 * The run behind a red check: which job failed, and its log made readable. Reads only
 * when asked (a click), never on a poll: one request for the run's jobs, one for the log.
 */
import type { ActionsLink } from '../github/actionsLink';
import type { GitHubClient } from '../github/client';
import type { WorkflowJobInfo } from '../github/types';
import type { CheckItem, CheckSummary, DeploymentInfo } from '../model/snapshot';
import { readableJobLog, type ReadableJobLog } from './jobLog';
import { parseActionsLink } from '../github/actionsLink';

export type FailedJobPort = Pick<GitHubClient, 'listRunJobs' | 'readJobLog' | 'webUrl'>;

export interface FailedJobLog {
  readonly runId: number;
  readonly job: WorkflowJobInfo;
  readonly log: ReadableJobLog;
  /** The run still has jobs queued or running: Cancel applies, Re-run does not yet. */
  readonly runActive: boolean;
}

const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'cancelled', 'startup_failure']);

/** Where a failing check or deployment's log can be read from, if GitHub Actions ran it. */
export interface FailedRunSource {
  /** What the user clicked or what failed, for the tab's title and sentences. */
  readonly label: string;
  readonly link: ActionsLink;
}

/** The failing checks of a summary that GitHub Actions ran, one source each. */
export function failedCheckSources(checks: CheckSummary | undefined): FailedRunSource[] {
  return (checks?.items ?? [])
    .filter(
      (item): item is CheckItem & { actionsJob: NonNullable<CheckItem['actionsJob']> } =>
        item.state === 'failure' && item.actionsJob !== undefined,
    )
    .map((item) => ({ label: item.name, link: item.actionsJob }));
}

/** A deployment's run, from the log link its statuses carry (only links into this repository count). */
export function deploymentSource(
  deployment: DeploymentInfo | undefined,
  repositoryWebUrl: string,
): FailedRunSource | undefined {
  const link = parseActionsLink(deployment?.logUrl, repositoryWebUrl);
  return deployment && link ? { label: `${deployment.environment} deployment`, link } : undefined;
}

/** A job that ended badly: the ones Re-run Failed Jobs starts again. */
export function jobFailed(job: Pick<WorkflowJobInfo, 'conclusion'>): boolean {
  return FAILED_CONCLUSIONS.has(job.conclusion ?? '');
}

export class NoFailedJobError extends Error {
  override readonly name = 'NoFailedJobError';
}

/** The failed job named by the link (or the run's first failed job) and its log. */
export async function readFailedJobLog(client: FailedJobPort, link: ActionsLink): Promise<FailedJobLog> {
  const jobs = await client.listRunJobs(link.runId);
  const job =
    (link.jobId !== undefined ? jobs.find((candidate) => candidate.id === link.jobId) : undefined) ??
    jobs.find(jobFailed);
  if (!job) {
    throw new NoFailedJobError(
      `No job of workflow run ${link.runId} failed${jobs.some((j) => j.status !== 'completed') ? ' yet: it is still running' : ''}.`,
    );
  }
  const raw = await client.readJobLog(job.id);
  return {
    runId: link.runId,
    job,
    log: readableJobLog(raw),
    runActive: jobs.some((candidate) => candidate.status !== 'completed'),
  };
}
