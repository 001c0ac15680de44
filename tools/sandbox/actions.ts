/**
 * The sandbox's GitHub Actions. The workflows Set Up writes run on this machine through
 * the pipeline runner, against the sandbox's GitHub server, for the events GitHub would
 * start them on: a dispatch (EnvFlow's Roll Back or Redeploy) and, when asked, a push
 * that the workflow's `on.push` filters take (a git push, a merged pull request, a ref
 * made through the API). As on GitHub, each run is a workflow run record (queued, in
 * progress, completed, titled by its `run-name`) and each job a check run on its commit.
 * Runs go one at a time, as the workflows' concurrency groups queue them on GitHub.
 * What someone tries in the sandbox is what their repository's workflows do.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { git } from '../../test/support/gitFixtures';
import type { GitHubFixture } from '../../test/support/githubFixture';
import { FIXTURE_OWNER, FIXTURE_REPO } from '../../test/support/githubFixture';
import { parseWithGitHub } from '../../test/support/workflows/githubParser';
import { NO_OBJECT, type PushRecord } from '../githubServer/index';
import { runTitle } from '../githubServer/runName';
import { runWorkflow, type RunRecord, type WorkflowEvent } from '../pipeline/runner';
import { pushTriggers, type PushFilters } from '../pipeline/pushTriggers';

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

export interface ActionsOptions {
  /** The workflow files played (their steps need bash, git, curl and jq); any other workflow never starts. */
  readonly workflows: readonly string[];
  /** Start the workflows a push triggers too, as GitHub does (default: dispatches only). */
  readonly pushes?: boolean;
  /** More variables for every step: how a test's hooks learn where to record what they did. */
  readonly hookEnv?: Readonly<Record<string, string>>;
}

/** One run the sandbox played: which workflow, for which event, and how its jobs ended. */
export interface PlayedRun {
  readonly workflow: string;
  readonly event: WorkflowEvent;
  readonly runId: number;
  readonly record?: RunRecord;
  /** Why the run could not start (its workflow could not be read), when it could not. */
  readonly error?: string;
}

/** How the next runs behave; a test or the sandbox's user may change it between runs. */
export interface SandboxRunnerControl {
  /** Seconds each rollout stage's deploy hook takes. */
  stageSeconds: number;
  /** The stage (10, 50 or 100) whose health check fails; undefined: every check passes. */
  unhealthyAt?: number;
  /** Every run played so far, oldest first. */
  readonly played: readonly PlayedRun[];
  /** Resolves once every run started so far (and any run those started) has completed. */
  idle(): Promise<void>;
  /** Stops starting runs; the one running finishes. */
  stop(): void;
}

interface QueuedRun {
  readonly workflow: string;
  readonly text: string;
  readonly event: WorkflowEvent;
  readonly runId: number;
}

export function playActions(fx: GitHubFixture, options: ActionsOptions): SandboxRunnerControl {
  const played: PlayedRun[] = [];
  let queue = Promise.resolve();
  let stopped = false;
  const control: SandboxRunnerControl = {
    stageSeconds: 1,
    played,
    // A run a run starts (its push of a tag, say) is queued before the first one settles, so wait until none is left.
    idle: async () => {
      let seen: Promise<void> | undefined;
      while (seen !== queue) {
        seen = queue;
        await seen;
      }
    },
    stop: () => {
      stopped = true;
      fx.server.playDispatches(undefined);
      fx.server.watchPushes(undefined);
    },
  };
  const enqueue = (start: () => Promise<QueuedRun[]>) => {
    const starting = start();
    queue = queue
      .then(async () => {
        for (const run of await starting) {
          if (!stopped) {
            played.push(await play(fx, run, control, options));
          }
        }
      })
      .catch((error: unknown) => {
        console.error(`sandbox: a workflow run failed to start: ${String(error)}`);
      });
  };

  fx.server.playDispatches((dispatch) => {
    if (!options.workflows.includes(dispatch.workflow) || dispatch.runId === undefined) {
      return;
    }
    const runId = dispatch.runId;
    enqueue(async () => {
      const sha = await git(fx.repo.origin, ['rev-parse', '--verify', '--end-of-options', `${dispatch.ref}^{commit}`]);
      const text = await git(fx.repo.origin, ['show', `${sha}:.github/workflows/${dispatch.workflow}`]);
      const event: WorkflowEvent = { name: 'workflow_dispatch', ref: dispatch.ref, sha, inputs: dispatch.inputs };
      return [{ workflow: dispatch.workflow, text, event, runId }];
    });
  });
  if (options.pushes) {
    fx.server.watchPushes((push) => {
      if (push.after !== NO_OBJECT) {
        enqueue(() => runsForPush(fx, push, options.workflows));
      }
    });
  }
  return control;
}

