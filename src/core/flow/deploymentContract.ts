/**
 * What the deployment workflow tells EnvFlow beyond GitHub's own fields (docs/delivery.md):
 * the payload's kind, backup and replaced deployment, and the stage a running deployment
 * reached, and what production looks like once those are read together.
 */
import { toDeploymentStage } from '../github/normalize';
import type { RawDeployment } from '../github/types';
import type { AutomaticRollback, DeploymentInfo, ProductionPart } from '../model/snapshot';

/** The payload's fields and the running stage, only those with a value (snapshots compare as plain data). */
export function contractFields(
  raw: RawDeployment,
  status: Pick<DeploymentInfo, 'state' | 'description'> | undefined,
): Partial<DeploymentInfo> {
  const stage = status?.state === 'in_progress' ? toDeploymentStage(status.description) : undefined;
  const payload = raw.payload;
  return {
    ...(payload ? { kind: payload.kind } : {}),
    ...(payload?.backup ? { backup: payload.backup } : {}),
    ...(payload?.replaces !== undefined ? { replaces: payload.replaces } : {}),
    ...(stage ? { stage } : {}),
  };
}

/** Who GitHub names as the creator of what a workflow's `GITHUB_TOKEN` (or a job's environment) records. */
const ACTIONS_BOT = 'github-actions[bot]';

/**
 * GitHub records a deployment of its own for every workflow job that names an
 * environment: created by the Actions bot, with an empty payload and the ref that
 * started the run (for a rollback dispatched on main, main's head, not the target).
 * Once an environment holds records with EnvFlow's payload, those job records are left
 * out; deployments anyone or anything else recorded (an older process, a person) stay.
 */
export function withoutJobRecords(deployments: readonly RawDeployment[]): RawDeployment[] {
  if (!deployments.some((d) => d.payload)) {
    return [...deployments];
  }
  return deployments.filter((d) => d.payload || d.creator !== ACTIONS_BOT);
}

/** `inactive` is GitHub retiring a deployment that succeeded once a newer one did. */
export function succeeded(deployment: DeploymentInfo): boolean {
  return deployment.state === 'success' || deployment.state === 'inactive';
}

/** Production as the contract reads it from the history (newest first). */
export function productionContract(
  history: readonly DeploymentInfo[],
): Pick<ProductionPart, 'live' | 'automaticRollback' | 'lastBackup'> {
  const live = history.find(succeeded);
  const recorded = history.find((d) => d.backup !== undefined);
  return {
    ...(live ? { live } : {}),
    ...(automaticRollbackOf(history) ?? {}),
    ...(recorded?.backup
      ? { lastBackup: { ...recorded.backup, deploymentId: recorded.id, createdAt: recorded.createdAt } }
      : {}),
  };
}

function automaticRollbackOf(history: readonly DeploymentInfo[]): { automaticRollback: AutomaticRollback } | undefined {
  const newest = history[0];
  if (newest?.kind !== 'automatic-rollback' || newest.replaces === undefined) {
    return undefined;
  }
  const failed = history.find((d) => d.id === newest.replaces);
  return {
    automaticRollback: {
      deployment: newest,
      failedDeploymentId: newest.replaces,
      ...(failed ? { failedSha: failed.sha } : {}),
    },
  };
}

/**
 * Commits no rollback may return to: every commit whose deployment failed and was rolled
 * back automatically. Its earlier success (if any) does not make it good again.
 */
export function failedCommits(history: readonly DeploymentInfo[]): Set<string> {
  const replaced = new Set(
    history.filter((d) => d.kind === 'automatic-rollback' && d.replaces !== undefined).map((d) => d.replaces),
  );
  return new Set(history.filter((d) => replaced.has(d.id)).map((d) => d.sha));
}
