/**
 * Reads the GitHub half of a snapshot with as few requests as possible.
 *
 * Every GET is conditional (the client's ETag cache), so an unchanged answer costs no
 * rate limit; on top of that this reader skips requests whose answer cannot have
 * changed: checks of a commit whose checks all finished, statuses of a deployment that
 * reached a final state. Those are re-checked now and then, at most one item a
 * refresh, so a steady-state refresh costs a constant 3–7 requests however many pull
 * requests and deployments the repository has (one page of pull requests, plus the
 * branch's own and the release PR by name when there are more than a page). Security
 * alerts share that one re-check a refresh; deployments waiting for approval are listed
 * only while a run is under way or something waits (approvalReads.ts).
 *
 * Each read fails on its own (a 403 on reviews, a check-runs timeout): the parts it feeds
 * keep their last good value and `readErrors` says why, while the other reads stay
 * fresh. Only when GitHub answers none of the first reads, or rejects the token, or the
 * rate limit is used up, does the whole read fail.
 */
import type { Fetched, GitHubClient, RawDeployment } from '../github';
import { GitHubError } from '../github/errors';
import { contractFields, withoutJobRecords } from './deploymentContract';
import { Limiter } from '../util/limiter';
import { combineDeploymentState, isFinalDeploymentState, summarizeChecks } from './checks';
import { isGlobalFailure, ReadFailures, settle, type Settled } from './readFailures';
import type { FlowConfig } from '../model/flowConfig';
import { ApprovalReads, type ApprovalsPort } from './approvalReads';
import { ScanningReads, type ScanningPort } from './scanningReads';
import type { LiveRules } from '../model/liveRules';
import { LiveRulesReader, type LiveRulesPort, type RulesSection, type RulesSectionName } from './liveRulesReader';
import type {
  CheckSummary,
  CodeScanningPart,
  DeploymentInfo,
  PullRequestInfo,
  ReadErrors,
  ReviewState,
  SecretScanningPart,
  SecurityAlerts,
  WaitingApproval,
} from '../model/snapshot';

/** The client methods this reader uses (GitHubClient satisfies it). */
export type GitHubReadPort = Pick<
  GitHubClient,
  | 'listOpenPullRequests'
  | 'listDeployments'
  | 'listDeploymentStatuses'
  | 'listCheckRuns'
  | 'getCombinedStatus'
  | 'listDependabotAlerts'
  | 'getPullRequestReview'
  | 'rateLimit'
  | 'pollIntervalSeconds'
  | 'requestCount'
  | 'notModifiedCount'
  | 'owner'
> &
  LiveRulesPort &
  // Optional so a port scripted for the older reads still is one: without them these rows stay empty.
  Partial<ApprovalsPort & ScanningPort>;

export interface GitHubParts {
  /** Every open pull request, newest first; undefined while they could never be read. */
  readonly pullRequests?: readonly PullRequestInfo[];
  readonly developmentDeployment?: DeploymentInfo;
  /** Production deployments, newest first. */
  readonly productionHistory: readonly DeploymentInfo[];
  readonly checksBySha: ReadonlyMap<string, CheckSummary>;
  readonly reviews: ReadonlyMap<number, ReviewState>;
  readonly security?: SecurityAlerts;
  /** Deployments waiting for a review, every environment's, oldest wait first. */
  readonly approvals?: readonly WaitingApproval[];
  readonly codeScanning?: CodeScanningPart;
  readonly secretScanning?: SecretScanningPart;
  /** The rules GitHub enforces under each environment, by section; a section is absent until read. */
  readonly liveRules?: Partial<Record<RulesSectionName, LiveRules>>;
  /** The reads that failed this time; their parts above are the last good values. */
  readonly readErrors: ReadErrors;
}

export interface GitHubReadInput {
  /** Commits whose checks the snapshot shows (develop head, production head, HEAD, the branch's PR head). */
  readonly shas: readonly string[];
  /** The checked-out branch: its pull request's review state and head checks are read too. */
  readonly branch?: string;
  /**
   * Also read the checks of the open pull requests into this base branch (at most 20):
   * only while the user looks at them, so a poll's cost does not grow with their number.
   */
  readonly pullRequestChecksFor?: string;
  /** The sections whose environment and branch rules to read (default both): a branch that does not exist has none. */
  readonly rulesFor?: readonly RulesSectionName[];
}

