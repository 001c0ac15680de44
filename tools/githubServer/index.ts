/**
 * A GitHub REST API server for tests and the sandbox, backed by a real bare repository:
 * refs, SHAs, comparisons and merges come from git; pulls, deployments, checks,
 * statuses, protection, alerts and workflow runs live in memory. It answers with
 * GitHub's shapes (validated against GitHub's OpenAPI description in
 * test/integration/githubServer/openapi.test.ts), ETags, rate-limit headers and faults.
 */
import { BareRepository } from './bareRepository';
import { seedDeployments, seedPullRequests, type DeploymentSeed, type PullRequestSeed } from './bulk';
import type { RateLimitSnapshot, ServerContext } from './context';
import { FaultInjector } from './faults';
import { Router } from './router';
import { actionRoutes, addWorkflowRun } from './routes/actions';
import { addWorkflowJob, jobRoutes } from './routes/jobs';
import { LogStorage } from './logStorage';
import { addDependabotAlert, alertRoutes } from './routes/alerts';
import { addCheckRun, checkRoutes, updateCheckRun } from './routes/checks';
import { compareRoutes } from './routes/compare';
import { addDeploymentStatus, createDeployment, deploymentRoutes } from './routes/deployments';
import { dispatchRoutes } from './routes/dispatches';
import {
  addPendingDeployment,
  pendingDeploymentRoutes,
  type PendingDeploymentInput,
} from './routes/pendingDeployments';
import { addCodeScanningAlert, addSecretScanningAlert, scanningRoutes } from './routes/scanning';
import { dependencyGraphRoutes, setDependencyChanges } from './routes/dependencyGraph';
import type {
  CodeScanningAlertRecord,
  CodeScanningMode,
  DependencyChangeInput,
  SecretScanningAlertRecord,
  SecretScanningMode,
} from './securityRecords';
import { protectionRoutes } from './routes/protection';
import { environmentRoutes } from './routes/environments';
import { rulesetRoutes } from './routes/rulesets';
import { createPull, mergePull, pullRoutes } from './routes/pulls';
import { refRoutes } from './routes/refs';
import { repositoryRoutes } from './routes/repository';
import { addCommitStatus, statusRoutes } from './routes/statuses';
import { GitHubState, timestamp, type DeploymentRecord, type PushRecord, type WorkflowDispatchRecord } from './state';
import { Transport } from './transport';
import type {
  CheckRunInput,
  CheckRunPatch,
  CommitStatusInput,
  DependabotAlertInput,
  DependabotMode,
  DeploymentInput,
  DeploymentScriptStep,
  DeploymentStatusInput,
  GitHubServerOptions,
  PullRequestInput,
  RecordedRequest,
  ServerStats,
  WorkflowJobInput,
  WorkflowRunInput,
} from './types';

export type * from './types';
export type { GitHubState, PushRecord } from './state';
export { NO_OBJECT } from './bareRepository';
export type { FaultInjector } from './faults';
export type { DeploymentSeed, PullRequestSeed } from './bulk';
export type { PendingDeploymentInput } from './routes/pendingDeployments';
export type {
  CodeScanningMode,
  DependencyChangeInput,
  EnvironmentReviewer,
  SecretScanningMode,
} from './securityRecords';

