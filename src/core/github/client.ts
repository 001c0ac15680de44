/**
 * EnvFlow's one GitHub client and the only place that constructs Octokit.
 * Every GET is conditional (etagCache), every request goes through the guarded
 * fetch (token stays on its origin), rate limits never park a request in the
 * background for long, and every failure leaves as a GitHubError.
 */
import type { CheckItem, PullRequestInfo, ReviewState, SecurityAlerts } from '../model/snapshot';
import { redact, silentLogger, type Logger } from '../log';
import { GitHubError, toGitHubError } from './errors';
import { conditionalRequest, EtagCache, type HookOptions, type HookRequest } from './etagCache';
import { createGuardedFetch, type ExchangeInfo } from './guardedFetch';
import * as normalize from './normalize';
import * as policies from './policies';
import type { BranchPolicyPattern, BranchRule, EnvironmentPolicy, EnvironmentUpdate, RulesetInput } from './policies';
import { readPollInterval, readRateLimit, type RateLimitInfo } from './rateLimit';
import { GUARD_HOST_OPTION, responseGuard } from './responseGuard';
import type {
  BranchProtection,
  BranchProtectionUpdate,
  CommitStatusInput,
  CompareResult,
  DeploymentInput,
  DeploymentStatusInfo,
  Fetched,
  GitRef,
  PullRequestInput,
  RawDeployment,
  RequestInfo,
  WorkflowJobInfo,
  WorkflowRunInfo,
} from './types';
import { downloadSignedUrl, foreignRedirectTarget } from './signedDownload';
import type { ClientRequests } from './clientRequests';
import { DeploymentReviews } from './deploymentReviews';
import { SecurityScanning } from './securityScanning';

export interface GitHubClientOptions {
  /** REST base URL: `https://api.github.com` or `https://<ghes-host>/api/v3`. The token goes to this origin only. */
  readonly apiUrl: string;
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly logger?: Logger;
  readonly userAgent?: string;
  /** Per-attempt timeout (default 15 000 ms). */
  readonly requestTimeoutMs?: number;
  /** Base delay of retries and short rate-limit waits (default 1000 ms; tests pass ~10). */
  readonly retryBaseMs?: number;
  /** Largest response body read (default 32 MiB); a larger one fails instead of filling memory. */
  readonly maxBodyBytes?: number;
  /** Most pages read from one paginated list (default 10). */
  readonly maxPages?: number;
  /** Called after every HTTP exchange, retries and redirects included. */
  readonly onRequest?: (info: RequestInfo) => void;
  /**
   * `github` (default): writes at most one a second, and those that notify people one
   * every 3 s, per process, as GitHub asks of one token. `none`: no spacing, for tests
   * that write many times to a local server; the rate-limit handling stays.
   */
  readonly writePacing?: 'github' | 'none';
}

/** A throttling plugin pacing gate that opens at once (see `writePacing`). */
const NO_PACING = { key: () => ({ schedule: async () => undefined }) };

/** A rate-limit wait at most this long is retried once; longer ones fail at once with `retryAt`. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 5;
const RETRIES = 2;
/** Every 4xx: a client error does not heal by repeating it (403/429 are the throttling plugin's). */
const DO_NOT_RETRY = Array.from({ length: 100 }, (_, index) => 400 + index);
const PER_PAGE = 100;
const MIN_SCRUBBED_TOKEN_LENGTH = 8;
/** A job log past this is cut off: an editor tab of more is no help, and memory stays bounded. */
const JOB_LOG_MAX_BYTES = 16 * 1024 * 1024;

type OctokitModule = typeof import('./octokit');
type EnvFlowOctokit = InstanceType<ReturnType<typeof pluginOctokit>>;

function pluginOctokit({ Octokit, throttling, retry }: OctokitModule) {
  return Octokit.plugin(responseGuard, throttling, retry);
}

/** Octokit loads on the first request, not at activation (in the vsix it is dist/github.js). */
let octokitClass: Promise<ReturnType<typeof pluginOctokit>> | undefined;

interface AnyResponse {
  readonly status: number;
  readonly headers: Record<string, string | number | undefined>;
  readonly data: unknown;
}

