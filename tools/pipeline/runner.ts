/**
 * Plays a workflow file the way a GitHub-hosted runner would, on this machine: jobs in
 * `needs` order with their `if:` evaluated by GitHub's expression engine, each `run:`
 * step executed by bash with the variables Actions provides (GITHUB_*, GITHUB_ENV,
 * GITHUB_OUTPUT, GITHUB_API_URL pointing at the test API server), and each `uses:`
 * replaced by a declared local equivalent. Like GitHub, a job that names an environment
 * gets a deployment record of its own (payload `{}`), which EnvFlow's records must
 * be told apart from.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { GitHubServer } from '../githubServer/index';
import { expressionEngine, type ExpressionEngine } from './expressions';

const execFileAsync = promisify(execFile);

/** The runner's own git: no user or system config, as on a fresh hosted runner. */
async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', [...args], {
    cwd,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      ENVFLOW_GIT_LOG: '/dev/null',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trimEnd();
}

export interface WorkflowEvent {
  readonly name: 'push' | 'workflow_dispatch';
  /** `refs/heads/main`. */
  readonly ref: string;
  readonly sha: string;
  readonly inputs?: Readonly<Record<string, string>>;
}

export interface PipelineEnvironment {
  readonly server: GitHubServer;
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  /** The bare repository GitHub holds; checkouts are worktrees of a clone of it. */
  readonly origin: string;
  /** Scratch space for clones, workspaces and step files. */
  readonly workRoot: string;
  /** Repository variables (`vars`). */
  readonly vars?: Readonly<Record<string, string>>;
  /** Extra variables every step sees: how a test tells its hooks to pass or fail. */
  readonly hookEnv?: Readonly<Record<string, string>>;
}

export type JobResult = 'success' | 'failure' | 'skipped';

export interface StepRecord {
  readonly job: string;
  readonly name: string;
  readonly outcome: 'success' | 'failure' | 'skipped';
}

export interface RunRecord {
  readonly jobs: Readonly<
    Record<string, { readonly result: JobResult; readonly outputs: Readonly<Record<string, string>> }>
  >;
  readonly steps: readonly StepRecord[];
  /** Jobs that started with an environment, i.e. could read its secrets. */
  readonly environmentJobs: readonly string[];
  /** Everything the steps printed, in order. */
  readonly log: string;
}

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly env?: Record<string, string>;
}

interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string | { readonly name: string; readonly url?: string };
  readonly outputs?: Record<string, string>;
  readonly steps: readonly Step[];
}

/** The `uses:` this runner can stand in for, by action name (the part before `@`). */
const LOCAL_EQUIVALENTS: Readonly<Record<string, 'checkout'>> = { 'actions/checkout': 'checkout' };

/** Who GitHub names as the creator of a job's own deployment record. */
const ACTIONS_BOT = 'github-actions[bot]';

let runCounter = 0;

