/** Roll Back Production: pick a target, read exactly what will happen, pick redeploy or revert. */
import { Commands } from '../model/ids';
import type { FlowConfig } from '../model/flowConfig';
import { shortSha } from '../model/sha';
import { relativeTime } from '../model/text';
import { describeGateFailures, rollbackGate } from '../flow/gates';
import {
  planRollback,
  previewRevert,
  redeploy,
  revertToTarget,
  rollbackDescription,
  type RevertPreview,
} from '../release/rollback';
import {
  describeRedeploy,
  describeRevert,
  describeSource,
  findCandidate,
  type RollbackCandidate,
  type RollbackMethod,
} from '../release/rollbackPlan';
import { openOnGitHub } from './announce';
import { done, refused, type Outcome } from './outcome';
import type { Choice, InteractionPort } from './port';
import { freshSnapshot, requireGitHub, type UseCaseInput } from './services';

/** Automation arguments (tests, keybindings): they skip the pickers, never the confirmation. */
interface RollbackOptions {
  /** A full or abbreviated SHA of a listed target. */
  readonly target?: string;
  readonly method?: RollbackMethod;
}

/** What the command did, for automation. */
export type RollbackCommandResult =
  /** `deploymentId` only when an earlier attempt's deployment was found; a new run records its own. */
  | { readonly method: 'redeploy'; readonly sha: string; readonly deploymentId?: number; readonly runUrl?: string }
  | {
      readonly method: 'revert';
      readonly sha: string;
      readonly branch: string;
      readonly pullRequest: number;
      readonly url: string;
    };

/** The gate's target codes are about the snapshot's single target; the command lists them all. */
const TARGET_CODES = new Set(['noRollbackTarget', 'targetIsCurrent']);

export async function rollbackProduction({
  port,
  repo,
  say,
  args,
}: UseCaseInput): Promise<Outcome<RollbackCommandResult>> {
  const options = parseOptions(args);
  const { git, config } = repo;
  port.progress('Reading production…');
  const snapshot = await freshSnapshot(repo, say);
  const gate = rollbackGate(snapshot);
  const blocking = gate.ok ? [] : gate.failures.filter((f) => !TARGET_CODES.has(f.code));
  if (blocking.length > 0) {
    const message = 'Production cannot be rolled back from here yet.';
    const fix = blocking.find((f) => f.fix.action === 'signIn')?.fix;
    const picked = await port.confirm(
      { message, detail: describeGateFailures(blocking) },
      fix ? [{ label: fix.label, value: true }] : [],
    );
    if (picked) {
      await port.follow({ kind: 'command', command: Commands.signIn });
    }
    return refused(message);
  }
  const client = await requireGitHub(repo);
  const production = snapshot.production;
  const plan = await planRollback({
    git,
    config,
    client,
    history: production.history,
    currentSha: production.deployment?.sha ?? production.head?.sha,
    now: repo.now(),
  });
  const latest = production.deployment;
  if (
    options.target &&
    options.method !== 'revert' &&
    latest &&
    plan.current === latest.sha &&
    latest.sha.startsWith(options.target) &&
    (latest.kind === 'rollback' || latest.description === rollbackDescription(latest.sha))
  ) {
    // A run whose answer was lost already made this rollback: it is what production runs now.
    return redeployed(port, { method: 'redeploy', sha: latest.sha, deploymentId: latest.id }, false);
  }
  if (plan.targets.length === 0) {
    const sentence = 'There is no earlier successful production deployment or backup to roll back to.';
    port.notify({ severity: 'info', message: sentence });
    return refused(sentence);
  }
  const target =
    options.target !== undefined
      ? requireTarget(plan.targets, options.target)
      : await pickTarget(port, plan.targets, plan.current, repo.now());
  if (!target) {
    return { kind: 'cancelled' };
  }
  const preview = await previewRevert({
    git,
    history: repo.history,
    productionBranch: config.productionBranch,
    targetSha: target.sha,
    fetch: false,
  });
  const method = await confirm(port, target, plan.current, preview, config, gate.warnings, options.method, repo.now());
  // Cancelling is honoured up to here; once the deployment or the branch is being made, it runs to the end.
  if (!method || port.cancelled()) {
    return { kind: 'cancelled' };
  }
  const short = shortSha(target.sha);
  if (method === 'redeploy') {
    port.progress(`Starting the production workflow for ${short}…`);
    const result = await redeploy(client, config, target, repo.now());
    repo.pollSoon('rollback workflow started');
    if (!result.dispatched && 'deployment' in result) {
      return redeployed(port, { method, sha: target.sha, deploymentId: result.deployment.id }, false);
    }
    if (!result.dispatched) {
      return followEarlierRun(port, target.sha, result.run.url);
    }
    const data = result.inputs.data_backup ? ` with data backup ${result.inputs.data_backup}` : '';
    const sentence = `Started the production workflow to roll back to ${short}${data}; EnvFlow follows its deployment.`;
    port.notify({
      severity: 'info',
      message: sentence,
      actions: [
        ...(result.runUrl ? [{ label: 'Open Run', value: { kind: 'openUrl' as const, url: result.runUrl } }] : []),
        { label: 'Show Production', value: { kind: 'command', command: Commands.showProduction } },
      ],
    });
    return done({ method, sha: target.sha }, sentence);
  }
  const result = await revertToTarget({
    git,
    history: repo.history,
    client,
    config,
    target,
    now: repo.now(),
    onProgress: (message) => port.progress(message),
  });
  const pr = result.pullRequest;
  const commits = `${result.reverted.length} ${result.reverted.length === 1 ? 'commit' : 'commits'}`;
  const sentence = `${result.created ? 'Opened' : 'Showing the already open'} pull request #${pr.number} reverting ${commits} on ${config.productionBranch} back to ${short}. Production changes when it is merged.`;
  port.notify({ severity: 'info', message: sentence, actions: [openOnGitHub(pr.url)] });
  return done({ method, sha: target.sha, branch: result.branch, pullRequest: pr.number, url: pr.url }, sentence);
}

