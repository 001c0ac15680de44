/**
 * The rules under each environment, read from the GitHub API server as Set Up leaves
 * them (environment reviewers, wait timer and allowed refs; classic protection on main; a
 * ruleset on develop), shown in the tree, and re-read for free: an unchanged poll costs
 * no rate limit and at most one more request, and a missing environment is asked for
 * again only once its deployments changed or the list of environments names it.
 */
import * as assert from 'node:assert/strict';
import type { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import { rulesetFor } from '../../../src/core/setup/rulesets';
import { buildTree, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { fixtureClient, githubModel } from '../../support/githubModel';
import { openCounted } from '../../support/openRepository';

describe('live rules under each environment (GitHub API server)', function () {
  this.timeout(60_000);
  let fx: GitHubFixture;
  let config: FlowConfig;
  let model: RepositoryModel;

  before(async () => {
    fx = await createGitHubFixture({ name: 'live-rules', developAhead: 1 });
    const client = fixtureClient(fx);
    const me = await client.getAuthenticatedUserId();
    await client.updateEnvironment('production', {
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [{ type: 'User', id: me }],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    await client.createDeploymentBranchPolicy('production', { name: 'main', type: 'branch' });
    await client.createDeploymentBranchPolicy('production', { name: 'backup/production-*', type: 'tag' });
    await client.updateBranchProtection('main', {
      required_status_checks: { strict: true, contexts: ['ci'] },
      enforce_admins: null,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    await client.createRuleset(rulesetFor('develop', { requiredChecks: ['ci'], approvals: 1 }));
    config = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
    model = githubModel(fx, { git: (await openCounted(fx.repo.root)).repo, config: () => config });
  });

  after(() => fx.dispose());

  it('shows what GitHub enforces under each environment', async () => {
    const { snapshot } = await model.refresh('full');
    assert.deepEqual(snapshot.readErrors, {});
    assert.deepEqual(snapshot.production.rules, {
      environment: {
        name: 'production',
        reviewers: ['ada-developer'],
        preventSelfReview: true,
        waitTimerMinutes: 5,
        branchPolicy: 'custom',
        allowedRefs: ['main', 'tag:backup/production-*'],
      },
      branch: {
        name: 'main',
        protection: ['pull requests required with 1 approval', 'required checks: ci', 'no force pushes', 'no deletion'],
        rulesets: [],
      },
    });
    assert.equal(snapshot.development.rules?.environment, null, 'development was never created');
    assert.deepEqual(snapshot.development.rules?.branch, {
      name: 'develop',
      protection: [],
      rulesets: ['pull requests required with 1 approval', 'required checks: ci', 'no force pushes', 'no deletion'],
    });

    const rows = rowsOf(buildTree([snapshot], Date.now()));
    const text = (id: string) => `${rows.get(id)?.label} — ${rows.get(id)?.description ?? ''}`;
    assert.equal(text('production/rules'), 'Rules — 1 required reviewer · main protected');
    assert.equal(text('production/rules/reviewers'), 'Required reviewers: ada-developer — self-review prevented');
    assert.equal(text('production/rules/waitTimer'), 'Wait timer: 5 minutes — ');
    assert.equal(text('production/rules/refs'), 'Deploys only from main, tag:backup/production-* — ');
    assert.match(
      text('production/rules/branch'),
      /^Branch main — pull requests required with 1 approval, required checks: ci/,
    );
    assert.equal(text('development/rules'), 'Rules — no environment yet · develop protected');
    assert.equal(
      text('development/rules/environment'),
      'Environment not created yet — its first deployment creates it unprotected',
    );
    assert.equal(text('development/rules/branch'), 'Branch develop — no classic protection');
    assert.match(text('development/rules/rulesets'), /^Rulesets on develop — pull requests required with 1 approval/);
  });

  it('re-reads them without rate limit: unchanged polls cost nothing and at most one request more', async () => {
    const rulesRoute = /\/(environments(\/|$)|branches\/)/;
    for (let i = 0; i < 3; i++) {
      await model.refresh('full');
    }
    for (let i = 0; i < 4; i++) {
      fx.server.resetRequests();
      const rateBefore = fx.server.stats.rateLimitUsed;
      await model.refresh('full');
      assert.equal(fx.server.stats.rateLimitUsed - rateBefore, 0, 'an unchanged poll costs no rate limit');
      const rules = fx.server.requests.filter((r) => rulesRoute.test(r.path));
      assert.ok(rules.length <= 1, `rule requests on an unchanged poll: ${rules.map((r) => r.path).join(', ')}`);
      assert.ok(
        rules.every((r) => !r.path.endsWith('/environments/development')),
        'the missing environment (a 404, never free) is not asked again',
      );
    }
  });

  it('asks for a missing environment again once it had a deployment, and shows what changed', async () => {
    const client = fixtureClient(fx);
    await client.updateEnvironment('development', {
      wait_timer: 0,
      deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
    });
    fx.server.addDeployment({ ref: 'develop', environment: 'development' });
    const { snapshot } = await model.refresh('full');
    assert.deepEqual(snapshot.development.rules?.environment, {
      name: 'development',
      reviewers: [],
      preventSelfReview: false,
      waitTimerMinutes: 0,
      branchPolicy: 'protected',
    });
  });
});

describe('an environment made in the settings (GitHub API server)', function () {
  this.timeout(60_000);
  let fx: GitHubFixture;
  let model: RepositoryModel;

  before(async () => {
    fx = await createGitHubFixture({ name: 'live-rules-settings' });
    const config = { ...defaultFlowConfig, apiUrl: fx.apiUrl };
    model = githubModel(fx, { git: (await openCounted(fx.repo.root)).repo, config: () => config });
    // Two refreshes: the environment is missing, and the list of environments has been read once.
    await model.refresh('full');
    await model.refresh('full');
  });

  after(() => fx.dispose());

  it('shows once the list of environments names it, with no deployment and no rate limit spent until then', async () => {
    // Made in the repository's settings: no deployment tells EnvFlow, the list of environments does.
    await fixtureClient(fx).updateEnvironment('development', { wait_timer: 3, deployment_branch_policy: null });
    let seen: number | undefined;
    let refreshes = 0;
    while (seen === undefined && refreshes < 40) {
      refreshes += 1;
      const rateBefore = fx.server.stats.rateLimitUsed;
      fx.server.resetRequests();
      const { snapshot } = await model.refresh('full');
      const asked = fx.server.requests.some((r) => r.path.endsWith('/environments/development'));
      seen = snapshot.development.rules?.environment?.waitTimerMinutes;
      assert.ok(asked || seen === undefined, 'the environment is shown only once it was read');
      if (!asked) {
        assert.equal(fx.server.stats.rateLimitUsed - rateBefore, 0, 'until then a poll costs no rate limit');
      }
    }
    assert.equal(seen, 3, `the environment shows within the re-checks (${refreshes} refreshes)`);
  });
});

function rowsOf(nodes: readonly TreeNodeData[], into = new Map<string, TreeNodeData>()): Map<string, TreeNodeData> {
  for (const node of nodes) {
    into.set(node.id, node);
    rowsOf(node.children ?? [], into);
  }
  return into;
}
