/**
 * Production rollback (`envflow.rollbackProduction`) without the UI:
 * list the targets, then either redeploy one (a new deployment of an old commit) or
 * open a pull request that reverts production back to it. Never a force-push, never
 * a reset: production's branch only changes when a person merges that pull request.
 */
import * as l10n from '@vscode/l10n';
import { combineDeploymentState } from '../flow/checks';
import type { FlowConfig } from '../model/flowConfig';
import type { DeploymentInfo, PullRequestInfo } from '../model/snapshot';
import { GitError } from '../git/errors';
import { assertDetachedHeadKept } from '../git/keepDetachedHead';
import type { GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import type { RawDeployment, WorkflowRunInfo } from '../github/types';
import { findEarlierDispatch } from './earlierDispatch';
import type { ChainCommit, HistoryReader } from './historyReader';
import { findOrCreatePullRequest } from './pullRequests';
import { rootCause, Steps } from '../util/steps';
import {
  listRollbackTargets,
  revertPullRequestBody,
  revertPullRequestTitle,
  rollbackBranchName,
  type RollbackCandidate,
} from './rollbackPlan';
import { shortSha } from '../model/sha';

/** More commits than this to revert is a job for a redeploy, not a pull request of reverts. */
export const MAX_REVERTED_COMMITS = 200;

type BranchConfig = Pick<FlowConfig, 'developBranch' | 'productionBranch'>;

export interface RollbackPlan {
  /** What production runs now: the latest deployment's commit, else origin's production head. */
  readonly current?: string;
  /** Newest deployments first, then backups; never `current`. */
  readonly targets: readonly RollbackCandidate[];
}

/**
 * Fetches origin (with the backup tags on its history) and lists where production
 * can go back to. `history` is the snapshot's production deployments, newest first.
 */
export async function planRollback(input: {
  readonly git: GitRepository;
  readonly config: BranchConfig;
  readonly history: readonly DeploymentInfo[];
  /** The commit production runs, when a deployment says so. */
  readonly currentSha?: string;
  /** Reads the state of deployments the snapshot has not resolved yet (state `none`). */
  readonly client?: GitHubClient;
  readonly now?: Date;
}): Promise<RollbackPlan> {
  const { git, config } = input;
  // The configured refspecs, not a named branch: only they make git follow tags, and
  // backups pushed by teammates are tags on production's history.
  const [history] = await Promise.all([withKnownStates(input.history, input.client), git.fetch('origin')]);
  const state = await git.readState(config.developBranch, config.productionBranch);
  const current = input.currentSha ?? state.production?.sha;
  return { current, targets: listRollbackTargets(history, state.backups, current, input.now ?? new Date()) };
}

/**
 * The snapshot fills in older deployments' states over a few refreshes; a rollback
 * right after activation must not miss a good target because its state is not read yet.
 */
async function withKnownStates(
  history: readonly DeploymentInfo[],
  client: GitHubClient | undefined,
): Promise<readonly DeploymentInfo[]> {
  if (!client || history.every((d) => d.state !== 'none')) {
    return history;
  }
  return Promise.all(
    history.map(async (deployment) => {
      if (deployment.state !== 'none') {
        return deployment;
      }
      const statuses = await client.listDeploymentStatuses(deployment.id, 1);
      return { ...deployment, state: combineDeploymentState(statuses.data) };
    }),
  );
}

/** A rollback deployment of the same commit this recent is an earlier attempt's answer that got lost. */
export const REDEPLOY_REUSE_WINDOW_MS = 10 * 60_000;

/** The production workflow Roll Back starts (docs/delivery.md). */
export const PRODUCTION_WORKFLOW = 'deploy.yml';

export type RedeployTarget = Pick<RollbackCandidate, 'sha'> &
  Partial<Pick<RollbackCandidate, 'source' | 'tag' | 'dataBackup'>>;

export type RedeployResult =
  /** The workflow was started; it creates the deployment record itself. */
  | { readonly dispatched: true; readonly inputs: Readonly<Record<string, string>>; readonly runUrl?: string }
  /** An earlier attempt's run already made this rollback deployment. */
  | { readonly dispatched: false; readonly deployment: RawDeployment }
  /** An earlier attempt's dispatch started this run, which has not recorded its deployment yet. */
  | { readonly dispatched: false; readonly run: WorkflowRunInfo };

/**
 * Starts the production workflow to deploy the target: a `workflow_dispatch` on the
 * production branch with the target (its backup tag when it is one, else its full SHA),
 * the reason and the matching data backup. The workflow vets the target, backs up,
 * rolls out and records the deployment; the monitor follows its statuses. When an earlier
 * attempt whose answer was lost already did this in the last minutes, its work is
 * returned instead of a second run: the newest production deployment when it is a
 * rollback of that commit, else the run titled with the same target and reason.
 */
export async function redeploy(
  client: GitHubClient,
  config: Pick<FlowConfig, 'productionEnvironment' | 'productionBranch'>,
  target: RedeployTarget,
  now: Date = new Date(),
): Promise<RedeployResult> {
  return new Steps(l10n.t('EnvFlow: Roll Back Production')).run(
    l10n.t('starting the production workflow for {0}', shortSha(target.sha)),
    async () => {
      const [newest] = (await client.listDeployments(config.productionEnvironment, 1)).data;
      if (
        newest &&
        newest.sha === target.sha &&
        newest.payload?.kind === 'rollback' &&
        now.getTime() - Date.parse(newest.createdAt) <= REDEPLOY_REUSE_WINDOW_MS
      ) {
        return { dispatched: false, deployment: newest };
      }
      const inputs = dispatchInputs(target);
      const run = await findEarlierDispatch(client, {
        workflowFile: PRODUCTION_WORKFLOW,
        branch: config.productionBranch,
        inputs: { target: inputs.target, reason: inputs.reason },
        now,
        windowMs: REDEPLOY_REUSE_WINDOW_MS,
      });
      if (run) {
        return { dispatched: false, run };
      }
      const { runUrl } = await client.dispatchWorkflow(PRODUCTION_WORKFLOW, config.productionBranch, inputs);
      return { dispatched: true, inputs, ...(runUrl ? { runUrl } : {}) };
    },
  );
}

/** The workflow's inputs: a backup is named by its tag (the workflow accepts those as they are), a deployment by its full SHA. */
/** The production workflow's `workflow_dispatch` inputs (docs/delivery.md). */
export interface DispatchInputs extends Record<string, string> {
  readonly target: string;
  readonly reason: string;
}

export function dispatchInputs(target: RedeployTarget): DispatchInputs {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(target.sha)) {
    throw new Error(`${target.sha} is not a full commit SHA, so the production workflow would refuse it.`);
  }
  const tag = target.source === 'backup' && target.tag && isBackupTag(target.tag) ? target.tag : undefined;
  return {
    target: tag ?? target.sha,
    reason: 'rollback',
    ...(target.dataBackup ? { data_backup: target.dataBackup } : {}),
  };
}

