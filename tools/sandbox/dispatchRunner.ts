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
 * The sandbox's hooks: deploying takes a moment a stage and deploys nothing, so the tree
 * can show "Rolling out · 50 %" while it runs; the health check passes unless the
 * sandbox is told to fail it at a stage (how the sandbox shows an automatic rollback).
 */
export const SANDBOX_HOOKS: Readonly<Record<string, string>> = {
  '.envflow/deploy.sh': [
    '#!/usr/bin/env bash',
    '# The sandbox stands in for your deploy command: nothing is deployed, each stage takes a moment.',
    'echo "Deploying $3 to $1 at $2 %"',
    'echo "$2" > "$RUNNER_TEMP/sandbox-stage"',
    'sleep "${SANDBOX_STAGE_SECONDS:-1}"',
    '',
  ].join('\n'),
  '.envflow/health-check.sh': [
    '#!/usr/bin/env bash',
    '# The sandbox stands in for your health check: healthy, unless told to fail at this stage.',
    'stage=$(cat "$RUNNER_TEMP/sandbox-stage" 2> /dev/null || true)',
    'if [ -n "${SANDBOX_UNHEALTHY_AT:-}" ] && [ "$stage" = "$SANDBOX_UNHEALTHY_AT" ]; then',
    '  echo "::error::$1 answered 503 at $stage %."',
    '  exit 1',
    'fi',
    'echo "$1 is healthy at $stage %."',
    '',
  ].join('\n'),
};

export interface DispatchRunnerOptions {
  /** The workflow file a dispatch must name to be run. */
  readonly workflow: string;
}

/** How the next runs behave; a test or the sandbox's user may change it between runs. */
export interface SandboxRunnerControl {
  /** Seconds each rollout stage's deploy hook takes. */
  stageSeconds: number;
  /** The stage (10, 50 or 100) whose health check fails; undefined: every check passes. */
  unhealthyAt?: number;
}

export function runDispatchedWorkflows(fx: GitHubFixture, options: DispatchRunnerOptions): SandboxRunnerControl {
  const control: SandboxRunnerControl = { stageSeconds: 1 };
  let queue = Promise.resolve();
  fx.server.playDispatches((dispatch) => {
    if (dispatch.workflow !== options.workflow) {
      return;
    }
    queue = queue
      .then(() => play(fx, dispatch, control))
      .catch((error: unknown) => {
        console.error(`sandbox: the ${dispatch.workflow} run failed to start: ${String(error)}`);
      });
  });
  return control;
}

async function play(fx: GitHubFixture, dispatch: WorkflowDispatchRecord, control: SandboxRunnerControl) {
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
        hookEnv: {
          SANDBOX_STAGE_SECONDS: String(control.stageSeconds),
          ...(control.unhealthyAt !== undefined ? { SANDBOX_UNHEALTHY_AT: String(control.unhealthyAt) } : {}),
        },
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
