/**
 * One repository's workflow state: reads git and GitHub into a RepositorySnapshot and
 * says what changed since the last one. The VS Code layer drives it (when to refresh)
 * and renders it (tree, status bar, alerts); nothing here knows about VS Code.
 */
import type { GitHubRemote } from '../git/remote';
import { parseGitHubRemote } from '../git/remote';
import type { LocalGitState } from '../git/repository';
import type { RefScope } from '../git/state';
import { toGitHubError } from '../github/errors';
import { silentLogger, type Logger } from '../log';
import type { FlowConfig } from '../model/flowConfig';
import { checkFlowConfig } from './configCheck';
import { diff, type Transition } from './diff';
import { GitHubReader, type GitHubParts, type GitHubReaderOptions, type GitHubReadPort } from './githubReader';
import type {
  GitHubConnection,
  GitHubRead,
  LocalTestRecord,
  ReadError,
  LocalTestState,
  RepositorySnapshot,
} from '../model/snapshot';
import { assembleSnapshot } from './assemble';

/** The git operations a refresh needs (GitRepository satisfies it). */
export interface GitReadPort {
  readonly root: string;
  readState(developRef: string, productionRef: string, scope?: RefScope): Promise<LocalGitState>;
  fetch(remote?: string, refs?: readonly string[]): Promise<void>;
  treeFingerprint(): Promise<string>;
  remotes(): Promise<readonly { name: string; fetchUrl: string; pushUrl: string }[]>;
}

/** The GitHub side for a remote: a client, or why there is none. */
export type GitHubConnector = (remote: GitHubRemote) => Promise<GitHubReadPort | undefined>;

export interface RepositoryModelOptions {
  readonly git: GitReadPort;
  readonly config: () => FlowConfig;
  /** Returns a client for the remote, or undefined when signed out. */
  readonly connect: GitHubConnector;
  readonly testRecord: () => LocalTestRecord | undefined;
  readonly logger?: Logger;
  readonly now?: () => number;
  /**
   * Fetch develop and main from origin on the 2nd full refresh and every `fetchEvery`
   * after (default 10, about every 5 minutes at the default interval), so they move
   * without the user fetching. 0 turns it off; so does `autoFetch: false` in the config.
   */
  readonly fetchEvery?: number;
  /** How the GitHub reader paces re-reads (tests shorten it). */
  readonly readerOptions?: GitHubReaderOptions;
}

/** GitHub's pacing hints and what the last full refresh cost, for the poll scheduler. */
export interface GitHubLimits {
  readonly pollIntervalSeconds?: number;
  readonly rateLimit?: { readonly remaining: number; readonly resetAt: Date };
  /** Requests of the last full refresh that cost rate limit (answers other than 304). */
  readonly lastRefreshChargedRequests?: number;
}

export interface RefreshResult {
  readonly snapshot: RepositorySnapshot;
  readonly transitions: readonly Transition[];
}

/**
 * `local` re-reads git only and keeps the GitHub parts (file and ref changes);
 * `full` also asks GitHub (poll ticks, explicit refresh).
 */
export type RefreshKind = 'local' | 'full';

