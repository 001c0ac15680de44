/**
 * Set Up's access policies against a real repository and the GitHub API server: the
 * questions it asks (approvals, production's reviewer and wait timer) and what each
 * answer writes; rulesets read as protection (no classic protection layered on top) and
 * proposed where the repository uses them; environments updated without losing
 * anything stricter; names that would bend an API path refused before any request.
 */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { applySetupSteps } from '../../../src/core/setup/apply';
import { planSetup, type SetupStep } from '../../../src/core/setup/plan';
import { branchRulesetRules } from '../../support/rulesetRules';
import { openSetupWorld, type SetupWorld } from './setupWorld';

const config = defaultFlowConfig;
const policySteps = (steps: readonly SetupStep[]) =>
  steps.filter((s) => s.id.startsWith('protect:') || s.id.startsWith('environment:'));

describe('setup: access policies (environments, approvals, rulesets) against the GitHub API server', function () {
  this.timeout(60_000);
  let world: SetupWorld;

  beforeEach(async () => {
    world = await openSetupWorld({ name: 'setup-policies', withDevelop: true });
  });

  afterEach(() => world.dispose());

  /** Runs the policy steps, answering each question from `answers` and recording what was asked. */
  async function run(steps: readonly SetupStep[], answers: Record<string, string>) {
    const asked: string[] = [];
    const result = await applySetupSteps(policySteps(steps), {
      decide: async () => 'apply',
      choose: async (step, question) => {
        asked.push(
          `${step.id} ${question.id}: ${question.choices.map((c) => c.label).join(' | ')} (default ${question.defaultChoice})`,
        );
        return answers[`${step.id} ${question.id}`] ?? question.defaultChoice;
      },
    });
    return { asked, result };
  }

  it('asks for approvals and production’s reviewer and wait timer, showing the choices, and writes exactly what was chosen', async () => {
    const { asked, result } = await run(await planSetup(world.context()), {
      'protect:main approvals': '2',
      'protect:develop approvals': '0',
      'environment:production reviewer': 'me',
      'environment:production waitTimer': '5',
    });
    assert.deepEqual(asked, [
      'protect:main approvals: 1 approval | 2 approvals | No approval (default 1)',
      'protect:develop approvals: 1 approval | 2 approvals | No approval (default 1)',
      'environment:production reviewer: Nobody | You (ada-developer) (default none)',
      'environment:production waitTimer: No wait | 5 minutes | 30 minutes (default 0)',
    ]);
    assert.deepEqual(result.applied, [
      'protect:main',
      'protect:develop',
      'environment:production',
      'environment:development',
    ]);
    assert.equal(
      world.hub.server.state.protection.get('main')?.body.required_pull_request_reviews
        ?.required_approving_review_count,
      2,
    );
    assert.equal(
      world.hub.server.state.protection.get('develop')?.body.required_pull_request_reviews
        ?.required_approving_review_count,
      0,
    );
    const production = world.hub.server.state.environments.get('production')!;
    assert.deepEqual(
      { reviewers: production.reviewers, selfReview: production.preventSelfReview, wait: production.waitTimer },
      { reviewers: [{ type: 'User', id: 9_919_001 }], selfReview: true, wait: 5 },
    );

    const again = policySteps(await planSetup(world.context()));
    assert.deepEqual(
      again.map((s) => s.status),
      ['done', 'done', 'done', 'done'],
    );
    assert.match(
      again[2]!.description,
      /^Already in place: deploys from branch main, tag backup\/production-\*; reviewers: ada-developer, no self-review; wait 5 minutes\.$/,
    );
  });

  it('an environment that exists keeps its reviewers, its longer wait timer and the other refs it allows', async () => {
    world.hub.server.state.environments.set('production', {
      id: 7,
      name: 'production',
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
      waitTimer: 60,
      preventSelfReview: false,
      reviewers: [{ type: 'User', id: 4242 }],
      branchPolicy: { protected_branches: false, custom_branch_policies: true },
      patterns: [{ id: 8, name: 'release/*', type: 'branch' }],
    });
    const step = (await planSetup(world.context())).find((s) => s.id === 'environment:production')!;
    assert.equal(step.status, 'partial');
    assert.match(
      step.description,
      /^Now: deploys from branch release\/\*; reviewers: user-4242; wait 60 minutes\. EnvFlow will allow branch main and tag backup\/production-\*, prevent self-review, so only/,
    );
    await run([step], {});
    const production = world.hub.server.state.environments.get('production')!;
    assert.deepEqual(
      {
        reviewers: production.reviewers,
        selfReview: production.preventSelfReview,
        wait: production.waitTimer,
        patterns: production.patterns.map((p) => `${p.type} ${p.name}`),
      },
      {
        reviewers: [{ type: 'User', id: 4242 }],
        selfReview: true,
        wait: 60,
        patterns: ['branch release/*', 'branch main', 'tag backup/production-*'],
      },
    );
  });

  it('a branch rulesets protect reads as protected and gets no classic protection; the other branch is offered a ruleset', async () => {
    world.hub.server.state.rulesets.push({
      id: 31,
      name: 'Protect main',
      target: 'branch',
      enforcement: 'active',
      include: ['~DEFAULT_BRANCH'],
      exclude: [],
      rules: branchRulesetRules({ strict: true }),
      createdAt: '2026-11-01T00:00:00Z',
    });
    const steps = await planSetup(world.context());
    const [main, develop] = policySteps(steps);
    assert.equal(main!.status, 'done');
    assert.equal(
      main!.description,
      'Protected by repository rulesets: pull requests required with 1 approval; required checks: ci; no force pushes; no deletion.',
    );
    assert.equal(develop!.status, 'missing');
    assert.match(
      develop!.description,
      /this repository uses rulesets: EnvFlow will create the ruleset "EnvFlow: develop"/,
    );

    world.hub.server.resetRequests();
    await run([main!, develop!], { 'protect:develop approvals': '2' });
    assert.deepEqual(world.writes(), ['POST /repos/octo/service/rulesets'], 'no classic protection anywhere');
    const created = world.hub.server.state.rulesets.at(-1)!;
    assert.deepEqual(created.include, ['refs/heads/develop']);
    assert.deepEqual(
      created.rules.map((r) => r.type),
      ['deletion', 'non_fast_forward', 'pull_request', 'required_status_checks'],
    );
    assert.equal(created.rules[2]!.parameters?.required_approving_review_count, 2);
    assert.deepEqual(created.rules[3]!.parameters?.required_status_checks, [
      { context: 'ci', integration_id: 15368 },
      { context: 'envflow/local-tests' },
    ]);
    assert.equal(world.hub.server.state.protection.size, 0);
    assert.deepEqual(
      policySteps(await planSetup(world.context()))
        .slice(0, 2)
        .map((s) => s.status),
      ['done', 'done'],
    );
  });

  it('rulesets that lack a rule EnvFlow needs say what is missing and are left to the owner', async () => {
    world.hub.server.state.rulesets.push({
      id: 32,
      name: 'No deletion',
      target: 'branch',
      enforcement: 'active',
      include: ['refs/heads/develop'],
      exclude: [],
      rules: [{ type: 'deletion' }],
      createdAt: '2026-11-01T00:00:00Z',
    });
    const develop = (await planSetup(world.context())).find((s) => s.id === 'protect:develop')!;
    assert.equal(develop.status, 'partial');
    assert.equal(develop.apply, undefined);
    assert.match(
      develop.description,
      /They do not require pull requests before merging, the checks "ci", "envflow\/local-tests", blocking force pushes: add that to the ruleset on GitHub/,
    );
  });

  it('classic protection keeps its approval count unless a higher one is chosen; a check already tied to another app keeps it', async () => {
    world.hub.server.state.protection.set('main', {
      branch: 'main',
      body: {
        required_status_checks: { strict: false, contexts: ['ci'], checks: [{ context: 'ci', app_id: 9 }] },
        enforce_admins: false,
        required_pull_request_reviews: { required_approving_review_count: 0 },
        restrictions: null,
        allow_force_pushes: false,
        allow_deletions: false,
      },
    });
    const main = (await planSetup(world.context())).find((s) => s.id === 'protect:main')!;
    assert.match(
      main.description,
      /EnvFlow will require branches to be up to date before merging; every other rule stays/,
      'a count someone chose is not nagged about',
    );
    const { asked } = await run([main], { 'protect:main approvals': '1' });
    assert.deepEqual(asked, ['protect:main approvals: No approval (as now) | 1 approval | 2 approvals (default 0)']);
    const body = world.hub.server.state.protection.get('main')!.body;
    assert.deepEqual(body.required_status_checks, {
      strict: true,
      contexts: ['ci'],
      checks: [{ context: 'ci', app_id: 9 }],
    });
    assert.equal(body.required_pull_request_reviews?.required_approving_review_count, 1);
  });

  it('an environment name that would bend the API path is refused in one sentence before any request names it', async () => {
    world.hub.server.resetRequests();
    const steps = await planSetup(
      world.context({ config: { ...config, productionEnvironment: '../../branches/main/protection' } }),
    );
    const production = steps.find((s) => s.id.startsWith('environment:..'))!;
    assert.equal(production.status, 'blocked');
    assert.match(
      production.description,
      /^The environment name "\.\.\/\.\.\/branches\/main\/protection" has characters EnvFlow does not send to GitHub: use letters, digits/,
    );
    assert.ok(
      world.hub.server.requests.every(
        (r) => !r.path.includes('..') && !decodeURIComponent(r.path).includes('branches/main/protection/'),
      ),
      'no request carried the name',
    );
  });
});
