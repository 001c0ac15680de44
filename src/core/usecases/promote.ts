/**
 * Promote: gate, confirm, back production up, then show or open the release pull
 * request develop → production. A closed gate has no override: the release pull
 * request is what people merge into production, and opening it while develop's checks
 * or development deployment say otherwise invites merging code nobody verified. The
 * fix is on develop (or opening the pull request on GitHub by hand, deliberately).
 */
import { Commands } from '../model/ids';
import type { FlowConfig } from '../model/flowConfig';
import type { PullRequestInfo, RepositorySnapshot } from '../model/snapshot';
import { shortSha } from '../model/sha';
import { describeGateFailures, promoteGate, type GateFailure } from '../flow/gates';
import { openReleasePullRequest } from '../release/promote';
import { announce } from './announce';
import { fixChoices } from './gateFixes';
import { done, refused, type Outcome } from './outcome';
import type { InteractionPort } from './port';
import type { Presenter } from './presenter';
import { freshSnapshot, requireGitHub, type UseCaseInput } from './services';

export async function promote({ port, repo, say }: UseCaseInput): Promise<Outcome<PullRequestInfo>> {
  const { develop, production } = say;
  port.progress(`Fetching ${develop} and ${production}…`);
  await repo.git.fetch('origin', [develop, production]);
  port.progress('Checking the gate…');
  const snapshot = await freshSnapshot(repo, say);
  const gate = promoteGate(snapshot, repo.config);
  if (!gate.ok) {
    if (gate.failures.some((f) => f.code === 'nothingToPromote')) {
      return alreadyPromoted(port, say);
    }
    return explainClosedGate(port, snapshot, repo.config, gate.failures, gate.warnings);
  }
  if (!(await confirm(port, snapshot, say, gate.warnings))) {
    return { kind: 'cancelled' };
  }
  if (port.cancelled()) {
    return { kind: 'cancelled' };
  }
  const outcome = await openReleasePullRequest({
    git: repo.git,
    client: await requireGitHub(repo),
    config: repo.config,
    now: repo.now,
    onProgress: (message) => port.progress(message),
  });
  if (outcome.kind === 'nothingToPromote') {
    return alreadyPromoted(port, say);
  }
  const pr = outcome.pullRequest;
  const backup = `Production was backed up first as ${outcome.backup.tag}.`;
  const sentence =
    outcome.kind === 'opened'
      ? `Opened release pull request #${pr.number} (${develop} → ${production}). ${backup}`
      : `Release pull request #${pr.number} (${develop} → ${production}) is already open. ${backup}`;
  return done(pr, announce(port, sentence, pr.url));
}

function alreadyPromoted(port: InteractionPort, say: Presenter): Outcome<PullRequestInfo> {
  port.notify({ severity: 'info', message: say.alreadyPromoted() });
  return done<PullRequestInfo>(undefined, say.alreadyPromoted());
}

/** The modal that says exactly what promotion does, with the gate's warnings. */
async function confirm(
  port: InteractionPort,
  snapshot: RepositorySnapshot,
  say: Presenter,
  warnings: readonly string[],
): Promise<boolean> {
  const { develop, production } = say;
  const head = shortSha(snapshot.production.head?.sha);
  const count = snapshot.development.awaitingPromotion.count;
  const existing = snapshot.development.releasePullRequest;
  const steps = [
    `1. Back up production: tag ${production}${head ? ` (${head})` : ''} as backup/production-<UTC time> and push the tag.`,
    existing
      ? `2. Show the release pull request #${existing.number}, already open.`
      : `2. Open the release pull request ${develop} → ${production}, carrying ${count} ${count === 1 ? 'commit' : 'commits'}.`,
    '',
    `Production changes only when that pull request is merged.`,
  ];
  const warned = warnings.length ? ['', 'Warnings:', ...warnings.map((w) => `• ${w}`)] : [];
  const picked = await port.confirm(
    { message: `Promote ${develop} to ${production}?`, detail: [...steps, ...warned].join('\n'), severity: 'info' },
    [{ label: existing ? 'Back Up and Show the Pull Request' : 'Back Up and Open the Pull Request', value: true }],
  );
  return picked === true;
}

/** The modal that lists why promotion is blocked, with a button per fix (no override, see above). */
async function explainClosedGate(
  port: InteractionPort,
  snapshot: RepositorySnapshot,
  config: FlowConfig,
  failures: readonly GateFailure[],
  warnings: readonly string[],
): Promise<Outcome<never>> {
  const message =
    failures.length === 1
      ? `${config.developBranch} cannot be promoted yet.`
      : `${config.developBranch} cannot be promoted yet, for ${failures.length} reasons.`;
  const detail = [
    describeGateFailures(failures),
    ...(warnings.length ? ['', ...warnings.map((w) => `• ${w}`)] : []),
  ].join('\n');
  const picked = await port.confirm({ message, detail }, fixChoices(failures));
  const web = snapshot.github?.webUrl;
  switch (picked) {
    case 'signIn':
      await port.follow({ kind: 'command', command: Commands.signIn });
      break;
    case 'openChecks':
      if (web && snapshot.development.head) {
        await port.follow({ kind: 'openUrl', url: `${web}/commit/${snapshot.development.head.sha}` });
      }
      break;
    case 'openDeployment':
      if (web) {
        await port.follow({
          kind: 'openUrl',
          url: `${web}/deployments/${encodeURIComponent(config.developmentEnvironment)}`,
        });
      }
      break;
    default:
      break;
  }
  return refused(message);
}
