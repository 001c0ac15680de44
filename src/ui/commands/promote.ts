import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandServices } from './services';
import type { FlowConfig } from '../../core/model/flowConfig';
import { describeGateFailures, promoteGate, type GateFailure } from '../../core/flow/gates';
import type { PullRequestInfo, RepositorySnapshot } from '../../core/model/snapshot';
import { openReleasePullRequest } from '../../core/release/promote';
import { readFlowConfig } from '../config';
import { announce, requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';
import { openWebUrl } from '../openWebUrl';

/**
 * `envflow.promote`: gate, confirm, back production up, then show or open the release
 * pull request develop → production. A closed gate has no override: the release pull
 * request is what people merge into production, and opening it while develop's checks
 * or development deployment say otherwise invites merging code nobody verified. The
 * fix is on develop (or opening the pull request on GitHub by hand, deliberately).
 */
export function promoteCommand(c: CommandServices): CommandSpec {
  return { id: Commands.promote, mutates: true, progressTitle: 'Promoting develop', run: (ctx) => promote(c, ctx) };
}

async function promote(c: CommandServices, ctx: CommandContext): Promise<PullRequestInfo | undefined> {
  const model = requireRepository(c);
  const git = c.gitOf(model);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  const { developBranch: develop, productionBranch: production } = config;

  ctx.progress.report({ message: `Fetching ${develop} and ${production}…` });
  await git.fetch('origin', [develop, production]);
  ctx.progress.report({ message: 'Checking the gate…' });
  const snapshot = (await c.repositories.refresh(model, 'full'))?.snapshot ?? model.snapshot;
  if (!snapshot) {
    throw new Error('EnvFlow could not read the repository: see the EnvFlow log (EnvFlow: Show Log).');
  }
  const gate = promoteGate(snapshot, config);
  if (!gate.ok) {
    if (gate.failures.some((f) => f.code === 'nothingToPromote')) {
      void vscode.window.showInformationMessage(`${develop} has nothing that ${production} lacks: already promoted.`);
      return undefined;
    }
    await explainClosedGate(snapshot, config, gate.failures, gate.warnings);
    return undefined;
  }
  if (!(await confirm(snapshot, config, gate.warnings))) {
    return undefined;
  }
  if (ctx.token.isCancellationRequested) {
    throw new vscode.CancellationError();
  }
  const target = await c.githubFor(model);
  if ('reason' in target) {
    throw new Error(target.reason);
  }
  const outcome = await openReleasePullRequest({
    git,
    client: target.client,
    config,
    onProgress: (message) => ctx.progress.report({ message }),
  });
  await c.repositories.refresh(model, 'full');
  if (outcome.kind === 'nothingToPromote') {
    void vscode.window.showInformationMessage(`${develop} has nothing that ${production} lacks: already promoted.`);
    return undefined;
  }
  const pr = outcome.pullRequest;
  const backup = `Production was backed up first as ${outcome.backup.tag}.`;
  announce(
    outcome.kind === 'opened'
      ? `Opened release pull request #${pr.number} (${develop} → ${production}). ${backup}`
      : `Release pull request #${pr.number} (${develop} → ${production}) is already open. ${backup}`,
    pr.url,
  );
  return pr;
}

/** The modal that says exactly what promotion does, with the gate's warnings. */
async function confirm(snapshot: RepositorySnapshot, config: FlowConfig, warnings: readonly string[]): Promise<boolean> {
  const { developBranch: develop, productionBranch: production } = config;
  const head = snapshot.production.head?.sha.slice(0, 7);
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
  const picked = await vscode.window.showInformationMessage(
    `Promote ${develop} to ${production}?`,
    { modal: true, detail: [...steps, ...warned].join('\n') },
    existing ? 'Back Up and Show the Pull Request' : 'Back Up and Open the Pull Request',
  );
  return picked !== undefined;
}

/** The modal that lists why promotion is blocked, with a button per fix (no override, see above). */
async function explainClosedGate(
  snapshot: RepositorySnapshot,
  config: FlowConfig,
  failures: readonly GateFailure[],
  warnings: readonly string[],
): Promise<void> {
  const fixes = new Map<string, GateFailure['fix']['action']>();
  for (const failure of failures) {
    if (failure.fix.action !== 'none' && !fixes.has(failure.fix.label)) {
      fixes.set(failure.fix.label, failure.fix.action);
    }
  }
  const detail = [describeGateFailures(failures), ...(warnings.length ? ['', ...warnings.map((w) => `• ${w}`)] : [])].join('\n');
  const picked = await vscode.window.showWarningMessage(
    failures.length === 1 ? `${config.developBranch} cannot be promoted yet.` : `${config.developBranch} cannot be promoted yet, for ${failures.length} reasons.`,
    { modal: true, detail },
    ...[...fixes].slice(0, 3).map(([title, action]) => ({ title, action })),
  );
  const web = snapshot.github?.webUrl;
  switch (picked?.action) {
    case 'signIn':
      await vscode.commands.executeCommand(Commands.signIn);
      return;
    case 'openChecks':
      if (web && snapshot.development.head) {
        await openWebUrl(`${web}/commit/${snapshot.development.head.sha}`);
      }
      return;
    case 'setupRepository':
      await vscode.commands.executeCommand(Commands.setupRepository);
      return;
    case 'openDeployment':
      if (web) {
        await openWebUrl(`${web}/deployments/${encodeURIComponent(config.developmentEnvironment)}`);
      }
      return;
    default:
      return;
  }
}
