/**
 * Re-run a run's failed jobs, and cancel a running one (a deploy going wrong). Both act
 * on a run the user pointed at (a red check, a running deployment) and ask the monitor
 * to look again soon, so the tree follows the new attempt.
 */
import * as l10n from '@vscode/l10n';
import { done, refused, type Outcome } from './outcome';
import { requireGitHub, freshSnapshot, type UseCaseInput } from './services';
import { chooseSource, failingSources, runsOf } from './showFailedLog';

export async function rerunFailedJobs({ port, repo, say, args }: UseCaseInput): Promise<Outcome<number>> {
  const client = await requireGitHub(repo);
  const named = runsOf(args);
  const sources = named.length ? named : failingSources(await freshSnapshot(repo, say), client.webUrl, say);
  const source = await chooseSource(sources, port, say, l10n.t('Re-run the failed jobs of which run?'));
  if ('sentence' in source) {
    port.notify({ severity: 'info', message: source.sentence });
    return refused(source.sentence);
  }
  // GitHub refuses a re-run while the run goes on, with a 403 that would read as missing rights.
  const jobs = await client.listRunJobs(source.link.runId);
  if (jobs.some((job) => job.status !== 'completed')) {
    const sentence = l10n.t(
      'Run {0} ({1}) is still running: wait for it to finish, or cancel it.',
      source.link.runId,
      source.label,
    );
    port.notify({ severity: 'info', message: sentence });
    return refused(sentence);
  }
  port.progress(l10n.t('Re-running the failed jobs of run {0}', source.link.runId));
  await client.rerunFailedJobs(source.link.runId);
  repo.recheckChecks();
  repo.pollSoon('re-ran failed jobs');
  const sentence = l10n.t(
    'Re-running the failed jobs of run {0} ({1}); the tree follows the new attempt.',
    source.link.runId,
    source.label,
  );
  port.notify({ severity: 'info', message: sentence });
  return done(source.link.runId, sentence);
}

/** Args: the running run (a deployment row's). Cancelling stops a rollout half-way, so it asks first. */
export async function cancelRun({ port, repo, args }: UseCaseInput): Promise<Outcome<number>> {
  const [run] = runsOf({ runs: [(args as { run?: unknown } | undefined)?.run] });
  if (!run) {
    const sentence = l10n.t('Choose the running deployment to cancel in the Environments view.');
    port.notify({ severity: 'info', message: sentence });
    return refused(sentence);
  }
  const client = await requireGitHub(repo);
  const confirmed = await port.confirm(
    {
      message: l10n.t('Cancel workflow run {0} ({1})?', run.link.runId, run.label),
      detail: l10n.t('A rollout stops at the stage it reached; nothing is rolled back by cancelling.'),
      severity: 'warning',
    },
    [{ label: l10n.t('Cancel Run'), value: true }],
  );
  if (!confirmed) {
    return { kind: 'cancelled' };
  }
  await client.cancelRun(run.link.runId);
  repo.pollSoon('cancelled a run');
  const sentence = l10n.t('Cancelled workflow run {0} ({1}).', run.link.runId, run.label);
  port.notify({ severity: 'info', message: sentence });
  return done(run.link.runId, sentence);
}