export class RepositoryModel {
  private current?: RepositorySnapshot;
  private github?: GitHubParts;
  private connection: GitHubConnection = { state: 'signedOut' };
  private remote?: GitHubRemote | { reason: string };
  /** The `envflow.github.apiUrl` the cached remote was parsed with. */
  private remoteApiUrl?: string;
  /** Bumped by every invalidation, so a lookup that straddles one is not cached. */
  private remoteGeneration = 0;
  private reader?: { client: GitHubReadPort; reader: GitHubReader };
  private readonly readers = new WeakMap<GitHubReadPort, GitHubReader>();
  private fullRefreshes = 0;
  private lastRefreshChargedRequests?: number;
  private pullRequestDetails = false;
  private recheckPending = false;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(private readonly options: RepositoryModelOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  get root(): string {
    return this.options.git.root;
  }

  get snapshot(): RepositorySnapshot | undefined {
    return this.current;
  }

  /** The GitHub repository of `origin`, or why there is none. */
  githubRemote(): Promise<GitHubRemote | { reason: string }> {
    return this.resolveRemote(this.options.config());
  }

  /** Forget the remote (after `.git/config` or `envflow.github.apiUrl` changed). */
  invalidateRemote(): void {
    this.remote = undefined;
    this.remoteGeneration += 1;
    this.reader = undefined;
  }

  /** Whether refreshes read the checks of every open PR into develop (while they are shown). */
  setPullRequestDetails(shown: boolean): void {
    this.pullRequestDetails = shown;
  }

  /** GitHub's pacing hints from the latest response and the last refresh's cost, for the poll scheduler. */
  githubLimits(): GitHubLimits {
    const client = this.reader?.client;
    return {
      pollIntervalSeconds: client?.pollIntervalSeconds,
      rateLimit: client?.rateLimit,
      lastRefreshChargedRequests: this.lastRefreshChargedRequests,
    };
  }

  /** The next refresh reads finished checks again (after a re-run of failed jobs). */
  recheckChecks(): void {
    // Between an invalidation and the next refresh there is no reader yet, but the one that
    // refresh takes back (same client) still holds the old checks: it forgets them then.
    this.recheckPending = true;
    this.reader?.reader.forgetFinishedChecks();
  }

  /** Forget the GitHub client (after sign-in or sign-out). */
  invalidateConnection(): void {
    this.reader = undefined;
  }

  async refresh(kind: RefreshKind = 'full'): Promise<RefreshResult> {
    const config = this.options.config();
    const git = this.options.git;
    if (kind === 'full') {
      await this.fetchNowAndThen(config);
    }
    const state = await git.readState(config.developBranch, config.productionBranch, 'flow');
    const tests = await this.testState(state);
    if (kind === 'full' || !this.github) {
      await this.refreshGitHub(state, config);
    }
    const next = assembleSnapshot({
      root: git.root,
      takenAt: new Date(this.now()).toISOString(),
      config,
      git: state,
      tests,
      remote: this.remote && 'owner' in this.remote ? this.remote : undefined,
      connection: this.connection,
      github: this.github,
    });
    const transitions = diff(this.current, next);
    this.current = next;
    return { snapshot: next, transitions };
  }

  /**
   * A background fetch of the two environment branches only, never one the user cannot
   * turn off (`autoFetch`); failing (offline, credentials needed) only costs a log line.
   */
  private async fetchNowAndThen(config: FlowConfig): Promise<void> {
    const every = this.options.fetchEvery ?? 10;
    this.fullRefreshes++;
    if (
      !config.autoFetch ||
      every <= 0 ||
      this.fullRefreshes % every !== 2 % every ||
      this.connection.state === 'localOnly'
    ) {
      return;
    }
    try {
      this.logger.debug(`background fetch of ${config.developBranch} and ${config.productionBranch}`);
      await this.options.git.fetch('origin', [config.developBranch, config.productionBranch]);
    } catch (error) {
      this.logger.info(`background fetch failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async refreshGitHub(state: LocalGitState, config: FlowConfig): Promise<void> {
    this.lastRefreshChargedRequests = 0;
    const remote = await this.resolveRemote(config);
    if (!('owner' in remote)) {
      // Logged once per reason (an http:// API URL refused, a bad branch setting), not on every poll.
      if (this.connection.state !== 'localOnly' || this.connection.reason !== remote.reason) {
        this.logger.info(`GitHub not used: ${remote.reason}`);
      }
      this.connection = { state: 'localOnly', reason: remote.reason };
      this.github = undefined;
      return;
    }
    if (!this.reader) {
      const client = await this.options.connect(remote);
      if (!client) {
        this.connection = { state: 'signedOut' };
        this.github = undefined;
        return;
      }
      // The same client (same host, repository and token) keeps what its reader knows.
      let reader = this.readers.get(client);
      if (!reader) {
        reader = new GitHubReader(client, this.options.config, this.options.readerOptions);
        this.readers.set(client, reader);
        this.logger.info(`connected to GitHub for ${remote.owner}/${remote.repo} at ${remote.apiUrl}`);
      }
      this.reader = { client, reader };
    }
    // While GitHub's rate limit is used up, asking again only earns another 403.
    if (
      this.connection.state === 'error' &&
      this.connection.retryAt &&
      Date.parse(this.connection.retryAt) > this.now()
    ) {
      return;
    }
    if (this.recheckPending) {
      this.recheckPending = false;
      this.reader.reader.forgetFinishedChecks();
    }
    const client = this.reader.client;
    const chargedBefore = client.requestCount - client.notModifiedCount;
    try {
      // HEAD's checks only once GitHub can have them: pushed, or one of the long-lived heads.
      const headOnRemote =
        state.headSha !== undefined &&
        ((state.upstream !== undefined && state.aheadOfUpstream === 0) ||
          state.headSha === state.develop?.sha ||
          state.headSha === state.production?.sha);
      const previous = this.github?.readErrors;
      this.github = await this.reader.reader.read({
        shas: [state.develop?.sha, state.production?.sha, headOnRemote ? state.headSha : undefined].filter(
          (s): s is string => !!s,
        ),
        branch: state.branch,
        pullRequestChecksFor: this.pullRequestDetails ? config.developBranch : undefined,
        rulesFor: (['development', 'production'] as const).filter((section) =>
          section === 'development' ? state.develop : state.production,
        ),
      });
      this.connection = { state: 'ok' };
      // Once per new failure, not once per poll while it lasts.
      for (const [read, error] of Object.entries(this.github.readErrors) as [GitHubRead, ReadError][]) {
        if (previous?.[read]?.message !== error.message) {
          this.logger.warn(`GitHub read failed alone: ${error.message}`);
        }
      }
    } catch (error) {
      const failure = toGitHubError(error, remote.host);
      this.logger.warn(`GitHub refresh failed: ${failure.message}`);
      this.connection = {
        state: 'error',
        kind: failure.kind,
        message: failure.message,
        retryAt: failure.retryAt?.toISOString(),
      };
    } finally {
      this.lastRefreshChargedRequests = client.requestCount - client.notModifiedCount - chargedBefore;
    }
  }

  private async resolveRemote(config: FlowConfig): Promise<GitHubRemote | { reason: string }> {
    // Every GitHub request (refreshes and commands) starts here, so a bad name never reaches an API path.
    const invalidSetting = checkFlowConfig(config);
    if (invalidSetting !== undefined) {
      return { reason: invalidSetting };
    }
    if (this.remote && this.remoteApiUrl === config.apiUrl) {
      return this.remote;
    }
    // A refresh that began before a settings or .git/config change must not cache what
    // it read with the old values: every later refresh would keep using it.
    const generation = this.remoteGeneration;
    const remotes = await this.options.git.remotes();
    const origin = remotes.find((r) => r.name === 'origin') ?? (remotes.length === 1 ? remotes[0] : undefined);
    const remote = origin
      ? parseGitHubRemote(origin.fetchUrl, config.apiUrl)
      : {
          reason: remotes.length
            ? 'This repository has several remotes and none is named origin: EnvFlow works in local-only mode.'
            : 'This repository has no remote: EnvFlow works in local-only mode.',
        };
    if (generation === this.remoteGeneration) {
      this.remote = remote;
      this.remoteApiUrl = config.apiUrl;
    }
    return remote;
  }

  /** Passed/failed only for the exact commit and working tree the tests ran on. */
  private async testState(state: LocalGitState): Promise<{ state: LocalTestState; record?: LocalTestRecord }> {
    const record = this.options.testRecord();
    if (!record) {
      return { state: 'notRun' };
    }
    if (!state.headSha || record.commit !== state.headSha) {
      return { state: 'stale', record };
    }
    const fingerprint = await fingerprintOf(this.options.git, state);
    return { state: fingerprint === record.treeFingerprint ? record.outcome : 'stale', record };
  }
}

/**
 * Identifies HEAD plus the working tree. A clean tree is identified by its commit
 * alone, which costs no git process; only a dirty tree is hashed.
 */
export async function fingerprintOf(
  git: Pick<GitReadPort, 'treeFingerprint'>,
  state: Pick<LocalGitState, 'headSha' | 'changes'>,
): Promise<string> {
  const c = state.changes;
  if (c.staged + c.unstaged + c.untracked + c.conflicted === 0) {
    return `clean:${state.headSha ?? 'unborn'}`;
  }
  return git.treeFingerprint();
}

export type { Transition };
