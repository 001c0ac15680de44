/**
 * Promote: gate, confirm, back production up, then show or open the release pull
 * request develop → production. A closed gate has no override: the release pull
 * request is what people merge into production, and opening it while develop's checks
 * or development deployment say otherwise invites merging code nobody verified. The
 * fix is on develop (or opening the pull request on GitHub by hand, deliberately).
 */
import * as l10n from '@vscode/l10n';
import { Commands } from '../model/ids';
import type { FlowConfig } from '../model/flowConfig';
import type { PullRequestInfo, RepositorySnapshot } from '../model/snapshot';
import { shortSha } from '../model/sha';
import { describeGateFailures, promoteGate, type GateFailure } from '../flow/gates';
import { alertOverrideLine } from '../flow/alertGate';
import { openReleasePullRequest } from '../release/promote';
import { readReleaseSecurity } from './promoteSecurity';
import { announce } from './announce';
import { fixChoices } from './gateFixes';
import { done, refused, type Outcome } from './outcome';
import type { InteractionPort } from './port';
import type { Presenter } from './presenter';
import { freshSnapshot, requireGitHub, type UseCaseInput } from './services';

export async function promote({ port, repo, say }: UseCaseInput): Promise<Outcome<PullRequestInfo>> {
  const { develop, production } = say;
  port.progress(l10n.t('Fetching {0} and {1}…', develop, production));
  await repo.git.fetch('origin', [develop, production]);
  port.progress(l10n.t('Checking the gate…'));
  const snapshot = await freshSnapshot(repo, say);
  const gate = promoteGate(snapshot, repo.config);
  if (!gate.ok) {
    if (gate.failures.some((f) => f.code === 'nothingToPromote')) {
      return alreadyPromoted(port, say);
    }
    return explainClosedGate(port, snapshot, repo.config, gate.failures, gate.warnings);
  }
  const client = await requireGitHub(repo);
  port.progress(l10n.t('Reading security alerts…'));
  const security = await readReleaseSecurity(client, snapshot, repo.config);
  const notes: string[] = security.vulnerableSection ? [security.vulnerableSection] : [];
  if (security.verdict.blocked) {
    const override = await port.confirm({ message: security.verdict.sentence, severity: 'warning' }, [
      { label: l10n.t('Promote Anyway'), value: true },
    ]);
    if (override !== true) {
      return refused(security.verdict.sentence);
    }
    const login = await client.getAuthenticatedUser().then(
      (user) => user.login,
      () => undefined,
    );
    notes.unshift(alertOverrideLine(security.verdict, login));
  }
  if (!(await confirm(port, snapshot, say, [...gate.warnings, ...security.unread]))) {
    return { kind: 'cancelled' };
  }
  if (port.cancelled()) {
    return { kind: 'cancelled' };
  }
  const outcome = await openReleasePullRequest({
    git: repo.git,
    client,
    config: repo.config,
    now: repo.now,
    onProgress: (message) => port.progress(message),
    notes,
  });
  if (outcome.kind === 'nothingToPromote') {
    return alreadyPromoted(port, say);
  }
  const pr = outcome.pullRequest;
  const backup = l10n.t('Production was backed up first as {0}.', outcome.backup.tag);
  const sentence =
    outcome.kind === 'opened'
      ? l10n.t('Opened release pull request #{0} ({1} → {2}). {3}', pr.number, develop, production, backup)
      : l10n.t('Release pull request #{0} ({1} → {2}) is already open. {3}', pr.number, develop, production, backup);
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
    l10n.t(
      '1. Back up production: tag {0} as backup/production-<UTC time> and push the tag.',
      `${production}${head ? ` (${head})` : ''}`,
    ),
    existing
      ? l10n.t('2. Show the release pull request #{0}, already open.', existing.number)
      : count === 1
        ? l10n.t('2. Open the release pull request {0} → {1}, carrying 1 commit.', develop, production)
        : l10n.t('2. Open the release pull request {0} → {1}, carrying {2} commits.', develop, production, count),
    '',
    l10n.t('Production changes only when that pull request is merged.'),
  ];
  const warned = warnings.length ? ['', l10n.t('Warnings:'), ...warnings.map((w) => `• ${w}`)] : [];
  const picked = await port.confirm(
    {
      message: l10n.t('Promote {0} to {1}?', develop, production),
      detail: [...steps, ...warned].join('\n'),
      severity: 'info',
    },
    [
      {
        label: existing ? l10n.t('Back Up and Show the Pull Request') : l10n.t('Back Up and Open the Pull Request'),
        value: true,
      },
    ],
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
      ? l10n.t('{0} cannot be promoted yet.', config.developBranch)
      : l10n.t('{0} cannot be promoted yet, for {1} reasons.', config.developBranch, failures.length);
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
    case 'setupRepository':
      await port.follow({ kind: 'command', command: Commands.setupRepository });
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
