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
}
