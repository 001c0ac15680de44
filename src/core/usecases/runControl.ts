/**
 * Re-run a run's failed jobs, and cancel a running one (a deploy going wrong). Both act
 * on a run the user pointed at (a red check, a running deployment) and ask the monitor
 * to look again soon, so the tree follows the new attempt. Both read the run's jobs
 * first, so running them again after a lost answer finds the job done instead of
 * writing twice (GitHub would refuse the second write with a sentence about the wrong thing).
 */
import { jobFailed } from '../actions/failedJob';
import { GitHubError } from '../github/errors';
import { done, refused, type Outcome } from './outcome';
import { recentSnapshot, requireGitHub, type UseCaseInput } from './services';
import { chooseSource, failingSources, runsOf } from './showFailedLog';

export async function rerunFailedJobs({ port, repo, say, args }: UseCaseInput): Promise<Outcome<number>> {
  const client = await requireGitHub(repo);
  const named = runsOf(args);
  const sources = named.length ? named : failingSources(await recentSnapshot(repo, say), client.webUrl, say);
  const source = await chooseSource(sources, port, say, 'Re-run the failed jobs of which run?');
  if ('sentence' in source) {
    port.notify({ severity: 'info', message: source.sentence });
    return refused(source.sentence);
  }
  const runId = source.link.runId;
  const jobs = await client.listRunJobs(runId);
  const running = jobs.some((job) => job.status !== 'completed');
  const attempt = Math.max(1, ...jobs.map((job) => job.runAttempt ?? 1));
  if (running && attempt > 1 && !jobs.some(jobFailed)) {
    // A later attempt with nothing failed yet: the re-run already happened (ours, its answer lost, or a teammate's).
    repo.recheckChecks();
    repo.pollSoon('failed jobs re-running');
    const sentence = `The failed jobs of run ${runId} (${source.label}) are already running again (attempt ${attempt}); the tree follows them.`;
    port.notify({ severity: 'info', message: sentence });
    return done(runId, sentence);
  }
  // GitHub refuses a re-run while the run goes on, with a 403 that would read as missing rights.
  if (running) {
    const sentence = `Run ${runId} (${source.label}) is still running: wait for it to finish, or cancel it.`;
    port.notify({ severity: 'info', message: sentence });
    return refused(sentence);
  }
  if (!jobs.some(jobFailed)) {
    const sentence = `Run ${runId} (${source.label}) has no failed job left to re-run (attempt ${attempt}).`;
    port.notify({ severity: 'info', message: sentence });
    return refused(sentence);
  }
  port.progress(`Re-running the failed jobs of run ${runId}`);
  await client.rerunFailedJobs(runId);
  repo.recheckChecks();
  repo.pollSoon('re-ran failed jobs');
  const sentence = `Re-running the failed jobs of run ${runId} (${source.label}); the tree follows the new attempt.`;
  port.notify({ severity: 'info', message: sentence });
  return done(runId, sentence);
}

/** Args: the running run (a deployment row's subject, or `{ run }`). Cancelling stops a rollout half-way, so it asks first. */
export async function cancelRun({ port, repo, args }: UseCaseInput): Promise<Outcome<number>> {
  const [run] = runsOf(args);
  if (!run) {
    const sentence = 'Choose the running deployment to cancel in the Environments view.';
    port.notify({ severity: 'info', message: sentence });
    return refused(sentence);
  }
  const client = await requireGitHub(repo);
  const runId = run.link.runId;
  /** A run that is over needs no cancel; one already cancelled is the job done (a lost answer, a teammate). */
  const finished = (cancelled: boolean): Outcome<number> => {
    const sentence = cancelled
      ? `Workflow run ${runId} (${run.label}) is already cancelled.`
      : `Workflow run ${runId} (${run.label}) has already finished: there is nothing to cancel.`;
    port.notify({ severity: 'info', message: sentence });
    return cancelled ? done(runId, sentence) : refused(sentence);
  };
  const jobs = await client.listRunJobs(runId);
  if (jobs.length > 0 && jobs.every((job) => job.status === 'completed')) {
    return finished(jobs.some((job) => job.conclusion === 'cancelled'));
  }
  const confirmed = await port.confirm(
    {
      message: `Cancel workflow run ${runId} (${run.label})?`,
      detail: 'A rollout stops at the stage it reached; nothing is rolled back by cancelling.',
      severity: 'warning',
    },
    [{ label: 'Cancel Run', value: true }],
  );
  if (!confirmed) {
    return { kind: 'cancelled' };
  }
  try {
    await client.cancelRun(runId);
  } catch (error) {
    // 409: the run finished while the user read the question.
    if (error instanceof GitHubError && error.status === 409) {
      return finished(false);
    }
    throw error;
  }
  repo.pollSoon('cancelled a run');
  const sentence = `Cancelled workflow run ${runId} (${run.label}).`;
  port.notify({ severity: 'info', message: sentence });
  return done(runId, sentence);
}