export async function runWorkflow(
  text: string,
  event: WorkflowEvent,
  environment: PipelineEnvironment,
): Promise<RunRecord> {
  const ex = await expressionEngine();
  const workflow = parse(text) as { jobs: Record<string, Job> };
  runCounter += 1;
  const runId = `${Date.now()}${runCounter}`;
  const runDir = join(environment.workRoot, `run-${runId}`);
  const clone = join(runDir, 'clone');
  await mkdir(runDir, { recursive: true });
  await git(runDir, ['clone', '--quiet', '--no-checkout', environment.origin, clone]);

  const github = {
    event_name: event.name,
    ref: event.ref,
    ref_name: event.ref.replace(/^refs\/(heads|tags)\//, ''),
    sha: event.sha,
    repository: `${environment.owner}/${environment.repo}`,
    token: environment.token,
    run_id: runId,
    server_url: 'https://github.com',
    api_url: environment.server.url,
    event: event.name === 'workflow_dispatch' ? { inputs: event.inputs ?? {} } : {},
  };
  const inputs = event.inputs ?? {};
  const vars = environment.vars ?? {};
  const results: Record<string, { result: JobResult; outputs: Record<string, string> }> = {};
  const steps: StepRecord[] = [];
  const environmentJobs: string[] = [];
  const log: string[] = [];

  for (const id of jobOrder(workflow.jobs)) {
    const job = workflow.jobs[id];
    const needs = asList(job.needs);
    const ancestors = ancestorsOf(id, workflow.jobs);
    const status = {
      success: ancestors.every((a) => results[a]?.result === 'success'),
      failure: ancestors.some((a) => results[a]?.result === 'failure'),
    };
    const needsContext = Object.fromEntries(needs.map((need) => [need, results[need]]));
    const contexts = { github, inputs, vars, needs: needsContext };
    if (!ex.condition(job.if ?? 'success()', contexts, status)) {
      results[id] = { result: 'skipped', outputs: {} };
      continue;
    }
    const envName = typeof job.environment === 'string' ? job.environment : job.environment?.name;
    let gitHubsRecord: number | undefined;
    if (envName) {
      environmentJobs.push(id);
      gitHubsRecord = environment.server.addDeployment({
        ref: github.ref_name,
        sha: event.sha,
        environment: envName,
        creator: ACTIONS_BOT,
      });
      environment.server.addDeploymentStatus(gitHubsRecord, { state: 'in_progress' });
    }
    const outcome = await runJob(ex, { id, job, contexts, runDir, clone, github, environment, steps, log });
    results[id] = { result: outcome.failed ? 'failure' : 'success', outputs: outcome.outputs };
    if (gitHubsRecord !== undefined) {
      environment.server.addDeploymentStatus(gitHubsRecord, { state: outcome.failed ? 'failure' : 'success' });
    }
  }
  return { jobs: results, steps, environmentJobs, log: log.join('') };
}

interface JobRun {
  readonly id: string;
  readonly job: Job;
  readonly contexts: Record<string, unknown>;
  readonly runDir: string;
  readonly clone: string;
  readonly github: Record<string, unknown>;
  readonly environment: PipelineEnvironment;
  readonly steps: StepRecord[];
  readonly log: string[];
}

async function runJob(
  ex: ExpressionEngine,
  run: JobRun,
): Promise<{ failed: boolean; outputs: Record<string, string> }> {
  const workspace = join(run.runDir, `job-${run.id}`);
  const files = join(run.runDir, `files-${run.id}`);
  await mkdir(files, { recursive: true });
  const stepsContext: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {};
  const jobEnv: Record<string, string> = {};
  let failed = false;
  let checkedOut = false;
  for (const [index, step] of run.job.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${index + 1}`;
    const contexts = {
      ...run.contexts,
      steps: stepsContext,
      env: jobEnv,
      job: { status: failed ? 'failure' : 'success' },
    };
    const status = { success: !failed, failure: failed };
    if (!ex.condition(step.if ?? 'success()', contexts, status)) {
      run.steps.push({ job: run.id, name, outcome: 'skipped' });
      if (step.id) {
        stepsContext[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      }
      continue;
    }
    let ok: boolean;
    const outputs: Record<string, string> = {};
    if (step.uses) {
      const action = LOCAL_EQUIVALENTS[step.uses.split('@')[0]];
      if (action !== 'checkout') {
        throw new Error(`No local equivalent is declared for ${step.uses}.`);
      }
      const ref = step.with?.ref !== undefined ? ex.render(String(step.with.ref), contexts) : String(run.github.sha);
      ok = await checkout(run.clone, workspace, ref || String(run.github.sha), checkedOut);
      checkedOut = true;
    } else {
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([key, value]) => [key, ex.render(String(value), contexts, status)]),
      );
      const result = await runBash(step.run ?? '', {
        files,
        index,
        workspace: checkedOut ? workspace : files,
        run,
        jobEnv,
        env,
      });
      ok = result.ok;
      Object.assign(outputs, result.outputs);
      Object.assign(jobEnv, result.exported);
    }
    const outcome = ok ? 'success' : 'failure';
    failed ||= !ok;
    run.steps.push({ job: run.id, name, outcome });
    if (step.id) {
      stepsContext[step.id] = { outcome, conclusion: outcome, outputs };
    }
  }
  const contexts = { ...run.contexts, steps: stepsContext };
  const outputs = Object.fromEntries(
    Object.entries(run.job.outputs ?? {}).map(([key, value]) => [key, ex.render(value, contexts)]),
  );
  return { failed, outputs };
}

/** actions/checkout's local equivalent: a detached worktree of the commit, history included. */
async function checkout(clone: string, workspace: string, ref: string, again: boolean): Promise<boolean> {
  try {
    const sha = await git(clone, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
    if (again) {
      await git(workspace, ['checkout', '--quiet', '--detach', '--force', sha]);
      await git(workspace, ['clean', '-fdxq']);
    } else {
      await git(clone, ['worktree', 'add', '--quiet', '--detach', workspace, sha]);
    }
    return true;
  } catch {
    return false;
  }
}

interface BashRun {
  readonly files: string;
  readonly index: number;
  readonly workspace: string;
  readonly run: JobRun;
  readonly jobEnv: Record<string, string>;
  readonly env: Record<string, string>;
}

/** `bash --noprofile --norc -eo pipefail {0}`, as GitHub runs a `run:` step. */
async function runBash(
  script: string,
  options: BashRun,
): Promise<{ ok: boolean; outputs: Record<string, string>; exported: Record<string, string> }> {
  const { files, index, run } = options;
  const scriptPath = join(files, `step-${index}.sh`);
  const outputPath = join(files, `output-${index}`);
  const envPath = join(files, `env-${index}`);
  await Promise.all([writeFile(scriptPath, script), writeFile(outputPath, ''), writeFile(envPath, '')]);
  const github = run.github;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: files,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: run.environment.server.url,
    GITHUB_SERVER_URL: String(github.server_url),
    GITHUB_REPOSITORY: String(github.repository),
    GITHUB_REF: String(github.ref),
    GITHUB_REF_NAME: String(github.ref_name),
    GITHUB_SHA: String(github.sha),
    GITHUB_EVENT_NAME: String(github.event_name),
    GITHUB_RUN_ID: String(github.run_id),
    GITHUB_JOB: run.id,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_ENV: envPath,
    RUNNER_TEMP: files,
    ...run.environment.hookEnv,
    ...options.jobEnv,
    ...options.env,
  };
  const ok = await new Promise<boolean>((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptPath], {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => run.log.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => run.log.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0));
  });
  return {
    ok,
    outputs: keyValues(await readFile(outputPath, 'utf8')),
    exported: keyValues(await readFile(envPath, 'utf8')),
  };
}

/** `name=value` lines, as GITHUB_OUTPUT and GITHUB_ENV hold them (the generated steps write no heredocs). */
function keyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) {
      values[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return values;
}

const asList = (needs: string | string[] | undefined): string[] =>
  needs === undefined ? [] : Array.isArray(needs) ? needs : [needs];

function ancestorsOf(id: string, jobs: Record<string, Job>): string[] {
  const seen = new Set<string>();
  const visit = (job: string) => {
    for (const need of asList(jobs[job].needs)) {
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
    }
  };
  visit(id);
  return [...seen];
}

/** Jobs with every need before them (the workflows have no cycles; GitHub refuses those). */
function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const visit = (id: string) => {
    if (order.includes(id)) {
      return;
    }
    asList(jobs[id].needs).forEach(visit);
    order.push(id);
  };
  Object.keys(jobs).forEach(visit);
  return order;
}

/** Removes a run's scratch folders (worktrees live inside them). */
export async function removeRuns(workRoot: string): Promise<void> {
  await rm(workRoot, { recursive: true, force: true });
}
