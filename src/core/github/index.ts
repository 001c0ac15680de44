/**
 * EnvFlow's GitHub layer. Loaded on the first refresh, not at activation:
 * importing it does no work beyond loading Octokit.
 */
export { GitHubClient, type GitHubClientOptions } from './client';
export { GitHubError, toGitHubError, type GitHubErrorKind } from './errors';
export { EtagCache } from './etagCache';
export { ForeignOriginError } from './guardedFetch';
export type { RateLimitInfo } from './rateLimit';
export { webUrlOf } from './normalize';
export type {
  DeploymentReviews,
  EnvironmentReviewer,
  PendingDeployment,
  ReviewDecision,
  ReviewOutcome,
} from './deploymentReviews';
export type {
  CodeScanningAlerts,
  DefaultSetupOutcome,
  DependencyChange,
  DependencyVulnerability,
  ScanningUnavailable,
  SecretScanningAlerts,
  SecurityScanning,
} from './securityScanning';
export type {
  BranchProtection,
  BranchProtectionUpdate,
  CommitStatusInput,
  CommitStatusState,
  CompareResult,
  DeploymentInput,
  DeploymentStatusInfo,
  Fetched,
  GitRef,
  PullRequestInput,
  RawDeployment,
  RequestInfo,
  WorkflowRunInfo,
} from './types';
