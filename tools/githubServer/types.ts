/**
 * The public vocabulary of the test GitHub server: its options, what it records, the
 * faults it can inject and the inputs of its helpers. GitHub's own value sets are kept
 * as string unions so a misspelt state fails to compile in a test.
 */

export interface GitHubServerOptions {
  readonly owner: string;
  readonly repo: string;
  /** Path of the bare origin repository; refs and SHAs are read from it with git. */
  readonly bareRepo: string;
  /** When set, every request must carry `Authorization: token <t>` or `Bearer <t>`, else 401. */
  readonly token?: string;
  /** Added to every response. */
  readonly latencyMs?: number;
  /** Default 0 (ephemeral); the server always binds 127.0.0.1. */
  readonly port?: number;
  /** When set, sent as `X-Poll-Interval` on every GET. */
  readonly pollIntervalSeconds?: number;
  /** `x-ratelimit-limit` (default 5000). */
  readonly rateLimit?: number;
  /** Base of every `html_url` (default https://github.com). */
  readonly webUrl?: string;
  /** Login of the token's user, as `GET /user` answers it (default `ada-developer`). */
  readonly login?: string;
  /**
   * `false` models a GitHub that does not honour `If-None-Match` on an endpoint: ETags
   * are still sent, but every GET answers 200 and costs rate limit (default true).
   */
  readonly conditionalRequests?: boolean;
  /** Time for rate-limit windows and abuse detection (default `Date.now`), so a simulated hour is an hour here too. */
  readonly now?: () => number;
  /** When set, requests beyond these limits answer GitHub's secondary-rate-limit 403 with `retry-after`. */
  readonly secondaryRateLimit?: SecondaryRateLimitOptions;
}

/**
 * GitHub's secondary limits (docs: "About secondary rate limits"): at most 100 concurrent
 * requests and 900 points a minute on REST (a GET is 1 point, a write 5). Tests pass
 * stricter numbers to prove a client stays polite.
 */
export interface SecondaryRateLimitOptions {
  readonly maxConcurrent: number;
  /** Points in any 60 s window (GET/HEAD 1, other methods 5). */
  readonly maxPointsPerMinute: number;
  /** Sent as `retry-after` (default 60). */
  readonly retryAfterSeconds?: number;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path with its query string, as the client sent it. */
  readonly path: string;
  /** Final HTTP status; 0 when the socket was destroyed without an answer. */
  status: number;
  /** Raw `Authorization` header, so tests can check where a token went. */
  readonly authorization?: string;
  readonly ifNoneMatch?: string;
  /** `User-Agent`: EnvFlow's client says `EnvFlow…`, a workflow step's curl `curl/…`. */
  readonly userAgent?: string;
  /** The server's clock (`now` option, default `Date.now()`) when the request arrived. */
  readonly at: number;
}

export interface ServerStats {
  total: number;
  notModified: number;
  rateLimitUsed: number;
  /** The most API requests the server was handling at one moment. */
  maxInFlight: number;
  /** Requests answered with a secondary-rate-limit 403 by the abuse detection (not by injected faults). */
  secondaryLimited: number;
}

export interface FaultMatch {
  readonly method?: string;
  readonly path?: RegExp;
}

/** Which requests a fault hits and how often (`times` defaults to 1; `Infinity` is allowed). */
interface FaultBase {
  readonly match?: FaultMatch;
  readonly times?: number;
}

export type Fault = FaultBase &
  (
    | { readonly kind: 'latency'; readonly ms: number }
    /** 403 is a plain refusal (a token without the permission), not a rate limit. */
    | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 403 | 404 | 410 | 422 }
    | { readonly kind: 'reset' }
    /** Reads the request and never answers: only the client's own timeout ends it. */
    | { readonly kind: 'hang' }
    | { readonly kind: 'unauthorized' }
    | { readonly kind: 'rateLimitPrimary'; readonly resetInSeconds?: number }
    | { readonly kind: 'rateLimitSecondary'; readonly retryAfterSeconds?: number; readonly status?: 403 | 429 }
    | { readonly kind: 'malformedJson' }
    | { readonly kind: 'truncatedJson' }
    | { readonly kind: 'dropAfterWrite' }
    | { readonly kind: 'redirect'; readonly location: string; readonly status?: 301 | 307 }
  );

export type FaultKind = Fault['kind'];

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed';
export type CheckRunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface CheckRunInput {
  readonly name: string;
  readonly status: CheckRunStatus;
  readonly conclusion?: CheckRunConclusion;
  readonly details_url?: string;
  readonly summary?: string;
}

export type CheckRunPatch = Partial<CheckRunInput>;

export type CommitState = 'error' | 'failure' | 'pending' | 'success';

export interface CommitStatusInput {
  readonly state: CommitState;
  readonly context: string;
  readonly description?: string;
  readonly target_url?: string;
}

export interface DeploymentInput {
  readonly ref: string;
  /** Resolved from `ref` in the bare repository when omitted. */
  readonly sha?: string;
  readonly environment: string;
  readonly description?: string;
  readonly task?: string;
  readonly payload?: Record<string, unknown> | string;
  readonly transient_environment?: boolean;
  readonly production_environment?: boolean;
  /** Who GitHub names as the creator (default: the token's user); `github-actions[bot]` for a job's own record. */
  readonly creator?: string;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatusInput {
  readonly state: DeploymentState;
  readonly description?: string;
  readonly environment_url?: string;
  readonly log_url?: string;
}

/** One status a scripted environment adds, `afterMs` after the previous one. */
export interface DeploymentScriptStep extends DeploymentStatusInput {
  readonly afterMs: number;
}

export interface PullRequestInput {
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body?: string;
  readonly draft?: boolean;
}

export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface DependabotAlertInput {
  readonly severity: AlertSeverity;
  readonly package: string;
  readonly summary: string;
  readonly state?: 'open' | 'dismissed' | 'fixed';
  /** Default `npm`. */
  readonly ecosystem?: string;
}

export type DependabotMode = 'enabled' | 'disabled' | 'forbidden';

export interface WorkflowJobInput {
  readonly name: string;
  readonly status: CheckRunStatus;
  readonly conclusion?: CheckRunConclusion;
  /** Plain-text log lines, as a runner writes them (each may start with a timestamp). */
  readonly log?: string;
}

export interface WorkflowRunInput {
  /** Workflow name; a workflow (`.github/workflows/<slug>.yml`) is registered on first use. */
  readonly name: string;
  readonly branch: string;
  /** Resolved from `branch` when omitted. */
  readonly sha?: string;
  readonly event?: string;
  /** `run-name`'s value; GitHub shows the head commit's subject without one. */
  readonly displayTitle?: string;
  /** The workflow file (`.github/workflows/deploy.yml`); derived from `name` when omitted. */
  readonly path?: string;
  readonly status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  readonly conclusion?: CheckRunConclusion;
}