export interface GitHubServer {
  /** `http://127.0.0.1:PORT`: the API base URL (routes as on api.github.com). */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[];
  readonly stats: Readonly<ServerStats>;
  resetRequests(): void;
  readonly faults: FaultInjector;
  /** The in-memory model; tests may read it, and change it for cases no helper covers. */
  readonly state: GitHubState;
  /** Adds a check run on `sha` (by the GitHub Actions app); returns its id. */
  addCheckRun(sha: string, run: CheckRunInput): number;
  updateCheckRun(id: number, patch: CheckRunPatch): void;
  addCommitStatus(sha: string, status: CommitStatusInput): void;
  /** Stores a deployment; `sha` is resolved from `ref` in the bare repository when omitted. Returns its id. */
  addDeployment(deployment: DeploymentInput): number;
  addDeploymentStatus(id: number, status: DeploymentStatusInput): void;
  /**
   * When a deployment is created (via the API or `addDeployment`) in `environment`, adds
   * these statuses one after another, each `afterMs` after the previous. `undefined` stops scripting.
   */
  scriptDeployments(environment: string, steps: readonly DeploymentScriptStep[] | undefined): void;
  /** Adds these statuses to one deployment, one after another, each `afterMs` after the previous. */
  scriptDeployment(id: number, steps: readonly DeploymentScriptStep[]): void;
  /** Plays each accepted workflow dispatch (a sandbox standing in for the runner); undefined stops playing. */
  playDispatches(player: ((dispatch: WorkflowDispatchRecord) => void) | undefined): void;
  /**
   * Tells `listener` of every ref that moves (a git push, a ref created through the API, a
   * merge), as GitHub's push event does, so a sandbox can start the workflows it triggers;
   * undefined stops telling. Unwatched, a push costs nothing extra.
   */
  watchPushes(listener: ((push: PushRecord) => void) | undefined): void;
  /** Opens a pull request with the API's validation (throws the same 422s); returns its number. */
  openPullRequest(pull: PullRequestInput): number;
  /** Adds a review to a pull request (GET …/reviews shows it); returns its id. */
  addPullRequestReview(
    number: number,
    review: { state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; login: string; body?: string },
  ): number;
  /** Merges with a real merge commit of head into base in the bare repository; returns the merge SHA. */
  mergePullRequest(number: number): Promise<string>;
  addDependabotAlert(alert: DependabotAlertInput): void;
  /** `disabled` → 403 "Dependabot alerts are disabled for this repository."; `forbidden` → 403 no access. */
  setDependabot(mode: DependabotMode): void;
  /** `false` → branch protection reads answer 404 and writes 403, as GitHub does for non-admins. */
  setAdmin(isAdmin: boolean): void;
  /** Adds a GitHub Actions workflow run (its workflow appears with the first run); returns its id. */
  addWorkflowRun(run: WorkflowRunInput): number;
  /** A job of a run, with its log; also the run's check run on its commit (same id), linking to the job. */
  addWorkflowJob(runId: number, job: WorkflowJobInput): number;
  /** The log storage's requests, and how many carried an Authorization header (must stay 0). */
  readonly logStorage: { readonly requests: number; readonly requestsWithAuthorization: number };
  /** Opens many pull requests at once, skipping the per-pull git checks (scale tests); returns their numbers. */
  seedPullRequests(seed: PullRequestSeed): number[];
  /** Stores many deployments, each with one status, oldest first (scale tests); returns their ids. */
  seedDeployments(seed: DeploymentSeed): number[];
  /** Makes a workflow run wait for review in an environment (the run's status becomes `waiting`); returns the environment id. */
  addPendingDeployment(pending: PendingDeploymentInput): number;
  addCodeScanningAlert(alert: {
    severity: CodeScanningAlertRecord['severity'];
    ruleId?: string;
    description?: string;
    path?: string;
    state?: CodeScanningAlertRecord['state'];
  }): void;
  addSecretScanningAlert(alert?: {
    secretType?: string;
    displayName?: string;
    state?: SecretScanningAlertRecord['state'];
  }): void;
  /** `noAnalysis` → 404 "no analysis found"; `disabled` → 403 not enabled; `forbidden` → 403 no access. */
  setCodeScanning(mode: CodeScanningMode): void;
  /** `disabled` → 404 "Secret scanning is disabled on this repository."; `forbidden` → 404 Not Found. */
  setSecretScanning(mode: SecretScanningMode): void;
  /** What the dependency graph answers for `base...head` (exactly as the client asks it). */
  setDependencyChanges(basehead: string, changes: readonly DependencyChangeInput[]): void;
  close(): Promise<void>;
}

class GitHubServerImpl implements GitHubServer {
  readonly faults = new FaultInjector();
  readonly state = new GitHubState();
  readonly context: ServerContext;
  private readonly transport: Transport;
  private readonly scripts = new Map<string, readonly DeploymentScriptStep[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private dispatchPlayer?: (dispatch: WorkflowDispatchRecord) => void;
  private pushListener?: (push: PushRecord) => void;
  readonly logStorage = new LogStorage((jobId) => this.state.workflowJobs.find((job) => job.id === jobId)?.log);

  constructor(options: GitHubServerOptions) {
    const router = new Router().add([
      ...repositoryRoutes,
      ...pullRoutes,
      ...deploymentRoutes,
      ...checkRoutes,
      ...statusRoutes,
      ...compareRoutes,
      // Protection first: its template is the branch template plus a suffix.
      ...protectionRoutes,
      ...refRoutes,
      ...alertRoutes,
      ...jobRoutes,
      ...actionRoutes,
      ...dispatchRoutes,
      ...environmentRoutes,
      ...rulesetRoutes,
      ...pendingDeploymentRoutes,
      ...scanningRoutes,
      ...dependencyGraphRoutes,
    ]);
    this.transport = new Transport(options, router, this.faults, () => this.context);
    const transport = this.transport;
    this.context = {
      owner: options.owner,
      repo: options.repo,
      git: new BareRepository(options.bareRepo),
      state: this.state,
      get apiUrl(): string {
        return transport.url;
      },
      webUrl: (options.webUrl ?? 'https://github.com').replace(/\/+$/, ''),
      login: options.login ?? 'ada-developer',
      deploymentCreated: (deployment) => this.runScript(deployment),
      workflowDispatched: (dispatch) => this.dispatchPlayer?.(dispatch),
      pushesWatched: () => this.pushListener !== undefined,
      refUpdated: (push) => this.pushListener?.(push),
      rateLimit: (): RateLimitSnapshot => transport.rateLimit(),
      jobLogUrl: (jobId) => this.logStorage.urlOf(jobId),
    };
  }

  async listen(port: number | undefined): Promise<void> {
    await this.transport.listen(port);
    await this.logStorage.listen();
  }

  get url(): string {
    return this.transport.url;
  }

  get requests(): RecordedRequest[] {
    return this.transport.requests;
  }

  get stats(): Readonly<ServerStats> {
    return this.transport.stats;
  }

  resetRequests(): void {
    this.transport.requests.length = 0;
  }

  addCheckRun(sha: string, run: CheckRunInput): number {
    return addCheckRun(this.context, sha, run).id;
  }

  updateCheckRun(id: number, patch: CheckRunPatch): void {
    updateCheckRun(this.context, id, patch);
  }

  addCommitStatus(sha: string, status: CommitStatusInput): void {
    addCommitStatus(this.context, sha, status);
  }

  addDeployment(deployment: DeploymentInput): number {
    return createDeployment(this.context, deployment).id;
  }

  addDeploymentStatus(id: number, status: DeploymentStatusInput): void {
    addDeploymentStatus(this.context, id, status);
  }

  playDispatches(player: ((dispatch: WorkflowDispatchRecord) => void) | undefined): void {
    this.dispatchPlayer = player;
  }

  watchPushes(listener: ((push: PushRecord) => void) | undefined): void {
    this.pushListener = listener;
  }

  scriptDeployments(environment: string, steps: readonly DeploymentScriptStep[] | undefined): void {
    if (steps === undefined) {
      this.scripts.delete(environment);
    } else {
      this.scripts.set(environment, [...steps]);
    }
  }

  scriptDeployment(id: number, steps: readonly DeploymentScriptStep[]): void {
    const next = (index: number) => {
      const step = steps[index];
      if (!step) {
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const { afterMs: _afterMs, ...status } = step;
        addDeploymentStatus(this.context, id, status);
        next(index + 1);
      }, step.afterMs);
      this.timers.add(timer);
    };
    next(0);
  }