export interface GitHubReaderOptions {
  /** Production deployments kept as history (default 10). */
  readonly historySize?: number;
  /** A finished answer is re-checked after this many refreshes (default 10). */
  readonly recheckAfter?: number;
  /** Requests in flight at most (default 4). */
  readonly concurrency?: number;
}

interface Memo<T> {
  readonly value: T;
  readonly tick: number;
  /** True when the answer can still change by itself (pending checks, running deployment). */
  readonly live: boolean;
}

type DeploymentStatusPart = Pick<DeploymentInfo, 'state' | 'description' | 'environmentUrl' | 'logUrl' | 'updatedAt'>;

export class GitHubReader {
  private tick = 0;
  private readonly checks = new Map<string, Memo<CheckSummary>>();
  /** Bumped by forgetFinishedChecks, so a read already under way then cannot store its older answer as final. */
  private checksForgotten = 0;
  private readonly statuses = new Map<number, Memo<DeploymentStatusPart>>();
  private readonly reviewMemo = new Map<string, Memo<ReviewState> & { readonly updatedAt?: string }>();
  private security?: Memo<SecurityAlerts>;
  /** The latest review state of each pull request, whatever its head: what a failed review read shows. */
  private readonly lastReview = new Map<number, ReviewState>();
  /** What the previous read returned: the last good value of a read that fails. */
  private last?: GitHubParts;
  private rechecksThisTick = 0;
  private readonly limiter: Limiter;
  private readonly historySize: number;
  private readonly recheckAfter: number;
  private readonly approvalReads?: ApprovalReads;
  private readonly scanningReads?: ScanningReads;
  private readonly liveRules: LiveRulesReader;

  constructor(
    private readonly client: GitHubReadPort,
    private readonly config: () => FlowConfig,
    options: GitHubReaderOptions = {},
  ) {
    // Four in flight: the first refresh asks about 25 questions, and at two at a time their
    // round trips, not GitHub, set when the tree is full.
    this.limiter = new Limiter(options.concurrency ?? 4);
    this.historySize = options.historySize ?? 10;
    this.recheckAfter = options.recheckAfter ?? 10;
    const { deploymentReviews, getAuthenticatedUser, securityScanning, webUrl } = client;
    if (deploymentReviews && getAuthenticatedUser) {
      this.approvalReads = new ApprovalReads({
        deploymentReviews,
        getAuthenticatedUser: () => getAuthenticatedUser.call(client),
      });
    }
    if (securityScanning && webUrl) {
      this.scanningReads = new ScanningReads({ securityScanning, webUrl });
    }
    this.liveRules = new LiveRulesReader(client, (request) => this.limiter.run(request));
  }

  /**
   * Reads every commit's checks again next time, finished ones included: after a re-run
   * GitHub moves checks EnvFlow took as final. Conditional requests keep it cheap.
   */
  forgetFinishedChecks(): void {
    this.checks.clear();
    this.checksForgotten += 1;
  }