/** EnvFlow's view of one GitHub repository. */
export class GitHubClient {
  readonly owner: string;
  readonly repo: string;
  /** API host, as messages name it. */
  readonly host: string;
  /** The repository's web page. */
  readonly webUrl: string;
  /** HTTP exchanges so far (retries, redirects and 304s each count). */
  requestCount = 0;
  /** Of those, answers 304 Not Modified (free of rate limit). */
  notModifiedCount = 0;
  private latestRateLimit: RateLimitInfo | undefined;
  private latestPollInterval: number | undefined;
  private readonly apiOrigin: string;
  private readonly logger: Logger;
  private readonly maxPages: number;
  private readonly cache = new EtagCache(500);
  private octokitReady: Promise<EnvFlowOctokit> | undefined;
  private reviews: DeploymentReviews | undefined;
  private scanning: SecurityScanning | undefined;

  constructor(private readonly options: GitHubClientOptions) {
    const apiUrl = options.apiUrl.replace(/\/+$/, '');
    const api = new URL(apiUrl);
    this.owner = options.owner;
    this.repo = options.repo;
    this.host = api.host;
    this.apiOrigin = api.origin;
    this.webUrl = normalize.webUrlOf(apiUrl, options.owner, options.repo);
    this.logger = options.logger ?? silentLogger;
    this.maxPages = Math.max(1, options.maxPages ?? 10);
  }

  /** Rate-limit headers of the latest response that had them. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.latestRateLimit;
  }

  /** GitHub's requested minimum poll interval (`X-Poll-Interval`), once it sent one. */
  get pollIntervalSeconds(): number | undefined {
    return this.latestPollInterval;
  }

  /**
   * Open pull requests, newest first, optionally filtered by base branch and
   * `owner:branch` head; `maxPages` (of 100) bounds what a busy repository costs.
   */
  listOpenPullRequests(
    filter: { base?: string; head?: string } = {},
    maxPages = this.maxPages,
  ): Promise<Fetched<PullRequestInfo[]>> {
    return this.call('list pull requests', () =>
      this.getPages(
        'GET /repos/{owner}/{repo}/pulls',
        { state: 'open', ...definedOnly(filter) },
        normalize.toPullRequests,
        maxPages,
      ),
    );
  }

  /** The review verdict of a pull request, from each reviewer's latest review. */
  getPullRequestReview(pullNumber: number): Promise<ReviewState> {
    return this.call('read reviews', async () => {
      const reviews = await this.getPages(`GET /repos/{owner}/{repo}/pulls/${pullNumber}/reviews`, {}, (data) =>
        normalize.toReviewRows(data),
      );
      return normalize.toReviewState(reviews.data);
    });
  }

  /** The latest deployments to one environment, newest first. */
  listDeployments(environment: string, perPage: number): Promise<Fetched<RawDeployment[]>> {
    return this.call('list deployments', () =>
      this.getOne(
        'GET /repos/{owner}/{repo}/deployments',
        { environment, per_page: perPage },
        normalize.toRawDeployments,
      ),
    );
  }

  /** A deployment's statuses, newest first; `perPage = 1` gives its current state. */
  listDeploymentStatuses(deploymentId: number, perPage = 1): Promise<Fetched<DeploymentStatusInfo[]>> {
    return this.call('list deployment statuses', () =>
      this.getOne(
        `GET /repos/{owner}/{repo}/deployments/${deploymentId}/statuses`,
        { per_page: perPage },
        normalize.toDeploymentStatuses,
      ),
    );
  }

  /** Check runs of a commit, branch or tag. */
  listCheckRuns(ref: string): Promise<Fetched<CheckItem[]>> {
    return this.call('list check runs', () =>
      this.getPages(`GET /repos/{owner}/{repo}/commits/${path(ref)}/check-runs`, {}, normalize.toCheckRunItems),
    );
  }

  /** Commit statuses of a ref, one per context. */
  getCombinedStatus(ref: string): Promise<Fetched<CheckItem[]>> {
    return this.call('read commit statuses', () =>
      this.getOne(
        `GET /repos/{owner}/{repo}/commits/${path(ref)}/status`,
        { per_page: PER_PAGE },
        normalize.toCommitStatusItems,
      ),
    );
  }

