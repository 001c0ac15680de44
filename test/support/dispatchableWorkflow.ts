/** The least a production workflow needs for GitHub to accept a `workflow_dispatch` of it (the real one is Set Up's). */
export const DISPATCHABLE_WORKFLOW = [
  'name: Deploy',
  // The title Roll Back finds an earlier attempt's run by, as in the workflow Set Up writes.
  "run-name: ${{ github.event_name == 'workflow_dispatch' && format('EnvFlow {0} to {1}', inputs.reason, inputs.target) || format('Roll out {0}', github.sha) }}",
  'on:',
  '  push:',
  '    branches: [main]',
  '  workflow_dispatch:',
  '    inputs:',
  '      target: { required: true, type: string }',
  '      reason: { required: true, type: choice, options: [rollback, redeploy] }',
  '      data_backup: { required: false, type: string }',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo deploy',
  '',
].join('\n');
