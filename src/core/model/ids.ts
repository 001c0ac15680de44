/**
 * The public ids core needs too (commands a use case offers, settings a sentence names,
 * context keys a use case sets): plain values, so every layer can import them.
 */

export const Commands = {
  refresh: 'envflow.refresh',
  signIn: 'envflow.signIn',
  signOut: 'envflow.signOut',
  startBranch: 'envflow.startBranch',
  startHotfix: 'envflow.startHotfix',
  runTests: 'envflow.runTests',
  openPullRequest: 'envflow.openPullRequest',
  promote: 'envflow.promote',
  backupProduction: 'envflow.backupProduction',
  rollbackProduction: 'envflow.rollbackProduction',
  syncDevelop: 'envflow.syncDevelop',
  setupRepository: 'envflow.setupRepository',
  openOnGitHub: 'envflow.openOnGitHub',
  showOutput: 'envflow.showOutput',
  showChecks: 'envflow.showChecks',
  showProduction: 'envflow.showProduction',
  showFailedLog: 'envflow.showFailedLog',
  rerunFailedJobs: 'envflow.rerunFailedJobs',
  cancelRun: 'envflow.cancelRun',
  whereIsCommit: 'envflow.whereIsCommit',
  approveDeployment: 'envflow.approveDeployment',
  rejectDeployment: 'envflow.rejectDeployment',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Context keys read by `when` and `enablement` clauses in package.json. */
export const ContextKeys = {
  busy: 'envflow.busy',
  state: 'envflow.state',
  signedIn: 'envflow.signedIn',
  hasRepository: 'envflow.hasRepository',
  // The walkthrough's steps complete on these (`onContext:`), set from real state.
  walkthroughSetUp: 'envflow.walkthrough.setUp',
  walkthroughOnBranch: 'envflow.walkthrough.onBranch',
  walkthroughTestsPassed: 'envflow.walkthrough.testsPassed',
  walkthroughPrOpen: 'envflow.walkthrough.prOpen',
  walkthroughPromoted: 'envflow.walkthrough.promoted',
  walkthroughReadFailedLog: 'envflow.walkthrough.readFailedLog',
  walkthroughTracedChange: 'envflow.walkthrough.tracedChange',
} as const;

/** Setting keys below the `envflow.` section. */
export const Settings = {
  section: 'envflow',
  developBranch: 'developBranch',
  productionBranch: 'productionBranch',
  branchPrefixes: 'branchPrefixes',
  developmentEnvironment: 'environments.development',
  productionEnvironment: 'environments.production',
  testCommand: 'testCommand',
  requireLocalTests: 'gate.requireLocalTests',
  requireCleanTree: 'gate.requireCleanTree',
  publishStatus: 'gate.publishStatus',
  blockOnAlerts: 'gate.blockOnAlerts',
  publishTestCommand: 'publishTestCommand',
  apiUrl: 'github.apiUrl',
  pollInterval: 'pollInterval',
  autoFetch: 'autoFetch',
  notifications: 'notifications',
} as const;
export type SettingKey = (typeof Settings)[Exclude<keyof typeof Settings, 'section'>];