  async read(input: GitHubReadInput): Promise<GitHubParts> {
    this.tick++;
    this.rechecksThisTick = 0;
    const config = this.config();
    const failures = new ReadFailures();
    const first = await Promise.all([
      settle(this.get(() => this.client.listOpenPullRequests({}, 1))),
      settle(this.get(() => this.client.listDeployments(config.developmentEnvironment, 1))),
      settle(this.get(() => this.client.listDeployments(config.productionEnvironment, this.historySize))),
    ]);
    const [newest, development, production] = first;
    const global = first.find((answer) => !answer.ok && !isReadFailure(answer.error));
    if (global && !global.ok) {
      // Before the next reads start: they would meet the same rejected token or rate limit.
      throw global.error;
    }
    if (!newest.ok && !development.ok && !production.ok) {
      // Nothing got through: GitHub (or the way to it) failed as a whole, not one read.
      throw newest.error;
    }
    const pulls = newest.ok
      ? await this.withOwnPullRequests(newest.value, input.branch, config, failures)
      : this.lastPullRequests(failures, newest.error);
    // The branch's PR comes from this very answer, so one refresh reads everything it needs.
    const branchPr = input.branch
      ? pulls?.data.find((p) => p.headRef === input.branch && p.baseRef !== input.branch)
      : undefined;
    const listed =
      input.pullRequestChecksFor && pulls
        ? pulls.data
            .filter((p) => p.baseRef === input.pullRequestChecksFor)
            .slice(0, 20)
            .map((p) => p.headSha)
        : [];
    const shas = [...new Set([...input.shas, branchPr?.headSha, ...listed].filter((s): s is string => !!s))];
    const [developmentInfo, productionHistory, checkEntries, reviews, security, scanning, liveRules] =
      await Promise.all([
        this.environment(development, 'development', failures, this.last?.developmentDeployment, (data) =>
          data[0] ? this.deployment(data[0], true, failures) : Promise.resolve(undefined),
        ),
        this.environment(production, 'production', failures, this.last?.productionHistory ?? [], (data) =>
          Promise.all(data.map((d, index) => this.deployment(d, index === 0, failures))),
        ),
        Promise.all(shas.map(async (sha) => [sha, await this.checksFor(sha, failures)] as const)),
        pulls
          ? this.reviews(pulls, branchPr ? [branchPr.number] : [], failures)
          : Promise.resolve(new Map<number, ReviewState>()),
        this.securityAlerts(failures),
        this.scanningReads?.read(
          this.tick,
          (request) => this.get(request),
          failures,
          (lastTick) => this.spendRecheck(lastTick),
        ),
        this.liveRules.read(
          this.rulesSections(input, config, { development, production }),
          failures,
          this.tick,
          (lastTick) => this.spendRecheck(lastTick),
        ),
      ]);
    const checkEntriesDefined = checkEntries.filter(
      (entry): entry is readonly [string, CheckSummary] => entry[1] !== undefined,
    );
    const busy =
      checkEntriesDefined.some(([, summary]) => summary.state === 'pending') ||
      [developmentInfo, productionHistory[0]].some((d) => d !== undefined && !isFinalDeploymentState(d.state));
    const approvals = await this.approvalReads?.read(
      this.tick,
      (request) => this.get(request),
      failures,
      busy,
      (lastTick) => this.spendRecheck(lastTick),
    );
    const parts: GitHubParts = {
      pullRequests: pulls?.data,
      developmentDeployment: developmentInfo,
      productionHistory,
      checksBySha: new Map(checkEntriesDefined),
      reviews,
      security,
      approvals,
      codeScanning: scanning?.codeScanning,
      secretScanning: scanning?.secretScanning,
      liveRules,
      readErrors: failures.toReadErrors(),
    };
    this.last = parts;
    return parts;
  }

  private rulesSections(
    input: GitHubReadInput,
    config: FlowConfig,
    deployments: Record<RulesSectionName, Settled<Fetched<RawDeployment[]>>>,
  ): RulesSection[] {
    const sections = input.rulesFor ?? ['development', 'production'];
    return sections.map((section) => {
      const listed = deployments[section];
      return {
        section,
        environment: section === 'development' ? config.developmentEnvironment : config.productionEnvironment,
        branch: section === 'development' ? config.developBranch : config.productionBranch,
        deploymentsChanged: listed.ok && !listed.value.notModified,
      };
    });
  }

  /** The pull requests of the last read, when this read of them failed; undefined when there were none. */
  private lastPullRequests(failures: ReadFailures, error: unknown): Fetched<PullRequestInfo[]> | undefined {
    failures.add('pullRequests', error);
    const last = this.last?.pullRequests;
    // "Not modified" keeps what was derived from them (reviews) as it was.
    return last ? { data: [...last], notModified: true } : undefined;
  }

  /** One environment's deployments, or the last good ones when listing them failed. */
  private async environment<T>(
    listed: Settled<Fetched<RawDeployment[]>>,
    section: 'development' | 'production',
    failures: ReadFailures,
    last: T,
    build: (data: RawDeployment[]) => Promise<T>,
  ): Promise<T> {
    if (listed.ok) {
      return build(withoutJobRecords(listed.value.data));
    }
    failures.add('deployments', listed.error, section);
    return last;
  }

