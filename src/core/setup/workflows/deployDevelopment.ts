/**
 * Deploys develop to the development environment on every push, so Promote's gate
 * (develop's head deployed to development) can pass on a repository EnvFlow set up.
 * The same shape as production without the backup: one stage, a health check, "Live".
 */
import { checkoutStep } from './actions';
import { DEPLOYMENT_DESCRIPTIONS, finalStatusStep, recordDeploymentStep, stageSteps } from './deploySteps';
import type { WorkflowOptions } from './options';
import { expr, q } from './yamlText';

export const DEPLOY_DEVELOPMENT_WORKFLOW_FILE = 'deploy-development.yml';

export function deployDevelopmentWorkflow(options: WorkflowOptions): string {
  const environment = options.developmentEnvironment;
  return [
    '# Written by EnvFlow: Set Up Repository. Your deploy and health-check hooks: see docs/delivery.md in EnvFlow, or .envflow/.',
    'name: Deploy development',
    'on:',
    '  push:',
    `    branches: [${q(options.developBranch)}]`,
    'permissions: {}',
    '# One development deployment at a time; a newer push waits for the current one.',
    'concurrency:',
    `  group: ${q(`deploy-${environment}`)}`,
    '  cancel-in-progress: false',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    permissions:',
    '      contents: read',
    '      deployments: write',
    '    environment:',
    `      name: ${q(environment)}`,
    '    steps:',
    ...checkoutStep(),
    ...recordDeploymentStep({
      environment,
      sha: expr('github.sha'),
      ref: expr('github.sha'),
      kind: '"rollout"',
      replaces: '""',
      then: [],
    }),
    ...stageSteps(environment, expr('github.sha'), [100]),
    ...finalStatusStep(environment, [100], { success: `post_status success ${q(DEPLOYMENT_DESCRIPTIONS.live)}` }),
    '',
  ].join('\n');
}
