/**
 * The narrow services a use case receives: the repository it acts on and nothing of
 * the extension's wiring. The command pipeline builds them (one way to find the
 * repository, one way to reach GitHub); tests build them over a fixture repository.
 */
import type { FlowConfig } from '../model/flowConfig';
import type { LocalTestRecord, RepositorySnapshot } from '../model/snapshot';
import type { GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import type { HistoryReader } from '../release/historyReader';
import type { InteractionPort } from './port';
import type { Presenter } from './presenter';

export interface RepositoryServices {
  readonly root: string;
  readonly git: GitRepository;
  readonly config: FlowConfig;
  readonly history: HistoryReader;
  /** Reads the repository again: the snapshot a gate decides on; undefined when it could not be read. */
  refresh(kind: 'local' | 'full'): Promise<RepositorySnapshot | undefined>;
  /** The monitor's latest snapshot, read from memory; undefined before the first refresh. */
  lastSnapshot(): RepositorySnapshot | undefined;
  /** The GitHub client of this repository, or the one sentence saying why there is none. */
  github(): Promise<GitHubClient | { readonly reason: string }>;
  testRecord(): LocalTestRecord | undefined;
  saveTestRecord(record: LocalTestRecord): Promise<void>;
  /** Asks the monitor to look again soon (a deployment EnvFlow just created). */
  pollSoon(reason: string): void;
  /** Checks EnvFlow took as finished are read again on the next refresh (a re-run moved them). */
  recheckChecks(): void;
  now(): Date;
}

/** Everything a use case gets for one run. */
export interface UseCaseInput<A = unknown> {
  readonly port: InteractionPort;
  readonly repo: RepositoryServices;
  readonly say: Presenter;
  /** Automation arguments (tests, keybindings), as given to the command. */
  readonly args: A;
}

/** What a command about the whole workspace gets: no repository. */
export type WorkspaceInput = Omit<UseCaseInput, 'repo'>;

/** The GitHub client, or an error carrying the sentence that says why there is none. */
export async function requireGitHub(repo: RepositoryServices): Promise<GitHubClient> {
  const github = await repo.github();
  if ('reason' in github) {
    throw new Error(github.reason);
  }
  return github;
}

/** The refreshed snapshot, or the sentence that it could not be read. */
export async function freshSnapshot(repo: RepositoryServices, say: Presenter): Promise<RepositorySnapshot> {
  const snapshot = await repo.refresh('full');
  if (!snapshot) {
    throw new Error(say.unreadableRepository());
  }
  return snapshot;
}

/**
 * The monitor's latest snapshot when it is not stale, else a fresh one. Stale means: older
 * than one poll interval (the monitor would have read again by now unless it was paused,
 * unfocused or rate limited), its GitHub parts carried over from an earlier refresh, or
 * its connection not answering. A command that only looks saves a full refresh this way.
 */
export async function recentSnapshot(repo: RepositoryServices, say: Presenter): Promise<RepositorySnapshot> {
  const last = repo.lastSnapshot();
  const ageMs = last ? repo.now().getTime() - Date.parse(last.takenAt) : Infinity;
  const fresh = last && !last.stale && last.connection.state === 'ok' && ageMs <= repo.config.pollInterval * 1000;
  return fresh ? last : freshSnapshot(repo, say);
}
