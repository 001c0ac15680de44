import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandServices } from './services';
import type { FlowConfig } from '../../core/model/flowConfig';
import { describeGateFailures, rollbackGate } from '../../core/flow/gates';
import { historyReader } from '../../core/release/historyReader';
import { planRollback, previewRevert, redeploy, revertToTarget, type RevertPreview } from '../../core/release/rollback';
import {
  describeRedeploy,
  describeRevert,
  describeSource,
  findCandidate,
  type RollbackCandidate,
  type RollbackMethod,
} from '../../core/release/rollbackPlan';
import { readFlowConfig } from '../config';
import { relativeTime } from '../format';
import { requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';
import { openWebUrl } from '../openWebUrl';

/** Automation arguments (tests, keybindings): they skip the pickers, never the confirmation. */
interface RollbackOptions {
  /** A full or abbreviated SHA of a listed target. */
  readonly target?: string;
  readonly method?: RollbackMethod;
}

/** What the command did, for automation. */
export type RollbackCommandResult =
  /** `deploymentId` only when an earlier attempt's deployment was found; a new run records its own. */
  | { readonly method: 'redeploy'; readonly sha: string; readonly deploymentId?: number }
  | { readonly method: 'revert'; readonly sha: string; readonly branch: string; readonly pullRequest: number; readonly url: string };

/** The gate's target codes are about the snapshot's single target; the command lists them all. */
const TARGET_CODES = new Set(['noRollbackTarget', 'targetIsCurrent']);

/** `envflow.rollbackProduction`: pick a target, read exactly what will happen, pick redeploy or revert. */
export function rollbackProductionCommand(c: CommandServices): CommandSpec {
  return { id: Commands.rollbackProduction, mutates: true, progressTitle: 'Rolling back production', run: (ctx, options) => rollback(c, ctx, options) };
}

async function rollback(c: CommandServices, ctx: CommandContext, raw: unknown): Promise<RollbackCommandResult | undefined> {
  const options = parseOptions(raw);
  const model = requireRepository(c);
  const git = c.gitOf(model);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  ctx.progress.report({ message: 'Reading production…' });
  const snapshot = (await c.repositories.refresh(model, 'full'))?.snapshot ?? model.snapshot;
  if (!snapshot) {
    throw new Error('EnvFlow could not read the repository: see the EnvFlow log (EnvFlow: Show Log).');
  }
  const gate = rollbackGate(snapshot);
  const blocking = gate.ok ? [] : gate.failures.filter((f) => !TARGET_CODES.has(f.code));
  if (blocking.length > 0) {
    const fix = blocking.find((f) => f.fix.action === 'signIn')?.fix;
    const picked = await vscode.window.showWarningMessage('Production cannot be rolled back from here yet.', { modal: true, detail: describeGateFailures(blocking) }, ...(fix ? [fix.label] : []));
    if (picked) {
      await vscode.commands.executeCommand(Commands.signIn);
    }
    return undefined;
  }
  const github = await c.githubFor(model);
  if ('reason' in github) {
    throw new Error(github.reason);
  }
  const production = snapshot.production;
  const plan = await planRollback({
    git,
    config,
    client: github.client,
    history: production.history,
    currentSha: production.deployment?.sha ?? production.head?.sha,
  });
  if (plan.targets.length === 0) {
    void vscode.window.showInformationMessage('There is no earlier successful production deployment or backup to roll back to.');
    return undefined;
  }
  const target = options.target !== undefined ? requireTarget(plan.targets, options.target) : await pickTarget(plan.targets, plan.current);
  if (!target) {
    return undefined;
  }
  const history = historyReader(git.root, c.gitOptions());
  const preview = await previewRevert({ git, history, productionBranch: config.productionBranch, targetSha: target.sha, fetch: false });
  const method = await confirm(target, plan.current, preview, config, gate.warnings, options.method);
  if (!method) {
    return undefined;
  }
  // Cancelling is honoured up to here; once the deployment or the branch is being made, it runs to the end.
  if (ctx.token.isCancellationRequested) {
    throw new vscode.CancellationError();
  }
  const short = target.sha.slice(0, 7);
  if (method === 'redeploy') {
    ctx.progress.report({ message: `Starting the production workflow for ${short}…` });
    const result = await redeploy(github.client, config, target);
    await c.repositories.refresh(model, 'full');
    c.monitor.refreshNow('rollback workflow started');
    const data = result.dispatched && result.inputs.data_backup ? ` with data backup ${result.inputs.data_backup}` : '';
    void vscode.window
      .showInformationMessage(
        result.dispatched
          ? `Started the production workflow to roll back to ${short}${data}; EnvFlow follows its deployment.`
          : `Production deployment #${result.deployment.id} of ${short}, started by an earlier attempt, is the rollback; EnvFlow follows its status.`,
        'Show Production',
      )
      .then((action) => action && vscode.commands.executeCommand(Commands.showProduction));
    return { method, sha: target.sha, ...(result.dispatched ? {} : { deploymentId: result.deployment.id }) };
  }
  const result = await revertToTarget({
    git,
    history,
    client: github.client,
    config,
    target,
    onProgress: (message) => ctx.progress.report({ message }),
  });
  await c.repositories.refresh(model, 'full');
  const pr = result.pullRequest;
  void vscode.window
    .showInformationMessage(
      `${result.created ? 'Opened' : 'Showing the already open'} pull request #${pr.number} reverting ${result.reverted.length} ${result.reverted.length === 1 ? 'commit' : 'commits'} on ${config.productionBranch} back to ${short}. Production changes when it is merged.`,
      'Open on GitHub',
    )
    .then((action) => action && openWebUrl(pr.url));
  return { method, sha: target.sha, branch: result.branch, pullRequest: pr.number, url: pr.url };
}

function parseOptions(raw: unknown): RollbackOptions {
  if (typeof raw !== 'object' || raw === null) {
    return {};
  }
  const { target, method } = raw as { target?: unknown; method?: unknown };
  if (target !== undefined && typeof target !== 'string') {
    throw new Error('The rollback target must be a commit SHA.');
  }
  if (method !== undefined && method !== 'redeploy' && method !== 'revert') {
    throw new Error(`The rollback method must be 'redeploy' or 'revert', not ${JSON.stringify(method)}.`);
  }
  return { target, method };
}

function requireTarget(targets: readonly RollbackCandidate[], sha: string): RollbackCandidate {
  const found = findCandidate(targets, sha);
  if (!found) {
    throw new Error(`${sha} is not one of the earlier successful production deployments or backups EnvFlow can roll back to.`);
  }
  return found;
}

async function pickTarget(targets: readonly RollbackCandidate[], current: string | undefined): Promise<RollbackCandidate | undefined> {
  const now = Date.now();
  const items = targets.map((target) => ({
    label: `${target.source === 'deployment' ? '$(rocket)' : '$(tag)'} ${target.sha.slice(0, 7)}`,
    description: `${target.source === 'deployment' ? `deployment #${target.deploymentId ?? '?'}` : target.tag ?? 'backup'} · ${relativeTime(target.createdAt, now)}`,
    detail: [target.description, target.source === 'deployment' ? target.tag : undefined].filter(Boolean).join(' · ') || undefined,
    target,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Roll back production',
    placeHolder: current ? `Production runs ${current.slice(0, 7)}; roll back to…` : 'Roll back to…',
    matchOnDescription: true,
  });
  return picked?.target;
}

/**
 * The confirmation: what production runs, where it goes, what each method does; one
 * button per method (only the requested one with automation). Always modal.
 */
async function confirm(
  target: RollbackCandidate,
  current: string | undefined,
  preview: RevertPreview,
  config: FlowConfig,
  warnings: readonly string[],
  preset: RollbackMethod | undefined,
): Promise<RollbackMethod | undefined> {
  const short = target.sha.slice(0, 7);
  if (preset === 'revert' && !preview.ok) {
    throw new Error(preview.reason);
  }
  const detail = [
    `${current ? `Production runs ${current.slice(0, 7)} now. ` : ''}Target: ${short}, the ${describeSource(target)} (${relativeTime(target.createdAt, Date.now())}).`,
    '',
    ...(preset !== 'revert' ? [describeRedeploy(target, current, config.productionEnvironment), ''] : []),
    ...(preset !== 'redeploy' ? [preview.ok ? describeRevert(target, config.productionBranch, preview.commits) : `Revert is not possible: ${preview.reason}`, ''] : []),
    ...warnings.map((w) => `⚠ ${w}`),
  ]
    .join('\n')
    .trim();
  const buttons: (vscode.MessageItem & { method: RollbackMethod })[] = [];
  if (preset !== 'revert') {
    buttons.push({ title: `Redeploy ${short}`, method: 'redeploy' });
  }
  if (preset !== 'redeploy' && preview.ok) {
    buttons.push({ title: 'Open Revert Pull Request', method: 'revert' });
  }
  const picked = await vscode.window.showWarningMessage(`Roll back production to ${short}?`, { modal: true, detail }, ...buttons);
  return picked?.method;
}
