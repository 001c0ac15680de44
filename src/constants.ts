/**
 * Every public id in one place, typed, so a misspelling fails to compile.
 * Command ids, view ids and setting keys are public API: keybindings, settings files and
 * other extensions name them, so they never change once released.
 */

export const EXTENSION_ID = 'envflow.envflow';
export const OUTPUT_CHANNEL_NAME = 'EnvFlow';

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
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'envflow',
  environments: 'envflow.environments',
} as const;

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
} as const;

/** Values of the `envflow.state` context key; each has a `viewsWelcome` entry or a tree. */
export type ViewState = 'loading' | 'noRepository' | 'ready';

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
  publishTestCommand: 'publishTestCommand',
  apiUrl: 'github.apiUrl',
  pollInterval: 'pollInterval',
  autoFetch: 'autoFetch',
  notifications: 'notifications',
} as const;
export type SettingKey = (typeof Settings)[Exclude<keyof typeof Settings, 'section'>];