  openPullRequest(pull: PullRequestInput): number {
    return createPull(this.context, pull).number;
  }

  addPullRequestReview(
    number: number,
    review: { state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; login: string; body?: string },
  ): number {
    const pull = this.state.pulls.find((candidate) => candidate.number === number);
    if (!pull) {
      throw new Error(`No pull request #${number}`);
    }
    const id = this.state.nextId();
    pull.reviews.push({
      id,
      login: review.login,
      state: review.state,
      body: review.body ?? '',
      commitId: pull.headSha,
      submittedAt: timestamp(),
    });
    // As on GitHub, a review moves the pull request's `updated_at`.
    pull.updatedAt = timestamp();
    return id;
  }

  mergePullRequest(number: number): Promise<string> {
    return mergePull(this.context, number);
  }

  addDependabotAlert(alert: DependabotAlertInput): void {
    addDependabotAlert(this.context, alert);
  }

  setDependabot(mode: DependabotMode): void {
    this.state.dependabot = mode;
  }

  setAdmin(isAdmin: boolean): void {
    this.state.isAdmin = isAdmin;
  }

  addWorkflowRun(run: WorkflowRunInput): number {
    return addWorkflowRun(this.context, run).id;
  }

  addWorkflowJob(runId: number, job: WorkflowJobInput): number {
    return addWorkflowJob(this.context, runId, job).id;
  }

  seedPullRequests(seed: PullRequestSeed): number[] {
    return seedPullRequests(this.state, seed);
  }

  seedDeployments(seed: DeploymentSeed): number[] {
    return seedDeployments(this.state, seed);
  }

  addPendingDeployment(pending: PendingDeploymentInput): number {
    return addPendingDeployment(this.context, pending).environmentId;
  }

  addCodeScanningAlert(alert: Parameters<GitHubServer['addCodeScanningAlert']>[0]): void {
    addCodeScanningAlert(this.context, alert);
  }

  addSecretScanningAlert(alert: Parameters<GitHubServer['addSecretScanningAlert']>[0] = {}): void {
    addSecretScanningAlert(this.context, alert);
  }

  setCodeScanning(mode: CodeScanningMode): void {
    this.state.security.codeScanning = mode;
  }

  setSecretScanning(mode: SecretScanningMode): void {
    this.state.security.secretScanning = mode;
  }

  setDependencyChanges(basehead: string, changes: readonly DependencyChangeInput[]): void {
    setDependencyChanges(this.context, basehead, changes);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    await this.transport.close();
    await this.logStorage.close();
  }

  /** Plays the environment's script for a new deployment: a setTimeout chain, cleared on close. */
  private runScript(deployment: DeploymentRecord): void {
    this.scriptDeployment(deployment.id, this.scripts.get(deployment.environment) ?? []);
  }
}

/** Starts a server on 127.0.0.1 (an ephemeral port unless `port` is given). */
export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
  const server = new GitHubServerImpl(options);
  await server.listen(options.port ?? 0);
  return server;
}
