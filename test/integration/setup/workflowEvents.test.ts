/**
 * GitHub's own parser on every workflow Set Up writes, for every stack, and a table of
 * the events EnvFlow causes or expects: which workflows start, which jobs run (each
 * job's `if:` evaluated by GitHub's expression engine), in which environment, on
 * which ref, with which token permissions.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { setupFiles } from '../../../src/core/setup/plan';
import { expressionEngine } from '../../../tools/pipeline/expressions';
import { parseWithGitHub } from '../../support/workflows/githubParser';
import { stacks } from '../../support/workflows/stacks';

const config = defaultFlowConfig;
const workflows = () =>
  setupFiles(stacks['Node (npm)'], config).filter((file) => file.path.startsWith('.github/workflows/'));

interface EventCase {
  readonly title: string;
  readonly event: 'pull_request' | 'push' | 'workflow_dispatch';
  /** The branch pushed or dispatched on, or the pull request's base. */
  readonly branch: string;
  /** Jobs that end in failure in this case (the rest succeed when they run). */
  readonly failing?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** workflow file → job → what runs. */
  readonly expected: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** "runs · environment · ref · permissions", or "skipped". */
const runs = (environment: string, ref: string, permissions: string) =>
  `runs · ${environment} · ${ref} · ${permissions}`;
const CI = { ci: runs('no environment', 'the merge ref', 'contents: read') };
const CI_PUSH = (branch: string) => ({ ci: runs('no environment', `refs/heads/${branch}`, 'contents: read') });
const VET = runs('no environment', 'refs/heads/main', 'contents: read, deployments: read');
const DEPLOY = runs('production', 'refs/heads/main', 'contents: write, deployments: write');
const ROLLBACK = runs('production', 'refs/heads/main', 'contents: read, deployments: write');

const cases: readonly EventCase[] = [
  { title: 'pull request into develop', event: 'pull_request', branch: 'develop', expected: { 'ci.yml': CI } },
  {
    title: 'push to develop',
    event: 'push',
    branch: 'develop',
    expected: {
      'ci.yml': CI_PUSH('develop'),
      'deploy-development.yml': {
        deploy: runs('development', 'refs/heads/develop', 'contents: read, deployments: write'),
      },
    },
  },
  { title: 'pull request into main', event: 'pull_request', branch: 'main', expected: { 'ci.yml': CI } },
  {
    title: 'push to main',
    event: 'push',
    branch: 'main',
    expected: { 'ci.yml': CI_PUSH('main'), 'deploy.yml': { vet: VET, deploy: DEPLOY, rollback: 'skipped' } },
  },
  {
    title: 'push to main, a stage fails',
    event: 'push',
    branch: 'main',
    failing: { deploy: { stage: '10' } },
    expected: { 'ci.yml': CI_PUSH('main'), 'deploy.yml': { vet: VET, deploy: DEPLOY, rollback: ROLLBACK } },
  },
  {
    title: 'push to main, the backup fails',
    event: 'push',
    branch: 'main',
    failing: { deploy: { stage: '' } },
    expected: { 'ci.yml': CI_PUSH('main'), 'deploy.yml': { vet: VET, deploy: DEPLOY, rollback: 'skipped' } },
  },
  {
    title: "EnvFlow's Roll Back (dispatch on main)",
    event: 'workflow_dispatch',
    branch: 'main',
    expected: { 'deploy.yml': { vet: VET, deploy: DEPLOY, rollback: 'skipped' } },
  },
  {
    title: 'manual run with a hostile ref (refused by vet)',
    event: 'workflow_dispatch',
    branch: 'feature/evil',
    failing: { vet: {} },
    expected: {
      'deploy.yml': {
        vet: runs('no environment', 'refs/heads/feature/evil', 'contents: read, deployments: read'),
        deploy: 'skipped',
        rollback: 'skipped',
      },
    },
  },
];

