/** The least a production workflow needs for GitHub to accept a `workflow_dispatch` of it (the real one is Set Up's). */
export const DISPATCHABLE_WORKFLOW = [
  'name: Deploy',
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
