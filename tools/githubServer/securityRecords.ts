/**
 * What the fake GitHub stores for deployment reviews, code and secret scanning and the
 * dependency graph. Kept apart from state.ts so the shapes of these newer endpoints do
 * not crowd the core records.
 */
import type { AlertSeverity } from './types';

/** A reviewer an environment's protection rule names: a user or a team (by slug). */
export interface EnvironmentReviewer {
  readonly type: 'User' | 'Team';
  readonly name: string;
}

/** One environment a waiting workflow run needs a review for. */
export interface PendingDeploymentRecord {
  readonly runId: number;
  readonly environmentId: number;
  readonly environment: string;
  /** Minutes the environment's wait timer holds the job after approval. */
  readonly waitTimer: number;
  readonly waitingSince: string;
  readonly reviewers: readonly EnvironmentReviewer[];
  /** The environment forbids the person who triggered the run from approving it. */
  readonly preventSelfReview: boolean;
  review?: { readonly state: 'approved' | 'rejected'; readonly comment: string; readonly login: string };
}

export type CodeScanningSeverity = AlertSeverity;

export interface CodeScanningAlertRecord {
  readonly number: number;
  readonly severity: CodeScanningSeverity;
  readonly ruleId: string;
  readonly description: string;
  readonly path: string;
  readonly state: 'open' | 'dismissed' | 'fixed';
  readonly createdAt: string;
}

export interface SecretScanningAlertRecord {
  readonly number: number;
  readonly secretType: string;
  readonly displayName: string;
  readonly state: 'open' | 'resolved';
  readonly createdAt: string;
}

/** `enabled`, or how GitHub refuses: never analysed (404), switched off (403), no access (403). */
export type CodeScanningMode = 'enabled' | 'noAnalysis' | 'disabled' | 'forbidden';
/** `disabled` → 404 as GitHub answers when secret scanning is off; `forbidden` → 403. */
export type SecretScanningMode = 'enabled' | 'disabled' | 'forbidden';

/** One dependency a comparison adds or removes, with the advisories known against it. */
export interface DependencyChangeInput {
  readonly changeType: 'added' | 'removed';
  readonly name: string;
  readonly version: string;
  readonly ecosystem?: string;
  readonly manifest?: string;
  readonly vulnerabilities?: readonly {
    readonly severity: AlertSeverity;
    readonly ghsaId: string;
    readonly summary: string;
  }[];
}

export class SecurityState {
  readonly pendingDeployments: PendingDeploymentRecord[] = [];
  readonly codeScanningAlerts: CodeScanningAlertRecord[] = [];
  readonly secretScanningAlerts: SecretScanningAlertRecord[] = [];
  codeScanning: CodeScanningMode = 'enabled';
  secretScanning: SecretScanningMode = 'enabled';
  /** Push protection, on top of secret scanning. */
  pushProtection = false;
  defaultSetup: { state: 'configured' | 'not-configured'; updatedAt: string | null } = {
    state: 'not-configured',
    updatedAt: null,
  };
  /** The `base...head` comparisons of the dependency graph; any other is empty. */
  readonly dependencyChanges = new Map<string, readonly DependencyChangeInput[]>();
}
