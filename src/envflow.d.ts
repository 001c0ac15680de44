/**
 * The API that EnvFlow returns from `activate()`, for other extensions and tests:
 *
 *   const envflow = vscode.extensions.getExtension<EnvFlowApi>('envflow.envflow');
 *   const api = await envflow?.activate();
 *   api?.onDidChangeSnapshot(e => console.log(e.snapshot.production.deployment?.state));
 *
 * Versioned: fields are only added within a major `version`.
 */
import type { Event, Uri } from 'vscode';
import type { RepositorySnapshot } from './core/model/snapshot';

export type { GitHubRead, ReadError, ReadErrors, RepositorySnapshot } from './core/model/snapshot';

export interface SnapshotChangeEvent {
  /** The repository's top-level folder. */
  readonly root: Uri;
  readonly snapshot: RepositorySnapshot;
}

/** One notification EnvFlow raised for a state transition (checks turned red, a deployment failed, …), or about the workspace. */
export interface AlertEvent {
  readonly root: Uri;
  /**
   * `productionDeploymentFailed`, `developChecksFailed`, `pullRequestChecksFinished`, `deploymentFinished`,
   * or `restrictedSettingsIgnored` (an untrusted folder's own testCommand / github.apiUrl are ignored).
   */
  readonly kind: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

/** How one run of an `envflow.*` command ended. */
export interface CommandRunEvent {
  /** The command id, e.g. `envflow.openPullRequest`. */
  readonly command: string;
  /**
   * `done`; `cancelled` (the user backed out); `refused` (the command chose not to act:
   * a closed gate, an invalid name, an untrusted workspace); or `failed` (git or GitHub
   * said no half-way).
   */
  readonly outcome: 'done' | 'cancelled' | 'refused' | 'failed';
  /** The sentence the user was shown about it, when there was one. */
  readonly sentence?: string;
}

export interface EnvFlowApi {
  /** 1 for this shape of the API. */
  readonly version: 1;
  /** Milliseconds spent inside `activate()`. */
  readonly activationMs: number;
  /**
   * The latest snapshot of the repository that holds `folder` (default: the active
   * editor's repository, else the first one); undefined before its first refresh.
   */
  getSnapshot(folder?: Uri): RepositorySnapshot | undefined;
  /** Fires after every refresh that produced a snapshot. */
  readonly onDidChangeSnapshot: Event<SnapshotChangeEvent>;
  /** Fires once per notification raised, after `envflow.notifications` filtering. */
  readonly onDidAlert: Event<AlertEvent>;
  /**
   * Fires once per command run, as it ends: lets a caller tell a closed gate from a
   * cancel from a rejected push, which the command's return value (undefined for all
   * three) cannot.
   */
  readonly onDidRunCommand: Event<CommandRunEvent>;
}