  /** How far `head` is ahead of and behind `base`, and the commits `head` adds. */
  compare(base: string, head: string): Promise<CompareResult> {
    return this.call('compare branches', async () => {
      const response = await this.get(`GET /repos/{owner}/{repo}/compare/${path(base)}...${path(head)}`, {});
      return normalize.toCompareResult(response.data);
    });
  }

  /** Open Dependabot alerts by severity, or why they cannot be read. */
  listDependabotAlerts(): Promise<Fetched<SecurityAlerts>> {
    return this.call('list Dependabot alerts', async () => {
      try {
        const alerts = await this.getPages('GET /repos/{owner}/{repo}/dependabot/alerts', { state: 'open' }, (data) =>
          normalize.toAlertRows(data),
        );
        return {
          data: normalize.toSecurityAlerts(alerts.data, `${this.webUrl}/security/dependabot`),
          notModified: alerts.notModified,
        };
      } catch (error) {
        // A rate-limited 403 is not a verdict about access; only a plain 403/404 is.
        const mapped = toGitHubError(error, this.host);
        if (
          (mapped.kind === 'unauthorized' || mapped.kind === 'notFound') &&
          (mapped.status === 403 || mapped.status === 404)
        ) {
          const data = (error as { response?: { data?: unknown } }).response?.data;
          const message =
            typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
          const reason = normalize.securityUnavailableReason(
            mapped.status,
            typeof message === 'string' ? message : undefined,
          );
          return { data: { available: false, reason }, notModified: false };
        }
        throw mapped;
      }
    });
  }

  /** The latest workflow runs on a branch. */
  listWorkflowRuns(branch: string, perPage: number): Promise<Fetched<WorkflowRunInfo[]>> {
    return this.call('list workflow runs', () =>
      this.getOne('GET /repos/{owner}/{repo}/actions/runs', { branch, per_page: perPage }, normalize.toWorkflowRuns),
    );
  }

  /** The latest runs that `workflow_dispatch` started on a branch. */
  listDispatchedRuns(branch: string, perPage: number): Promise<Fetched<WorkflowRunInfo[]>> {
    return this.call('list dispatched workflow runs', () =>
      this.getOne(
        'GET /repos/{owner}/{repo}/actions/runs',
        { branch, event: 'workflow_dispatch', per_page: perPage },
        normalize.toWorkflowRuns,
      ),
    );
  }

  /** The jobs of a workflow run's latest attempt. */
  listRunJobs(runId: number): Promise<WorkflowJobInfo[]> {
    return this.call(
      'list the jobs of a workflow run',
      async () =>
        (
          await this.getPages(
            `GET /repos/{owner}/{repo}/actions/runs/${runId}/jobs`,
            { filter: 'latest' },
            normalize.toWorkflowJobs,
            3,
          )
        ).data,
    );
  }

  /**
   * A job's plain-text log. GitHub answers with a redirect to a signed URL on its log
   * storage, another origin: the guarded fetch refuses to carry the token there, and the
   * log is then fetched from that URL without it.
   */
  readJobLog(jobId: number): Promise<string> {
    return this.call('read a job log', async () => {
      try {
        const response = await this.get(`GET /repos/{owner}/{repo}/actions/jobs/${jobId}/logs`, {});
        return typeof response.data === 'string' ? response.data : '';
      } catch (error) {
        const target = foreignRedirectTarget(error);
        if (!target) {
          throw error;
        }
        return downloadSignedUrl(target, {
          timeoutMs: this.options.requestTimeoutMs ?? 15_000,
          maxBodyBytes: JOB_LOG_MAX_BYTES,
        });
      }
    });
  }

  /** Re-runs the failed jobs of a completed run (and what depends on them). */
  rerunFailedJobs(runId: number): Promise<void> {
    return this.call('re-run failed jobs', async () => {
      await this.write(`POST /repos/{owner}/{repo}/actions/runs/${runId}/rerun-failed-jobs`, {});
    });
  }

  /** Cancels a queued or running workflow run. */
  cancelRun(runId: number): Promise<void> {
    return this.call('cancel a workflow run', async () => {
      await this.write(`POST /repos/{owner}/{repo}/actions/runs/${runId}/cancel`, {});
    });
  }