  /**
   * One page (the newest 100) of open pull requests keeps a refresh's cost flat however
   * many are open; when there are more, the two the snapshot needs by name (the
   * branch's own and the release PR develop → production) are asked for directly.
   */
  private async withOwnPullRequests(
    newest: Fetched<PullRequestInfo[]>,
    branch: string | undefined,
    config: FlowConfig,
    failures: ReadFailures,
  ): Promise<Fetched<PullRequestInfo[]>> {
    if (!newest.truncated) {
      return newest;
    }
    const has = (head: string, base?: string) =>
      newest.data.some((p) => p.headRef === head && (base === undefined ? p.baseRef !== head : p.baseRef === base));
    const wanted: { head: string; base?: string }[] = [];
    if (branch && !has(branch)) {
      wanted.push({ head: branch });
    }
    if (branch !== config.developBranch && !has(config.developBranch, config.productionBranch)) {
      wanted.push({ head: config.developBranch, base: config.productionBranch });
    }
    const found = await Promise.all(
      wanted.map(async ({ head, base }) => {
        const answer = await settle(
          this.get(() => this.client.listOpenPullRequests({ head: `${this.client.owner}:${head}`, base }, 1)),
        );
        if (answer.ok) {
          return answer.value;
        }
        failures.add('pullRequests', answer.error);
        const last = (this.last?.pullRequests ?? []).filter(
          (p) => p.headRef === head && (base === undefined ? p.baseRef !== head : p.baseRef === base),
        );
        return { data: last, notModified: true };
      }),
    );
    const numbers = new Set(newest.data.map((p) => p.number));
    return {
      data: [...newest.data, ...found.flatMap((f) => f.data).filter((p) => !numbers.has(p.number))],
      notModified: newest.notModified && found.every((f) => f.notModified),
      truncated: true,
    };
  }

  private get<T>(request: () => Promise<Fetched<T>>): Promise<Fetched<T>> {
    return this.limiter.run(request);
  }

  /** Whether a memo must be fetched again this refresh; spends the recheck budget. */
  private due(memo: Memo<unknown> | undefined): boolean {
    return !memo || memo.live || this.spendRecheck(memo.tick);
  }

  /**
   * Whether an answer that cannot change by itself, read at `lastTick`, is read again now.
   * One such re-read a refresh keeps an unchanged refresh's cost flat however many reads
   * there are; re-checking every refresh (`recheckAfter` 1) has no such limit.
   */
  private spendRecheck(lastTick: number): boolean {
    if (this.tick - lastTick >= this.recheckAfter && (this.rechecksThisTick === 0 || this.recheckAfter <= 1)) {
      this.rechecksThisTick++;
      return true;
    }
    return false;
  }

  /**
   * Undefined when GitHub does not know the commit (not pushed yet): that is no failure.
   * When one of its two reads fails, the commit keeps its last known checks.
   */
  private async checksFor(sha: string, failures: ReadFailures): Promise<CheckSummary | undefined> {
    const memo = this.checks.get(sha);
    if (!this.due(memo)) {
      return memo!.value;
    }
    const forgotten = this.checksForgotten;
    const [runs, statuses] = await Promise.all([
      settle(this.get(() => this.client.listCheckRuns(sha))),
      settle(this.get(() => this.client.getCombinedStatus(sha))),
    ]);
    if (runs.ok && statuses.ok) {
      const summary = summarizeChecks([...runs.value.data, ...statuses.value.data]);
      const overtaken = forgotten !== this.checksForgotten;
      this.checks.set(sha, { value: summary, tick: this.tick, live: summary.state === 'pending' || overtaken });
      return summary;
    }
    if (!memo && !runs.ok && !statuses.ok && isUnknownCommit(runs.error) && isUnknownCommit(statuses.error)) {
      return undefined;
    }
    if (memo) {
      this.checks.set(sha, retryNextTime(memo));
    }
    if (!runs.ok) {
      failures.add('checkRuns', runs.error, sha);
    }
    if (!statuses.ok) {
      failures.add('commitStatuses', statuses.error, sha);
    }
    return memo?.value;
  }