/** The runs GitHub queues for a push: each played workflow of the pushed commit whose `on.push` filters take the ref. */
async function runsForPush(fx: GitHubFixture, push: PushRecord, workflows: readonly string[]): Promise<QueuedRun[]> {
  const sha = await git(fx.repo.origin, ['rev-parse', '--verify', '--end-of-options', `${push.after}^{commit}`]);
  const runs: QueuedRun[] = [];
  for (const workflow of workflows) {
    const path = `.github/workflows/${workflow}`;
    const text = await git(fx.repo.origin, ['show', `${sha}:${path}`]).catch(() => undefined);
    if (text === undefined) {
      continue;
    }
    const { template } = await parseWithGitHub(path, text);
    if (!template || !pushTriggers(template.events.push as PushFilters | undefined, push.ref)) {
      continue;
    }
    const event: WorkflowEvent = { name: 'push', ref: push.ref, sha };
    const title = await runTitle(text, workflow, {
      event: 'push',
      ref: push.ref,
      sha,
      repository: `${FIXTURE_OWNER}/${FIXTURE_REPO}`,
      inputs: {},
    });
    const runId = fx.server.addWorkflowRun({
      name: title.name,
      displayTitle: title.displayTitle,
      path,
      branch: push.ref.replace(/^refs\/(heads|tags)\//, ''),
      sha,
      event: 'push',
      status: 'queued',
    });
    runs.push({ workflow, text, event, runId });
  }
  return runs;
}

async function play(
  fx: GitHubFixture,
  queued: QueuedRun,
  control: SandboxRunnerControl,
  options: ActionsOptions,
): Promise<PlayedRun> {
  const run = fx.server.state.workflowRuns.find((candidate) => candidate.id === queued.runId);
  if (run) {
    run.status = 'in_progress';
  }
  const workRoot = join(fx.repo.base, 'actions-runs');
  await mkdir(workRoot, { recursive: true });
  try {
    const record = await runWorkflow(`${queued.text}\n`, queued.event, {
      server: fx.server,
      owner: FIXTURE_OWNER,
      repo: FIXTURE_REPO,
      token: fx.token,
      origin: fx.repo.origin,
      workRoot,
      hookEnv: {
        ...options.hookEnv,
        SANDBOX_STAGE_SECONDS: String(control.stageSeconds),
        ...(control.unhealthyAt !== undefined ? { SANDBOX_UNHEALTHY_AT: String(control.unhealthyAt) } : {}),
      },
    });
    const failed = Object.values(record.jobs).some((job) => job.result === 'failure');
    if (run) {
      run.conclusion = failed ? 'failure' : 'success';
    }
    recordJobChecks(fx, queued, record);
    return { workflow: queued.workflow, event: queued.event, runId: queued.runId, record };
  } catch (error) {
    if (run) {
      run.conclusion = 'failure';
    }
    // The sandbox's user sees why the run never got going, as GitHub would show a workflow that could not start.
    console.error(
      `sandbox: ${queued.workflow} (${queued.event.name} ${queued.event.ref}) could not run: ${String(error)}`,
    );
    return { workflow: queued.workflow, event: queued.event, runId: queued.runId, error: String(error) };
  } finally {
    if (run) {
      run.status = 'completed';
    }
  }
}

/** GitHub shows each job of a run as a check run on the run's commit, by the job's name. */
function recordJobChecks(fx: GitHubFixture, queued: QueuedRun, record: RunRecord): void {
  const jobs = (parse(queued.text) as { jobs?: Record<string, { name?: unknown }> }).jobs ?? {};
  for (const [id, job] of Object.entries(record.jobs)) {
    const name = jobs[id]?.name;
    fx.server.addCheckRun(queued.event.sha, {
      name: typeof name === 'string' ? name : id,
      status: 'completed',
      conclusion: job.result,
    });
  }
}