  /** Opens a pull request from a branch of this repository. */
  createPullRequest(input: PullRequestInput): Promise<PullRequestInfo> {
    return this.call('open a pull request', async () => {
      const response = await this.write('POST /repos/{owner}/{repo}/pulls', {
        head: input.head,
        base: input.base,
        title: input.title,
        body: input.body ?? '',
        draft: input.draft ?? false,
      });
      return normalize.toPullRequest(response.data);
    });
  }

  /** The open pull request from `head` (a branch of this repository) into `base`, if any. */
  async findOpenPullRequest(head: string, base: string): Promise<PullRequestInfo | undefined> {
    const pulls = await this.listOpenPullRequests({ head: `${this.owner}:${head}`, base });
    return pulls.data.find((pull) => pull.headRef === head && pull.baseRef === base);
  }

  /** Posts a commit status (e.g. `envflow/local-tests`) on a commit. */
  createCommitStatus(sha: string, status: CommitStatusInput): Promise<void> {
    return this.call('post a commit status', async () => {
      await this.write(`POST /repos/{owner}/{repo}/statuses/${path(sha)}`, {
        state: status.state,
        context: status.context,
        ...definedOnly({ description: status.description, target_url: status.targetUrl }),
      });
    });
  }

  /**
   * Creates a deployment of `ref`. No auto-merge and no required contexts: a rollback
   * redeploys an old commit on purpose, which GitHub would otherwise refuse.
   */
  createDeployment(input: DeploymentInput): Promise<RawDeployment> {
    return this.call('create a deployment', async () => {
      const response = await this.write('POST /repos/{owner}/{repo}/deployments', {
        ref: input.ref,
        environment: input.environment,
        description: input.description ?? '',
        auto_merge: false,
        required_contexts: [],
        ...definedOnly({ production_environment: input.productionEnvironment }),
      });
      if (response.status === 202) {
        // GitHub answers 202 with only a message when it merged instead of deploying.
        const message = (response.data as { message?: unknown } | undefined)?.message;
        throw new GitHubError(
          'validation',
          `${typeof message === 'string' ? message : 'GitHub did not create the deployment'}`.replace(/\.?$/, '.'),
          {
            status: 202,
          },
        );
      }
      return normalize.toRawDeployment(response.data);
    });
  }

