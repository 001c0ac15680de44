/**
 * The sandbox's Actions runner: a dispatch of the production workflow (EnvFlow's Roll
 * Back or Redeploy) runs the very `deploy.yml` on the dispatched ref through the pipeline
 * runner, one run at a time as the workflow's concurrency asks: vetting, backup tag, the
 * stages and their statuses, all against the sandbox's GitHub server. What someone tries
 * in the sandbox is what their repository's workflow does.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GitHubFixture } from '../../test/support/githubFixture';
import { FIXTURE_OWNER, FIXTURE_REPO } from '../../test/support/githubFixture';
import type { WorkflowDispatchRecord } from '../githubServer/state';
import { runWorkflow } from '../pipeline/runner';

const execFileAsync = promisify(execFile);

/**
 * The sandbox's deploy hook: it deploys nothing and takes a moment a stage, so the tree
 * can show "Rolling out · 50 %" while it runs.
 */
export const SANDBOX_DEPLOY_HOOK = [
  '#!/usr/bin/env bash',
  '# The sandbox stands in for your deploy command: nothing is deployed, each stage takes a moment.',
  'echo "Deploying $3 to $1 at $2 %"',
  'sleep "${SANDBOX_STAGE_SECONDS:-1}"',
  '',
].join('\n');

export interface DispatchRunnerOptions {
  /** The workflow file a dispatch must name to be run. */
  readonly workflow: string;
  /** Seconds each rollout stage's deploy hook takes. */
  readonly stageSeconds: number;
}

export function runDispatchedWorkflows(fx: GitHubFixture, options: DispatchRunnerOptions): void {
  let queue = Promise.resolve();
  fx.server.playDispatches((dispatch) => {
    if (dispatch.workflow !== options.workflow) {
      return;
    }
    queue = queue
      .then(() => play(fx, dispatch, options))
      .catch((error: unknown) => {
        console.error(`sandbox: the ${dispatch.workflow} run failed to start: ${String(error)}`);
      });
  });
}

async function play(fx: GitHubFixture, dispatch: WorkflowDispatchRecord, options: DispatchRunnerOptions) {
  const origin = fx.repo.origin;
  const git = async (...args: string[]) =>
    (await execFileAsync('git', ['--git-dir', origin, ...args], { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();
  const sha = await git('rev-parse', '--verify', '--end-of-options', `${dispatch.ref}^{commit}`);
  const text = await git('show', `${sha}:.github/workflows/${dispatch.workflow}`);
  const run = fx.server.state.workflowRuns.find((candidate) => candidate.id === dispatch.runId);
  if (run) {
    run.status = 'in_progress';
  }
  const workRoot = join(fx.repo.base, 'actions-runs');
  await mkdir(workRoot, { recursive: true });
  try {
    const record = await runWorkflow(
      `${text}\n`,
      { name: 'workflow_dispatch', ref: dispatch.ref, sha, inputs: dispatch.inputs },
      {
        server: fx.server,
        owner: FIXTURE_OWNER,
        repo: FIXTURE_REPO,
        token: fx.token,
        origin,
        workRoot,
        hookEnv: { SANDBOX_STAGE_SECONDS: String(options.stageSeconds) },
      },
    );
    if (run) {
      run.conclusion = Object.values(record.jobs).some((job) => job.result === 'failure') ? 'failure' : 'success';
    }
  } catch (error) {
    if (run) {
      run.conclusion = 'failure';
    }
    throw error;
  } finally {
    if (run) {
      run.status = 'completed';
    }
  }
}