  /**
   * A deployment with its latest status. Only the newest deployment of an environment
   * is fetched whenever due; older ones only until their final state is known, at most
   * one unknown one per refresh, so a long history fills in over a few refreshes.
   */
  private async deployment(raw: RawDeployment, newest: boolean, failures: ReadFailures): Promise<DeploymentInfo> {
    const memo = this.statuses.get(raw.id);
    let status = memo?.value;
    const fetch = newest ? this.due(memo) : !memo && this.rechecksThisTick++ < 1;
    if (fetch) {
      const statuses = await settle(this.get(() => this.client.listDeploymentStatuses(raw.id, 1)));
      if (statuses.ok) {
        const latest = statuses.value.data[0];
        const state = combineDeploymentState(statuses.value.data);
        status = {
          state,
          description: latest?.description || undefined,
          environmentUrl: latest?.environmentUrl || undefined,
          logUrl: latest?.logUrl || undefined,
          updatedAt: latest?.createdAt ?? raw.updatedAt,
        };
        this.statuses.set(raw.id, { value: status, tick: this.tick, live: !isFinalDeploymentState(state) });
      } else {
        if (memo) {
          this.statuses.set(raw.id, retryNextTime(memo));
        }
        failures.add('deploymentStatuses', statuses.error, raw.id);
      }
    }
    return {
      id: raw.id,
      sha: raw.sha,
      ref: raw.ref,
      environment: raw.environment,
      createdAt: raw.createdAt,
      creator: raw.creator,
      state: status?.state ?? 'none',
      description: status?.description ?? raw.description ?? undefined,
      environmentUrl: status?.environmentUrl,
      logUrl: status?.logUrl,
      updatedAt: status?.updatedAt ?? raw.updatedAt,
      ...contractFields(raw, status),
    };
  }

  private async reviews(
    pulls: Fetched<readonly PullRequestInfo[]>,
    numbers: readonly number[],
    failures: ReadFailures,
  ): Promise<Map<number, ReviewState>> {
    const result = new Map<number, ReviewState>();
    await Promise.all(
      numbers.map(async (number) => {
        const pr = pulls.data.find((p) => p.number === number);
        if (!pr) {
          return;
        }
        // A review changes the pull request's `updated_at`, so an unchanged (304) list, or
        // an unchanged `updated_at` where GitHub sent no 304, means an unchanged review
        // (re-checked now and then, as `updated_at` has one-second resolution); a new
        // head commit may dismiss reviews.
        const key = `${number}@${pr.headSha}`;
        const memo = this.reviewMemo.get(key);
        if (
          memo &&
          (pulls.notModified || (pr.updatedAt !== undefined && memo.updatedAt === pr.updatedAt && !this.due(memo)))
        ) {
          result.set(number, memo.value);
          return;
        }
        const review = await settle(this.limiter.run(() => this.client.getPullRequestReview(number)));
        if (!review.ok) {
          this.reviewMemo.delete(key);
          failures.add('reviews', review.error, number);
          const last = this.lastReview.get(number);
          if (last !== undefined) {
            result.set(number, last);
          }
          return;
        }
        this.reviewMemo.set(key, { value: review.value, tick: this.tick, live: false, updatedAt: pr.updatedAt });
        this.lastReview.set(number, review.value);
        result.set(number, review.value);
      }),
    );
    return result;
  }

  private async securityAlerts(failures: ReadFailures): Promise<SecurityAlerts | undefined> {
    if (!this.due(this.security) && this.security) {
      return this.security.value;
    }
    const alerts = await settle(this.get(() => this.client.listDependabotAlerts()));
    if (!alerts.ok) {
      this.security = this.security && retryNextTime(this.security);
      failures.add('securityAlerts', alerts.error);
      return this.security?.value;
    }
    this.security = { value: alerts.value.data, tick: this.tick, live: false };
    return alerts.value.data;
  }
}

/** A failed re-read keeps the value but asks again next refresh, instead of trusting it for many. */
function retryNextTime<T>(memo: Memo<T>): Memo<T> {
  return { ...memo, live: true };
}

/** A failure that concerns one read only (not a rejected token, a used-up rate limit, or a bug). */
function isReadFailure(error: unknown): boolean {
  return error instanceof GitHubError && !isGlobalFailure(error);
}

/** GitHub's answer for a commit it has not seen (not pushed yet). */
function isUnknownCommit(error: unknown): boolean {
  return error instanceof GitHubError && (error.kind === 'notFound' || error.kind === 'validation');
}
