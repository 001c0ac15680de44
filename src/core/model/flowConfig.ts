/** The workflow's configuration, read from `envflow.*` settings by the UI layer. */
export interface FlowConfig {
  readonly developBranch: string;
  readonly productionBranch: string;
  readonly branchPrefixes: readonly string[];
  readonly developmentEnvironment: string;
  readonly productionEnvironment: string;
  readonly testCommand: string;
  readonly requireLocalTests: boolean;
  readonly requireCleanTree: boolean;
  readonly publishStatus: boolean;
  /** Open security alerts at or above this severity stop a promotion; `off` never. */
  readonly blockOnAlerts: 'critical' | 'high' | 'medium' | 'low' | 'off';
  /** Whether the commit status and PR body name the (redacted) test command. */
  readonly publishTestCommand: boolean;
  readonly apiUrl: string;
  /** Seconds between polls while focused. */
  readonly pollInterval: number;
  /** Whether full refreshes fetch develop and main from origin now and then. */
  readonly autoFetch: boolean;
}

export const defaultFlowConfig: FlowConfig = {
  developBranch: 'develop',
  productionBranch: 'main',
  branchPrefixes: ['feature', 'fix'],
  developmentEnvironment: 'development',
  productionEnvironment: 'production',
  testCommand: '',
  requireLocalTests: true,
  requireCleanTree: true,
  publishStatus: true,
  blockOnAlerts: 'critical',
  publishTestCommand: true,
  apiUrl: 'https://api.github.com',
  pollInterval: 30,
  autoFetch: true,
};

/** The hotfix prefix is fixed by the workflow of the workflow, not configurable. */
export const HOTFIX_PREFIX = 'hotfix';
/** The commit status context that records a passing local test run. */
export const LOCAL_TESTS_STATUS_CONTEXT = 'envflow/local-tests';
/** Prefix of production backup tags. */
export const BACKUP_TAG_PREFIX = 'backup/production-';