function isBackupTag(tag: string): boolean {
  return /^backup\/production-[0-9A-Za-z.:-]{1,40}$/.test(tag);
}

/** How EnvFlow describes its redeployment of `sha`, so a later run recognises it. */
export function rollbackDescription(sha: string): string {
  return `Rollback to ${shortSha(sha)} by EnvFlow`;
}

export type RevertPreview =
  | { readonly ok: true; readonly head: string; readonly commits: readonly ChainCommit[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The commits a revert to `targetSha` undoes: origin production's first-parent line
 * down to the target, newest first. Only that line: reverting a merge commit against
 * its first parent already undoes the commits it merged. A target off that line (a
 * commit inside a merged branch, or deployed from elsewhere) cannot be reached by
 * reverts exactly; the reason says to redeploy it instead.
 */
export async function previewRevert(input: {
  readonly git: GitRepository;
  readonly history: HistoryReader;
  readonly productionBranch: string;
  readonly targetSha: string;
  /** Default true; the command skips it right after planRollback fetched. */
  readonly fetch?: boolean;
}): Promise<RevertPreview> {
  const { git, productionBranch: production } = input;
  const target = input.targetSha;
  const short = shortSha(target);
  if (input.fetch !== false) {
    await git.fetch('origin', [production]);
  }
  const remoteRef = `origin/${production}`;
  const [head] = await git.log(remoteRef, 1);
  if (!head) {
    return { ok: false, reason: l10n.t('There is no {0} to revert.', remoteRef) };
  }
  if (head.sha === target) {
    return { ok: false, reason: l10n.t('{0} is already at {1}: there is nothing to revert.', production, short) };
  }
  if (!(await git.hasRef(target)) || !(await git.isAncestor(target, remoteRef))) {
    return {
      ok: false,
      reason: l10n.t(
        "{0} is not in {1}'s history (it was deployed from another branch), so reverts cannot return to it: redeploy it instead.",
        short,
        production,
      ),
    };
  }
  const commits = await input.history.firstParentChain(remoteRef, target, MAX_REVERTED_COMMITS + 1);
  if (commits.length > MAX_REVERTED_COMMITS) {
    return {
      ok: false,
      reason: l10n.t(
        'More than {0} changes landed on {1} since {2}: redeploy it instead of reverting them one by one.',
        MAX_REVERTED_COMMITS,
        production,
        short,
      ),
    };
  }
  if (commits.at(-1)?.parents[0] !== target) {
    return {
      ok: false,
      reason: `${short} is inside a branch that was merged into ${production}, not on ${production}'s own line of commits, so reverts cannot restore it exactly: redeploy it instead.`,
    };
  }
  return { ok: true, head: head.sha, commits };
}

export interface RevertResult {
  readonly branch: string;
  readonly pullRequest: PullRequestInfo;
  /** False when an open pull request from that branch already existed. */
  readonly created: boolean;
  /** Newest first, in the order they were reverted. */
  readonly reverted: readonly ChainCommit[];
  /** origin production's head the branch started from (unchanged by this). */
  readonly base: string;
}

/**
 * Creates `rollback/<target>-<time>` from origin's production branch, reverts the
 * first-parent commits since the target newest first (merges against parent 1),
 * checks the result's files equal the target's, pushes the branch and opens a pull
 * request into production. The user's branch is switched back to afterwards.
 */
export async function revertToTarget(input: {
  readonly git: GitRepository;
  readonly history: HistoryReader;
  readonly client: GitHubClient;
  readonly config: BranchConfig;
  readonly target: RollbackCandidate;
  readonly now?: Date;
  readonly onProgress?: (message: string) => void;
}): Promise<RevertResult> {
  const { git, config, target } = input;
  const production = config.productionBranch;
  const progress = input.onProgress ?? (() => undefined);
  const state = await git.readState(config.developBranch, production);
  const { staged, unstaged, untracked, conflicted } = state.changes;
  if (staged + unstaged + untracked + conflicted > 0) {
    throw new Error(
      l10n.t(
        'The working tree has uncommitted changes: commit or stash them first, so the revert branch holds nothing but the reverts.',
      ),
    );
  }
  progress(l10n.t('Fetching {0}…', production));
  const preview = await previewRevert({
    git,
    history: input.history,
    productionBranch: production,
    targetSha: target.sha,
  });
  if (!preview.ok) {
    throw new Error(preview.reason);
  }
  if (state.detached) {
    await assertDetachedHeadKept(git);
  }
  const steps = new Steps(l10n.t('EnvFlow: Roll Back Production'));
  // An earlier attempt for the same target and the same production head may have left
  // its branch (reverted, maybe pushed): finish that one instead of reverting twice.
  const earlier = await earlierRollbackBranch(git, input.history, state.refs, target.sha, preview);
  const branch = earlier?.branch ?? rollbackBranchName(target.sha, input.now ?? new Date());
  const back = state.branch && !state.detached && state.branch !== branch ? state.branch : undefined;
  // The sentence after a half-way failure names the branch once, then says "it".
  let named = false;
  // Whole phrases per case, since a language may place the pronoun differently.
  const mention = (first: string, again: string) => (named ? again : ((named = true), first));
  const reverts = preview.commits.length === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', preview.commits.length);
  try {
    if (earlier) {
      progress(l10n.t('Continuing {0}, left by an earlier attempt…', branch));
      await git.switchBranch(branch);
    } else {
      progress(l10n.t('Creating {0}…', branch));
      // From the fetched commit itself, so a push to production meanwhile cannot slip in.
      await steps.run(
        l10n.t('creating {0}', branch),
        () => git.createAndSwitchBranch(branch, preview.head),
        () => mention(l10n.t('creating {0}', branch), l10n.t('creating it')),
      );
    }
    if (earlier?.reverted !== true) {
      progress(l10n.t('Reverting {0}…', reverts));
      await steps.run(
        l10n.t('reverting {0} on {1}', reverts, branch),
        () => revertAll(git, preview.commits, branch, back),
        () => mention(l10n.t('reverting {0} on {1}', reverts, branch), l10n.t('reverting {0} on it', reverts)),
      );
    }
    const [tree, targetTree] = await Promise.all([input.history.treeOf('HEAD'), input.history.treeOf(target.sha)]);
    if (tree !== targetTree) {
      throw new GitError(
        'Unknown',
        `Reverting did not give ${shortSha(target.sha)}'s files exactly, so ${branch} was not pushed; it stays local for you to inspect.`,
      );
    }
    progress(l10n.t('Pushing {0}…', branch));
    await steps.run(
      l10n.t('pushing {0} to origin', branch),
      () => git.push('origin', branch),
      () => mention(l10n.t('pushing {0} to origin', branch), l10n.t('pushing it to origin')),
    );
  } catch (error) {
    // A conflict is resolved on the rollback branch; any other failure returns the user to theirs.
    if (back && !(rootCause(error) instanceof GitError && (rootCause(error) as GitError).code === 'Conflict')) {
      await git.switchBranch(back).catch(() => undefined);
    }
    throw error;
  }
  if (back) {
    await git.switchBranch(back);
  }
  progress(l10n.t('Opening the pull request…'));
  const { pullRequest, created } = await steps.run(l10n.t('opening the revert pull request'), () =>
    findOrCreatePullRequest(input.client, {
      head: branch,
      base: production,
      title: revertPullRequestTitle(target.sha),
      body: revertPullRequestBody(target, production, preview.commits),
    }),
  );
  return { branch, pullRequest, created, reverted: preview.commits, base: preview.head };
}

/** Reverts newest first, merges against parent 1; a conflict says how to finish or give up. */
async function revertAll(
  git: GitRepository,
  commits: readonly ChainCommit[],
  branch: string,
  back: string | undefined,
): Promise<void> {
  try {
    for (const batch of batchesByKind(commits)) {
      await git.revert(
        batch.map((commit) => commit.sha),
        isMerge(batch[0]!) ? { mainline: 1 } : {},
      );
    }
  } catch (error) {
    if (error instanceof GitError && error.code === 'Conflict') {
      throw new GitError(
        'Conflict',
        back
          ? l10n.t(
              'Reverting stopped on a conflict on {0}; nothing was pushed. Resolve it and run git revert --continue, or give up with git revert --abort and git switch {1}.',
              branch,
              back,
            )
          : l10n.t(
              'Reverting stopped on a conflict on {0}; nothing was pushed. Resolve it and run git revert --continue, or give up with git revert --abort.',
              branch,
            ),
        { stderr: error.stderr, args: error.args },
      );
    }
    throw error;
  }
}

/**
 * A local `rollback/<target>-*` branch an earlier attempt left: either still at the
 * production head it started from (created, not reverted yet), or exactly the reverts
 * on top of it with the target's files. Newest name first; anything else is ignored.
 */
async function earlierRollbackBranch(
  git: GitRepository,
  history: HistoryReader,
  refs: readonly { name: string; sha: string }[],
  targetSha: string,
  preview: { head: string; commits: readonly ChainCommit[] },
): Promise<{ branch: string; reverted: boolean } | undefined> {
  const prefix = `refs/heads/${rollbackBranchName(targetSha, new Date(0)).replace(/-[^-]*$/, '-')}`;
  const candidates = refs.filter((ref) => ref.name.startsWith(prefix)).sort((a, b) => b.name.localeCompare(a.name));
  for (const ref of candidates) {
    const branch = ref.name.slice('refs/heads/'.length);
    if (ref.sha === preview.head) {
      return { branch, reverted: false };
    }
    const added = await git.log(`${preview.head}..${ref.sha}`, preview.commits.length + 1);
    if (
      added.length === preview.commits.length &&
      (await git.isAncestor(preview.head, ref.sha)) &&
      (await history.treeOf(ref.sha)) === (await history.treeOf(targetSha))
    ) {
      return { branch, reverted: true };
    }
  }
  return undefined;
}

/** Consecutive merge and non-merge commits, so `--mainline` goes only to merges (older git refuses it otherwise). */
function batchesByKind(commits: readonly ChainCommit[]): ChainCommit[][] {
  const batches: ChainCommit[][] = [];
  for (const commit of commits) {
    const last = batches.at(-1);
    if (last && isMerge(last[0]!) === isMerge(commit)) {
      last.push(commit);
    } else {
      batches.push([commit]);
    }
  }
  return batches;
}

function isMerge(commit: ChainCommit): boolean {
  return commit.parents.length > 1;
}