function redeployed(
  port: InteractionPort,
  result: RollbackCommandResult & { method: 'redeploy' },
  created: boolean,
): Outcome<RollbackCommandResult> {
  const short = shortSha(result.sha);
  const sentence = created
    ? `Created production deployment #${result.deploymentId ?? '?'} of ${short}; EnvFlow follows its status.`
    : `Production deployment #${result.deploymentId ?? '?'} of ${short}, created by an earlier attempt, is the rollback; EnvFlow follows its status.`;
  port.notify({
    severity: 'info',
    message: sentence,
    actions: [{ label: 'Show Production', value: { kind: 'command', command: Commands.showProduction } }],
  });
  return done(result, sentence);
}

/** A retry after a lost answer: the run the first attempt started is the rollback. */
function followEarlierRun(port: InteractionPort, sha: string, runUrl: string): Outcome<RollbackCommandResult> {
  const sentence = `The production workflow an earlier attempt started for ${shortSha(sha)} is the rollback; EnvFlow follows its deployment.`;
  port.notify({
    severity: 'info',
    message: sentence,
    actions: [
      { label: 'Open Run', value: { kind: 'openUrl', url: runUrl } },
      { label: 'Show Production', value: { kind: 'command', command: Commands.showProduction } },
    ],
  });
  return done({ method: 'redeploy', sha, runUrl }, sentence);
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
    throw new Error(
      `${sha} is not one of the earlier successful production deployments or backups EnvFlow can roll back to.`,
    );
  }
  return found;
}

function pickTarget(
  port: InteractionPort,
  targets: readonly RollbackCandidate[],
  current: string | undefined,
  now: Date,
): Promise<RollbackCandidate | undefined> {
  const items = targets.map((target) => ({
    label: `${target.source === 'deployment' ? '$(rocket)' : '$(tag)'} ${shortSha(target.sha)}`,
    description: `${target.source === 'deployment' ? `deployment #${target.deploymentId ?? '?'}` : (target.tag ?? 'backup')} · ${relativeTime(target.createdAt, now.getTime())}`,
    detail:
      [target.description, target.source === 'deployment' ? target.tag : undefined].filter(Boolean).join(' · ') ||
      undefined,
    value: target,
  }));
  return port.pick(
    {
      title: 'Roll back production',
      placeHolder: current ? `Production runs ${shortSha(current)}; roll back to…` : 'Roll back to…',
      matchOnDescription: true,
    },
    items,
  );
}

/**
 * The confirmation: what production runs, where it goes, what each method does; one
 * button per method (only the requested one with automation). Always modal.
 */
async function confirm(
  port: InteractionPort,
  target: RollbackCandidate,
  current: string | undefined,
  preview: RevertPreview,
  config: FlowConfig,
  warnings: readonly string[],
  preset: RollbackMethod | undefined,
  now: Date,
): Promise<RollbackMethod | undefined> {
  const short = shortSha(target.sha);
  if (preset === 'revert' && !preview.ok) {
    throw new Error(preview.reason);
  }
  const detail = [
    `${current ? `Production runs ${shortSha(current)} now. ` : ''}Target: ${short}, the ${describeSource(target)} (${relativeTime(target.createdAt, now.getTime())}).`,
    '',
    ...(preset !== 'revert' ? [describeRedeploy(target, current, config.productionEnvironment), ''] : []),
    ...(preset !== 'redeploy'
      ? [
          preview.ok
            ? describeRevert(target, config.productionBranch, preview.commits)
            : `Revert is not possible: ${preview.reason}`,
          '',
        ]
      : []),
    ...warnings.map((w) => `⚠ ${w}`),
  ]
    .join('\n')
    .trim();
  const buttons: Choice<RollbackMethod>[] = [];
  if (preset !== 'revert') {
    buttons.push({ label: `Redeploy ${short}`, value: 'redeploy' });
  }
  if (preset !== 'redeploy' && preview.ok) {
    buttons.push({ label: 'Open Revert Pull Request', value: 'revert' });
  }
  return port.confirm({ message: `Roll back production to ${short}?`, detail }, buttons);
}