interface WorkflowYaml {
  on: Record<string, { branches?: string[] } | null>;
  jobs: Record<string, { permissions?: Record<string, string>; environment?: { name: string } | string }>;
}

describe('workflow events: what GitHub starts for each event EnvFlow causes or expects', function () {
  this.timeout(60_000);
  let passed = 0;
  const table: string[] = [];

  for (const [name, stack] of Object.entries(stacks)) {
    it(`every workflow Set Up writes for ${name} parses with GitHub's parser without errors`, async () => {
      for (const file of setupFiles(stack, config).filter((f) => f.path.startsWith('.github/workflows/'))) {
        const parsed = await parseWithGitHub(file.path, file.content);
        assert.deepEqual(parsed.errors, [], `${file.path} for ${name}`);
      }
    });
  }

  for (const eventCase of cases) {
    it(eventCase.title, async () => {
      const ex = await expressionEngine();
      const actual: Record<string, Record<string, string>> = {};
      for (const file of workflows()) {
        const parsed = await parseWithGitHub(file.path, file.content);
        const template = parsed.template;
        assert.ok(template, parsed.errors.join('; '));
        const trigger = template.events[eventCase.event];
        if (
          !trigger ||
          !('branches' in trigger ? (trigger.branches ?? [eventCase.branch]) : [eventCase.branch]).includes(
            eventCase.branch,
          )
        ) {
          continue;
        }
        const yaml = parse(file.content) as WorkflowYaml;
        const ref = eventCase.event === 'pull_request' ? 'the merge ref' : `refs/heads/${eventCase.branch}`;
        const github = { event_name: eventCase.event, ref, ref_name: eventCase.branch };
        const results: Record<string, { result: string; outputs: Record<string, string> }> = {};
        const jobs: Record<string, string> = {};
        for (const job of template.jobs) {
          const id = job.id.value;
          const needs = (job.needs ?? []).map((need) => need.value);
          const status = {
            success: needs.every((n) => results[n]?.result === 'success'),
            failure: needs.some((n) => results[n]?.result === 'failure'),
          };
          const needsContext = Object.fromEntries(needs.map((n) => [n, results[n]]));
          const condition = job.if.expression;
          if (!ex.condition(condition, { github, inputs: {}, vars: {}, needs: needsContext }, status)) {
            results[id] = { result: 'skipped', outputs: {} };
            jobs[id] = 'skipped';
            continue;
          }
          const failing = eventCase.failing?.[id];
          results[id] = { result: failing ? 'failure' : 'success', outputs: { stage: '100', ...failing } };
          const spec = yaml.jobs[id];
          const environment =
            typeof spec.environment === 'string' ? spec.environment : (spec.environment?.name ?? 'no environment');
          const permissions =
            Object.entries(spec.permissions ?? {})
              .map(([scope, level]) => `${scope}: ${level}`)
              .join(', ') || 'none';
          jobs[id] = runs(environment, ref, permissions);
        }
        actual[file.path.replace('.github/workflows/', '')] = jobs;
      }
      for (const [workflow, jobs] of Object.entries(actual)) {
        table.push(
          `${eventCase.title} | ${workflow} | ${Object.entries(jobs)
            .map(([job, what]) => `${job}: ${what}`)
            .join(' ; ')}`,
        );
      }
      assert.deepEqual(actual, eventCase.expected);
      passed += 1;
    });
  }

  it('every workflow has a top-level permissions block that grants nothing; jobs ask for their own', () => {
    for (const file of workflows()) {
      const yaml = parse(file.content) as { permissions?: unknown } & WorkflowYaml;
      assert.deepEqual(yaml.permissions, {}, file.path);
      for (const [id, job] of Object.entries(yaml.jobs)) {
        assert.ok(job.permissions, `${file.path}: job ${id} declares its permissions`);
      }
    }
  });

  after(() => {
    console.log(table.join('\n'));
    console.log(`workflow events: ${cases.length} cases, ${passed} passed`);
  });
});