  /** A git ref (`heads/develop`, `tags/v1`), or undefined when it does not exist. */
  getRef(ref: string): Promise<GitRef | undefined> {
    return this.call('read a git ref', async () => {
      try {
        const response = await this.get(`GET /repos/{owner}/{repo}/git/ref/${path(shortRef(ref))}`, {});
        return normalize.toGitRef(response.data);
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) {
          return undefined;
        }
        throw error;
      }
    });
  }

  /** Creates a git ref (`heads/develop` or `refs/heads/develop`) at `sha`; never moves an existing one. */
  createRef(ref: string, sha: string): Promise<GitRef> {
    return this.call('create a git ref', async () => {
      const response = await this.write('POST /repos/{owner}/{repo}/git/refs', { ref: `refs/${shortRef(ref)}`, sha });
      return normalize.toGitRef(response.data);
    });
  }

  /**
   * Whether classic protection guards a branch (`GET /branches/{branch}`): always 200, so a
   * conditional re-read of an unchanged branch is free, unlike the protection's 404.
   */
  getBranchSummary(branch: string): Promise<Fetched<{ readonly protected: boolean }>> {
    return this.call('read a branch', () =>
      this.getOne(`GET /repos/{owner}/{repo}/branches/${path(branch)}`, {}, policies.toBranchSummary),
    );
  }

  /** A branch's protection, or undefined when the branch is not protected. */
  getBranchProtection(branch: string): Promise<BranchProtection | undefined> {
    return this.call('read branch protection', async () => {
      try {
        const response = await this.get(`GET /repos/{owner}/{repo}/branches/${path(branch)}/protection`, {});
        return normalize.toBranchProtection(response.data);
      } catch (error) {
        if (isNotProtected(error)) {
          return undefined;
        }
        throw error;
      }
    });
  }

  /** Replaces a branch's protection. */
  updateBranchProtection(branch: string, body: BranchProtectionUpdate): Promise<BranchProtection> {
    return this.call('update branch protection', async () => {
      const response = await this.write(`PUT /repos/{owner}/{repo}/branches/${path(branch)}/protection`, { ...body });
      return normalize.toBranchProtection(response.data);
    });
  }

  /** Starts a `workflow_dispatch` run of `.github/workflows/<workflowFile>` on `ref` (a branch or tag) with string inputs. */
  dispatchWorkflow(
    workflowFile: string,
    ref: string,
    inputs: Readonly<Record<string, string>>,
  ): Promise<{ readonly runUrl?: string }> {
    return this.call('start a workflow run', async () => {
      if (!/^[A-Za-z0-9_.-]+\.ya?ml$/.test(workflowFile)) {
        throw new GitHubError('validation', `"${workflowFile}" is not a workflow file name.`);
      }
      // Asked for the run's details, GitHub answers 200 naming the run; servers without that answer 204.
      const response = await this.write(
        `POST /repos/{owner}/{repo}/actions/workflows/${path(workflowFile)}/dispatches`,
        { ref, inputs: { ...inputs }, return_run_details: true },
      );
      return response.status === 204 ? {} : { runUrl: policies.toDispatchedRunUrl(response.data) };
    });
  }

  /** The rules repository rulesets apply to a branch (empty when none). */
  getBranchRules(branch: string): Promise<BranchRule[]> {
    return this.call('read branch rules', async () => {
      const response = await this.get(`GET /repos/{owner}/{repo}/rules/branches/${path(branch)}`, {
        per_page: PER_PAGE,
      });
      return policies.toBranchRules(response.data);
    });
  }

  /** Creates a branch ruleset. */
  createRuleset(body: RulesetInput): Promise<void> {
    return this.call('create a ruleset', async () => {
      await this.write('POST /repos/{owner}/{repo}/rulesets', { ...body });
    });
  }

  /**
   * The names of the repository's environments (the first 100), conditionally: an
   * unchanged list is a free 304, so a missing environment can be watched cheaply.
   */
  listEnvironmentNames(): Promise<Fetched<string[]>> {
    return this.call('list environments', () =>
      this.getOne('GET /repos/{owner}/{repo}/environments', { per_page: PER_PAGE }, policies.toEnvironmentNames),
    );
  }

  /** A deployment environment's protection, or undefined when it does not exist yet. */
  getEnvironment(name: string): Promise<EnvironmentPolicy | undefined> {
    return this.call('read an environment', async () => {
      try {
        const response = await this.get(`GET /repos/{owner}/{repo}/environments/${path(name)}`, {});
        return policies.toEnvironmentPolicy(response.data);
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) {
          return undefined;
        }
        throw error;
      }
    });
  }

  /** Creates or updates a deployment environment. */
  updateEnvironment(name: string, body: EnvironmentUpdate): Promise<EnvironmentPolicy> {
    return this.call('update an environment', async () => {
      const response = await this.write(`PUT /repos/{owner}/{repo}/environments/${path(name)}`, { ...body });
      return policies.toEnvironmentPolicy(response.data);
    });
  }

  /** The branch and tag patterns an environment with custom branch policies deploys from. */
  listDeploymentBranchPolicies(environment: string): Promise<BranchPolicyPattern[]> {
    return this.call('read deployment branch policies', async () => {
      const response = await this.get(
        `GET /repos/{owner}/{repo}/environments/${path(environment)}/deployment-branch-policies`,
        { per_page: PER_PAGE },
      );
      return policies.toBranchPolicyPatterns(response.data);
    });
  }

  /** Lets `environment` deploy from refs matching `pattern`. */
  createDeploymentBranchPolicy(environment: string, pattern: BranchPolicyPattern): Promise<void> {
    return this.call('add a deployment branch policy', async () => {
      await this.write(`POST /repos/{owner}/{repo}/environments/${path(environment)}/deployment-branch-policies`, {
        name: pattern.name,
        type: pattern.type,
      });
    });
  }

  /** The numeric id of the signed-in account (environment reviewers are named by id). */
  getAuthenticatedUserId(): Promise<number> {
    return this.call('read the signed-in user', async () => policies.toUserId((await this.get('GET /user', {})).data));
  }

  /** The account the token belongs to. */
  getAuthenticatedUser(): Promise<{ login: string }> {
    return this.call('read the signed-in user', async () => {
      const response = await this.get('GET /user', {});
      return { login: normalize.toLogin(response.data) };
    });
  }

  /** Deployments waiting for approval, and reviewing them. */
  get deploymentReviews(): DeploymentReviews {
    this.reviews ??= new DeploymentReviews(this.requests());
    return this.reviews;
  }

  /** Code and secret scanning, CodeQL default setup, dependency review. */
  get securityScanning(): SecurityScanning {
    this.scanning ??= new SecurityScanning(this.requests());
    return this.scanning;
  }

  /** This client's request primitives, for the endpoint groups kept in their own files. */
  private requests(): ClientRequests {
    return {
      host: this.host,
      webUrl: this.webUrl,
      call: (what, body) => this.call(what, body),
      getOne: (route, parameters, toData) => this.getOne(route, parameters, toData),
      getPages: (route, parameters, toItems, maxPages) => this.getPages(route, parameters, toItems, maxPages),
      refPath: path,
      write: (route, parameters) => this.write(route, parameters),
    };
  }

  private async call<T>(what: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const mapped = this.withoutToken(toGitHubError(error, this.host));
      const detail = error instanceof Error && error !== mapped ? ` (${this.scrub(error.message)})` : '';
      this.logger.debug(`GitHub: ${what} failed: ${mapped.kind}: ${mapped.message}${detail}`);
      throw mapped;
    }
  }

  private async get(route: string, parameters: Record<string, unknown>): Promise<AnyResponse> {
    const repository = route.includes('{owner}') ? { owner: this.owner, repo: this.repo } : {};
    const octokit = await this.octokit();
    return (await octokit.request(route, { ...repository, ...parameters })) as AnyResponse;
  }

  /** Writes are not retried: a POST that timed out may have happened, and repeating it could duplicate it. */
  private write(route: string, parameters: Record<string, unknown>): Promise<AnyResponse> {
    return this.get(route, { ...parameters, request: { retries: 0 } });
  }

  private async getOne<T>(
    route: string,
    parameters: Record<string, unknown>,
    toData: (raw: unknown) => T,
  ): Promise<Fetched<T>> {
    const response = await this.get(route, parameters);
    return { data: toData(response.data), notModified: this.cache.isNotModified(response) };
  }

  /** Follows `Link: rel="next"` for at most `maxPages` pages; not modified only when every page was. */
  private async getPages<T>(
    route: string,
    parameters: Record<string, unknown>,
    toItems: (raw: unknown) => readonly T[],
    maxPages = this.maxPages,
  ): Promise<Fetched<T[]>> {
    const items: T[] = [];
    let notModified = true;
    let response = await this.get(route, { per_page: PER_PAGE, ...parameters });
    for (let page = 1; ; page++) {
      items.push(...toItems(response.data));
      notModified &&= this.cache.isNotModified(response);
      const next = nextPageUrl(response.headers.link);
      if (next === undefined || new URL(next).origin !== this.apiOrigin) {
        break;
      }
      if (page >= Math.max(1, maxPages)) {
        this.logger.debug(`GitHub: stopped reading ${route} after ${page} pages.`);
        return { data: items, notModified, truncated: true };
      }
      response = (await (await this.octokit()).request({ method: 'GET', url: next })) as AnyResponse;
    }
    return { data: items, notModified };
  }

  /** The Octokit of this client, built on first use. */
  private octokit(): Promise<EnvFlowOctokit> {
    this.octokitReady ??= this.createOctokit();
    return this.octokitReady;
  }

  private async createOctokit(): Promise<EnvFlowOctokit> {
    const options = this.options;
    const retryBaseMs = options.retryBaseMs ?? 1000;
    const onLimit =
      (kind: string) =>
      (retryAfterSeconds: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        const retrying = retryCount === 0 && retryAfterSeconds <= MAX_RATE_LIMIT_WAIT_SECONDS;
        this.logger.warn(
          `GitHub ${kind} rate limit on ${request.method} ${this.scrub(request.url)}; ${retrying ? `retrying in ${retryAfterSeconds} s` : 'giving up until it resets'}.`,
        );
        return retrying;
      };
    octokitClass ??= import('./octokit.js').then(pluginOctokit);
    const octokit = new (await octokitClass)({
      auth: options.token,
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      userAgent: options.userAgent ?? 'EnvFlow',
      // Octokit's own debug log passes request options (with the Authorization header) as a
      // second argument; only the message text, redacted, reaches EnvFlow's log.
      log: {
        debug: (message: string) => this.logger.trace(this.scrub(message)),
        info: (message: string) => this.logger.trace(this.scrub(message)),
        warn: (message: string) => this.logger.warn(this.scrub(message)),
        error: (message: string) => this.logger.debug(this.scrub(message)),
      },
      request: {
        fetch: createGuardedFetch({
          apiOrigin: this.apiOrigin,
          timeoutMs: options.requestTimeoutMs ?? 15_000,
          maxBodyBytes: options.maxBodyBytes,
          onExchange: (exchange) => this.observe(exchange),
        }),
      },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: retryBaseMs,
        // The plugin only awaits `write|notifications.key(id).schedule(...)`; its Bottleneck type is wider than that.
        ...(options.writePacing === 'none' ? { write: NO_PACING as never, notifications: NO_PACING as never } : {}),
      },
      retry: { retries: RETRIES, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: retryBaseMs },
      [GUARD_HOST_OPTION]: this.host,
    });
    octokit.hook.wrap('request', (request, requestOptions) =>
      conditionalRequest(
        this.cache,
        (parameters) => octokit.request.endpoint.parse(parameters as never),
        request as unknown as HookRequest,
        requestOptions as unknown as HookOptions,
      ),
    );
    return octokit;
  }

  /** `redact` knows token shapes; this also hides this client's own token, whatever its shape. */
  private scrub(text: string): string {
    const token = this.options.token;
    // A token too short to be real would blank out ordinary words; real ones are 40+ characters.
    return token.length >= MIN_SCRUBBED_TOKEN_LENGTH ? redact(text).split(token).join('***') : redact(text);
  }

  /** A server may echo the token back in a message; the user never sees it in a sentence. */
  private withoutToken(error: GitHubError): GitHubError {
    if (this.scrub(error.message) === error.message) {
      return error;
    }
    return new GitHubError(error.kind, this.scrub(error.message), {
      status: error.status,
      retryAt: error.retryAt,
      cause: error.cause,
    });
  }

  private observe(exchange: ExchangeInfo): void {
    this.requestCount += 1;
    this.latestRateLimit = readRateLimit(exchange.headers) ?? this.latestRateLimit;
    this.latestPollInterval = readPollInterval(exchange.headers) ?? this.latestPollInterval;
    const notModified = exchange.status === 304;
    this.notModifiedCount += notModified ? 1 : 0;
    this.logger.trace(`GitHub: ${exchange.method} ${this.scrub(exchange.url)} → ${exchange.status}`);
    this.options.onRequest?.({ method: exchange.method, url: exchange.url, status: exchange.status, notModified });
  }
}

/**
 * Encodes each segment of a branch, tag or ref name, keeping its slashes as path
 * separators. An empty, `.` or `..` segment is refused: URL parsing would resolve it
 * and send the request to another endpoint (`main/../x` → `branches/x/protection`).
 */
function path(name: string): string {
  const segments = name.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new GitHubError(
      'validation',
      `${JSON.stringify(name)} is not a branch or ref name EnvFlow can ask GitHub about: check the branch settings.`,
    );
  }
  return segments.map(encodeURIComponent).join('/');
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\//, '');
}

function nextPageUrl(link: string | number | undefined): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(String(link ?? ''))?.[1];
}

function isNotProtected(error: unknown): boolean {
  const { status, response } = error as { status?: unknown; response?: { data?: { message?: unknown } } };
  return status === 404 && /not protected/i.test(String(response?.data?.message ?? ''));
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
