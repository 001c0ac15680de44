/** The CI workflow: the project's tests on pull requests and pushes to develop and main. */
import type { Stack } from '../stack';
import { checkoutStep, usesLine } from './actions';
import type { WorkflowOptions } from './options';
import { q } from './yamlText';

/** The CI job's id, which is the check name branch protection requires. */
export const CI_CHECK_NAME = 'ci';

export function ciWorkflow(stack: Stack, options: WorkflowOptions): string {
  const branches = `[${q(options.developBranch)}, ${q(options.productionBranch)}]`;
  const steps = [
    ...checkoutStep(),
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
    'permissions: {}',
    'concurrency:',
    '  group: ci-${{ github.ref }}',
    '  cancel-in-progress: true',
    'jobs:',
    `  ${CI_CHECK_NAME}:`,
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    permissions:',
    '      contents: read',
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
        ...(stack.tool === 'pnpm'
          ? [usesLine('pnpm'), ...(stack.toolPinned ? [] : ['        with:', '          version: 9'])]
          : []),
        usesLine('setupNode'),
        '        with:',
        `          node-version: ${q(stack.version)}`,
        `          cache: ${q(stack.tool ?? 'npm')}`,
      ];
    case 'python':
      return [
        usesLine('setupPython'),
        '        with:',
        `          python-version: ${q(stack.version)}`,
        '          cache: "pip"',
      ];
    case 'go':
      return [usesLine('setupGo'), '        with:', '          go-version-file: "go.mod"'];
    case 'rust':
      return [
        `      - run: ${q(`rustup toolchain install ${stack.version} --profile minimal && rustup default ${stack.version}`)}`,
      ];
    case 'java':
      return [
        usesLine('setupJava'),
        '        with:',
        '          distribution: "temurin"',
        `          java-version: ${q(stack.version)}`,
        `          cache: ${q(stack.tool ?? 'maven')}`,
      ];
    case 'unknown':
      return [];
  }
}
