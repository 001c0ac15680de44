/**
 * Show Failed Log: the failed job behind a red check or a failed deployment, read into
 * an editor tab at its first error lines. Reads only on request: the run's jobs and the
 * one log, never on a poll.
 */
import {
  deploymentSource,
  failedCheckSources,
  readFailedJobLog,
  type FailedJobLog,
  type FailedRunSource,
} from '../actions/failedJob';
import type { DeploymentInfo, RepositorySnapshot } from '../model/snapshot';
import { done, refused, type Outcome } from './outcome';
import type { InteractionPort } from './port';
import type { Presenter } from './presenter';
import { recentSnapshot, requireGitHub, type UseCaseInput } from './services';

/** What the command hands the editor: the log and where it failed. */
export interface FailedLogView extends FailedJobLog {
  readonly source: FailedRunSource;
  readonly title: string;
}

/**
 * The runs a command acts on: a tree row's subject (`{ kind: 'runs', runs }`), automation's
 * `{ runs }` or `{ run }`; none: every current failure, asked when several.
 */
export interface FailedRunArgs {
  readonly runs?: readonly FailedRunSource[];
  readonly run?: FailedRunSource;
}

export async function showFailedLog({ port, repo, say, args }: UseCaseInput): Promise<Outcome<FailedLogView>> {
  const client = await requireGitHub(repo);
  const named = runsOf(args);
  const sources = named.length ? named : failingSources(await recentSnapshot(repo, say), client.webUrl, say);
  const source = await chooseSource(sources, port, say, 'Show the log of which failure?');
  if ('sentence' in source) {
    port.notify({ severity: 'info', message: source.sentence });
    return refused(source.sentence);
  }
  port.progress(`Reading the log of ${source.label}`);
  const log = await readFailedJobLog(client, source.link);
  return done({ ...log, source, title: `${log.job.name} · run ${log.runId}` });
}

/** The runs the arguments name (see FailedRunArgs), checked, since arguments are anyone's. */
export function runsOf(args: unknown): FailedRunSource[] {
  const named = args as FailedRunArgs | undefined;
  const runs: unknown[] = Array.isArray(named?.runs) ? named.runs : named?.run ? [named.run] : [];
  return runs.filter(
    (run): run is FailedRunSource =>
      typeof run === 'object' &&
      run !== null &&
      typeof (run as FailedRunSource).label === 'string' &&
      Number.isSafeInteger((run as FailedRunSource).link?.runId) &&
      ((run as FailedRunSource).link.jobId === undefined || Number.isSafeInteger((run as FailedRunSource).link.jobId)),
  );
}

/** Every failing GitHub Actions check and failed deployment the snapshot shows, HEAD's first, each job once. */
export function failingSources(snapshot: RepositorySnapshot, webUrl: string, say: Presenter): FailedRunSource[] {
  const named = (where: string, sources: FailedRunSource[]) =>
    sources.map((s) => ({ ...s, label: `${s.label} on ${where}` }));
  const failedDeployment = (deployment: DeploymentInfo | undefined) =>
    deployment && (deployment.state === 'failure' || deployment.state === 'error')
      ? deploymentSource(deployment, webUrl)
      : undefined;
  const pr = snapshot.local.pullRequest;
  const sources = [
    ...named('HEAD', failedCheckSources(snapshot.local.checks)),
    ...(pr ? named(`pull request #${pr.number}`, failedCheckSources(pr.checks)) : []),
    ...named(say.develop, failedCheckSources(snapshot.development.checks)),
    ...named(say.production, failedCheckSources(snapshot.production.checks)),
    failedDeployment(snapshot.development.deployment),
    failedDeployment(snapshot.production.deployment),
  ].filter((s): s is FailedRunSource => s !== undefined);
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.link.runId}/${s.link.jobId ?? ''}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** One source as is; several: the user picks; none: the sentence that says so. */
export async function chooseSource(
  sources: readonly FailedRunSource[],
  port: InteractionPort,
  say: Presenter,
  title: string,
): Promise<FailedRunSource | { readonly sentence: string }> {
  const [only] = sources;
  if (!only) {
    return { sentence: `Nothing GitHub Actions ran is failing on HEAD, ${say.develop} or ${say.production}.` };
  }
  if (sources.length === 1) {
    return only;
  }
  const picked = await port.pick(
    { title },
    sources.map((source) => ({ label: source.label, description: `run ${source.link.runId}`, value: source })),
  );
  return picked ?? { sentence: 'Nothing chosen.' };
}
