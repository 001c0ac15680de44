/**
 * Every route the server implements, called with realistic data, and each answer's body
 * validated against the schema GitHub's own OpenAPI description gives for that operation
 * and status (tools/githubServer/openapi-schemas.json, made by
 * scripts/extract-github-schemas.mjs). A wrong shape fails here before a client sees it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { branchRulesetRules } from '../../support/rulesetRules';
import { field, repoCall, call, type CallOptions } from './apiClient';

const TOKEN = 'ghp_openapiConformance0123456789';
// Compiled tests run from out/test/integration/githubServer; the schemas stay in the source tree.
const schemaFile = join(__dirname, '..', '..', '..', '..', 'tools', 'githubServer', 'openapi-schemas.json');

interface SchemaFile {
  readonly operations: Record<string, Record<string, unknown>>;
  readonly components: unknown;
}

function loadValidators(): (operation: string, status: number) => ValidateFunction {
  const document = JSON.parse(readFileSync(schemaFile, 'utf8')) as SchemaFile;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'github' });
  return (operation, status) => {
    assert.ok(document.operations[operation]?.[String(status)], `the schemas hold ${operation} ${status}`);
    const pointer = ['operations', operation, String(status)]
      .map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    const validate = ajv.getSchema(`github#/${pointer}`);
    assert.ok(validate, `ajv compiled ${operation} ${status}`);
    return validate;
  };
}

interface Case {
  readonly operation: string;
  readonly status: number;
  readonly path: string;
  readonly options?: CallOptions;
  /** Outside `/repos/octo/service`. */
  readonly root?: boolean;
  /** GitHub answers with no body (204): there is no schema, and the body must be empty. */
  readonly noBody?: boolean;
}

describe('GitHub server answers match GitHub’s OpenAPI schemas', function () {
  let repo: FixtureRepo;
  let server: GitHubServer;
  let validatorFor: ReturnType<typeof loadValidators>;
  let developSha: string;
  let deploymentId: number;
  let pullNumber: number;
  let mergeNumber: number;
  let tagObjectSha: string;
  let runId: number;
  let failedJobId: number;
  let runningRunId: number;
  let waitingRunId: number;
  let productionEnvironmentId: number;

  before(async () => {
    validatorFor = loadValidators();
    repo = await createFixtureRepo({ name: 'github-openapi', developAhead: 2 });
    await repo.git('switch', '--quiet', '--create', 'feature/login');
    await repo.commit('Add login', {
      'login.txt': 'login\n',
      '.github/workflows/deploy.yml': 'on:\n  workflow_dispatch:\njobs: {}\n',
    });
    await repo.git('push', '--quiet', 'origin', 'feature/login');
    await repo.git('tag', '--annotate', '--message=Backup of production', 'backup/production-20260101T000000Z', 'main');
    await repo.git('push', '--quiet', 'origin', 'refs/tags/backup/production-20260101T000000Z');
    tagObjectSha = await repo.git('rev-parse', 'backup/production-20260101T000000Z');
    await repo.git('switch', '--quiet', '--create', 'feature/merge-me', 'develop');
    await repo.commit('Add a page to merge', { 'merge-me.txt': 'merge me\n' });
    await repo.git('push', '--quiet', 'origin', 'feature/merge-me');
    developSha = await repo.git('rev-parse', 'develop');
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: repo.origin, token: TOKEN });
    server.addCheckRun(developSha, { name: 'build', status: 'completed', conclusion: 'success' });
    server.addCheckRun(developSha, { name: 'e2e', status: 'in_progress' });
    server.addCommitStatus(developSha, {
      state: 'success',
      context: 'ci/unit',
      description: '42 passed',
      target_url: 'https://ci.example/1',
    });
    deploymentId = server.addDeployment({ ref: 'develop', environment: 'development', description: 'Deploy develop' });
    server.addDeploymentStatus(deploymentId, {
      state: 'success',
      environment_url: 'https://dev.example',
      log_url: 'https://ci.example/deploy/1',
    });
    pullNumber = server.openPullRequest({
      head: 'feature/login',
      base: 'develop',
      title: 'Add login',
      body: 'Tests passed locally.',
    });
    server.addPullRequestReview(pullNumber, { state: 'APPROVED', login: 'grace' });
    mergeNumber = server.openPullRequest({ head: 'feature/merge-me', base: 'develop', title: 'Add a page to merge' });
    server.addDependabotAlert({ severity: 'high', package: 'lodash', summary: 'Prototype pollution in lodash' });
    server.addDependabotAlert({
      severity: 'low',
      package: 'minimist',
      summary: 'Prototype pollution in minimist',
      state: 'dismissed',
    });
    runId = server.addWorkflowRun({ name: 'CI', branch: 'develop', status: 'completed', conclusion: 'failure' });
    failedJobId = server.addWorkflowJob(runId, {
      name: 'ci',
      status: 'completed',
      conclusion: 'failure',
      log: '2026-11-28T10:00:00.0000000Z ##[error]Process completed with exit code 1.\n',
    });
    server.addWorkflowJob(runId, { name: 'lint', status: 'completed', conclusion: 'success' });
    runningRunId = server.addWorkflowRun({ name: 'Deploy', branch: 'main', status: 'in_progress' });
    server.addWorkflowJob(runningRunId, { name: 'rollout', status: 'in_progress' });
    waitingRunId = server.addWorkflowRun({ name: 'Release', branch: 'main', status: 'in_progress' });
    productionEnvironmentId = server.addPendingDeployment({
      runId: waitingRunId,
      environment: 'production',
      waitTimer: 5,
      reviewers: [
        { type: 'User', name: 'ada-developer' },
        { type: 'Team', name: 'release-managers' },
      ],
    });
    server.addCodeScanningAlert({ severity: 'critical' });
    server.addCodeScanningAlert({ severity: 'medium', state: 'dismissed' });
    server.addSecretScanningAlert();
    server.setDependencyChanges('main...develop', [
      {
        changeType: 'added',
        name: 'lodash',
        version: '4.17.20',
        vulnerabilities: [
          { severity: 'high', ghsaId: 'GHSA-p6mc-m468-83gw', summary: 'Prototype pollution in lodash' },
        ],
      },
      { changeType: 'removed', name: 'left-pad', version: '1.3.0' },
    ]);
  });

  after(async () => {
    await server?.close();
    await repo?.dispose();
  });

  const protection = {
    required_status_checks: { strict: true, contexts: ['ci/unit', 'envflow/local-tests'] },
    enforce_admins: true,
    required_pull_request_reviews: { dismiss_stale_reviews: true, required_approving_review_count: 1 },
    restrictions: { users: ['ada-developer'], teams: [] },
    required_linear_history: false,
    allow_force_pushes: false,
    allow_deletions: false,
  };

  const environment = {
    wait_timer: 5,
    prevent_self_review: true,
    reviewers: [{ type: 'User', id: 9_919_001 }],
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  };

  const ruleset = {
    name: 'EnvFlow: develop',
    target: 'branch',
    enforcement: 'active',
    conditions: { ref_name: { include: ['refs/heads/develop'], exclude: [] } },
    rules: branchRulesetRules({ strict: false }),
  };

  // Order matters where a case creates what a later one reads (the protection PUT before its GET).
  const cases = (): Case[] => [
    { operation: 'GET /repos/{owner}/{repo}', status: 200, path: '' },
    { operation: 'GET /repos/{owner}/{repo}', status: 404, path: '/repos/octo/other', root: true },
    { operation: 'GET /user', status: 200, path: '/user', root: true },
    { operation: 'GET /user', status: 401, path: '/user', root: true, options: { token: 'ghp_wrong' } },
    { operation: 'GET /rate_limit', status: 200, path: '/rate_limit', root: true },
    { operation: 'GET /repos/{owner}/{repo}/pulls', status: 200, path: '/pulls?state=all' },
    {
      operation: 'POST /repos/{owner}/{repo}/pulls',
      status: 201,
      path: '/pulls',
      options: { body: { head: 'develop', base: 'main', title: 'Release', draft: true } },
    },
    {
      operation: 'POST /repos/{owner}/{repo}/pulls',
      status: 422,
      path: '/pulls',
      options: { body: { head: 'develop', base: 'main', title: 'Release again' } },
    },
    { operation: 'GET /repos/{owner}/{repo}/pulls/{pull_number}', status: 200, path: `/pulls/${pullNumber}` },
    { operation: 'GET /repos/{owner}/{repo}/pulls/{pull_number}', status: 404, path: '/pulls/999' },
    {
      operation: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      status: 200,
      path: `/pulls/${pullNumber}/reviews`,
    },
    {
      operation: 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      status: 200,
      path: `/pulls/${mergeNumber}/merge`,
      options: { body: {} },
    },
    { operation: 'GET /repos/{owner}/{repo}/deployments', status: 200, path: '/deployments?environment=development' },
    {
      operation: 'POST /repos/{owner}/{repo}/deployments',
      status: 201,
      path: '/deployments',
      options: {
        body: {
          ref: 'main',
          environment: 'production',
          auto_merge: false,
          required_contexts: [],
          payload: { backup: 'backup/production-1' },
        },
      },
    },
    {
      operation: 'POST /repos/{owner}/{repo}/deployments',
      status: 422,
      path: '/deployments',
      options: { body: { ref: 'no-such-branch', environment: 'production' } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
      status: 200,
      path: `/deployments/${deploymentId}`,
    },
    { operation: 'GET /repos/{owner}/{repo}/deployments/{deployment_id}', status: 404, path: '/deployments/1' },
    {
      operation: 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      status: 200,
      path: `/deployments/${deploymentId}/statuses`,
    },
    {
      operation: 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      status: 201,
      path: `/deployments/${deploymentId}/statuses`,
      options: {
        body: {
          state: 'inactive',
          description: 'Replaced',
          log_url: 'https://ci.example/deploy/2',
          environment_url: 'https://dev.example',
        },
      },
    },
    {
      operation: 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      status: 422,
      path: `/deployments/${deploymentId}/statuses`,
      options: { body: { state: 'exploded' } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      status: 200,
      path: '/commits/develop/check-runs',
    },
    { operation: 'GET /repos/{owner}/{repo}/commits/{ref}/status', status: 200, path: `/commits/${developSha}/status` },
    { operation: 'GET /repos/{owner}/{repo}/commits/{ref}/status', status: 404, path: '/commits/no-such-ref/status' },
    { operation: 'GET /repos/{owner}/{repo}/commits/{ref}/statuses', status: 200, path: '/commits/develop/statuses' },
    {
      operation: 'POST /repos/{owner}/{repo}/statuses/{sha}',
      status: 201,
      path: `/statuses/${developSha}`,
      options: { body: { state: 'pending', context: 'envflow/local-tests', description: 'Running' } },
    },
    { operation: 'GET /repos/{owner}/{repo}/compare/{basehead}', status: 200, path: '/compare/main...develop' },
    { operation: 'GET /repos/{owner}/{repo}/compare/{basehead}', status: 404, path: '/compare/main...nope' },
    { operation: 'GET /repos/{owner}/{repo}/git/ref/{ref}', status: 200, path: '/git/ref/heads/develop' },
    { operation: 'GET /repos/{owner}/{repo}/git/ref/{ref}', status: 404, path: '/git/ref/heads/nope' },
    { operation: 'GET /repos/{owner}/{repo}/git/matching-refs/{ref}', status: 200, path: '/git/matching-refs/heads/' },
    {
      operation: 'POST /repos/{owner}/{repo}/git/refs',
      status: 201,
      path: '/git/refs',
      options: { body: { ref: 'refs/tags/backup/production-1', sha: developSha } },
    },
    {
      operation: 'POST /repos/{owner}/{repo}/git/refs',
      status: 422,
      path: '/git/refs',
      options: { body: { ref: 'refs/heads/develop', sha: developSha } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      status: 404,
      path: '/branches/main/protection',
    },
    {
      operation: 'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
      status: 200,
      path: '/branches/main/protection',
      options: { body: protection },
    },
    {
      operation: 'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
      status: 422,
      path: '/branches/main/protection',
      options: { body: { enforce_admins: true } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      status: 200,
      path: '/branches/main/protection',
    },
    { operation: 'GET /repos/{owner}/{repo}/branches/{branch}', status: 200, path: '/branches/main' },
    { operation: 'GET /repos/{owner}/{repo}/branches/{branch}', status: 200, path: '/branches/feature/login' },
    { operation: 'GET /repos/{owner}/{repo}/branches/{branch}', status: 404, path: '/branches/nope' },
    {
      operation: 'GET /repos/{owner}/{repo}/dependabot/alerts',
      status: 200,
      path: '/dependabot/alerts?state=open,dismissed',
    },
    { operation: 'GET /repos/{owner}/{repo}/actions/runs', status: 200, path: '/actions/runs?branch=develop' },
    { operation: 'GET /repos/{owner}/{repo}/actions/workflows', status: 200, path: '/actions/workflows' },
    {
      operation: 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      status: 204,
      path: '/actions/workflows/deploy.yml/dispatches',
      options: { body: { ref: 'feature/login', inputs: { target: developSha, reason: 'rollback' } } },
      noBody: true,
    },
    {
      operation: 'PUT /repos/{owner}/{repo}/environments/{environment_name}',
      status: 200,
      path: '/environments/production',
      options: { body: environment },
    },
    {
      operation: 'PUT /repos/{owner}/{repo}/environments/{environment_name}',
      status: 422,
      path: '/environments/production',
      options: { body: { wait_timer: -1 } },
    },
    {
      operation: 'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
      status: 200,
      path: '/environments/production/deployment-branch-policies',
      options: { body: { name: 'backup/production-*', type: 'tag' } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
      status: 200,
      path: '/environments/production/deployment-branch-policies',
    },
    {
      operation: 'GET /repos/{owner}/{repo}/environments/{environment_name}',
      status: 200,
      path: '/environments/production',
    },
    { operation: 'GET /repos/{owner}/{repo}/environments', status: 200, path: '/environments' },
    { operation: 'GET /repos/{owner}/{repo}/git/tags/{tag_sha}', status: 200, path: `/git/tags/${tagObjectSha}` },
    { operation: 'GET /repos/{owner}/{repo}/git/tags/{tag_sha}', status: 404, path: `/git/tags/${'0'.repeat(40)}` },
    { operation: 'POST /repos/{owner}/{repo}/rulesets', status: 201, path: '/rulesets', options: { body: ruleset } },
    { operation: 'POST /repos/{owner}/{repo}/rulesets', status: 422, path: '/rulesets', options: { body: ruleset } },
    { operation: 'GET /repos/{owner}/{repo}/rules/branches/{branch}', status: 200, path: '/rules/branches/develop' },
    {
      operation: 'GET /repos/{owner}/{repo}/rules/branches/{branch}',
      status: 200,
      path: '/rules/branches/feature/login',
    },
    {
      operation: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
      status: 200,
      path: `/actions/runs/${runId}/jobs`,
    },
    // GitHub documents no body for the log redirect: the case checks the Location instead.
    {
      operation: 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
      status: 302,
      path: `/actions/jobs/${failedJobId}/logs`,
    },
    {
      operation: 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
      status: 201,
      path: `/actions/runs/${runId}/rerun-failed-jobs`,
    },
    {
      operation: 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
      status: 202,
      path: `/actions/runs/${runningRunId}/cancel`,
    },
    {
      operation: 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
      status: 409,
      path: `/actions/runs/${runningRunId}/cancel`,
    },
    { operation: 'GET /repos/{owner}/{repo}/actions/runs', status: 200, path: '/actions/runs?status=waiting' },
    {
      operation: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
      status: 200,
      path: `/actions/runs/${waitingRunId}/pending_deployments`,
    },
    {
      operation: 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
      status: 200,
      path: `/actions/runs/${waitingRunId}/pending_deployments`,
      options: { body: { environment_ids: [productionEnvironmentId], state: 'approved', comment: 'Ship it' } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/code-scanning/alerts',
      status: 200,
      path: '/code-scanning/alerts?state=open',
    },
    {
      operation: 'GET /repos/{owner}/{repo}/secret-scanning/alerts',
      status: 200,
      path: '/secret-scanning/alerts?state=open',
    },
    {
      operation: 'GET /repos/{owner}/{repo}/code-scanning/default-setup',
      status: 200,
      path: '/code-scanning/default-setup',
    },
    {
      operation: 'PATCH /repos/{owner}/{repo}/code-scanning/default-setup',
      status: 202,
      path: '/code-scanning/default-setup',
      options: { body: { state: 'configured' } },
    },
    {
      operation: 'PATCH /repos/{owner}/{repo}/code-scanning/default-setup',
      status: 200,
      path: '/code-scanning/default-setup',
      options: { body: { state: 'configured' } },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/code-scanning/default-setup',
      status: 200,
      path: '/code-scanning/default-setup',
    },
    {
      operation: 'PATCH /repos/{owner}/{repo}',
      status: 200,
      path: '',
      options: {
        body: {
          security_and_analysis: {
            secret_scanning: { status: 'enabled' },
            secret_scanning_push_protection: { status: 'enabled' },
          },
        },
      },
    },
    {
      operation: 'GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}',
      status: 200,
      path: '/dependency-graph/compare/main...develop',
    },
    {
      operation: 'GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}',
      status: 404,
      path: '/dependency-graph/compare/main...nope',
    },
  ];

  it('answers every implemented operation with a body its schema accepts', async () => {
    const checked = new Set<string>();
    for (const testCase of cases()) {
      const method = testCase.operation.split(' ')[0] ?? 'GET';
      const options = { token: TOKEN, ...testCase.options };
      const answer = testCase.root
        ? await call(server, method, testCase.path, options)
        : await repoCall(server, method, testCase.path, options);
      const label = `${method} ${testCase.path}`;
      assert.equal(answer.status, testCase.status, `${label} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      checked.add(testCase.operation);
      if (testCase.noBody) {
        assert.equal(answer.text, '', `${label} has no body`);
        continue;
      }
      if (testCase.status >= 300 && testCase.status < 400) {
        assert.match(
          answer.headers.get('location') ?? '',
          /^http:\/\/127\.0\.0\.1:\d+\//,
          `${label} redirects somewhere`,
        );
        continue;
      }
      const validate = validatorFor(testCase.operation, testCase.status);
      assert.ok(
        validate(answer.json),
        `${label} does not match ${testCase.operation} ${testCase.status}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`,
      );
      checked.add(testCase.operation);
    }
    const document = JSON.parse(readFileSync(schemaFile, 'utf8')) as SchemaFile;
    assert.deepEqual(
      [...checked].sort(),
      Object.keys(document.operations).sort(),
      'every extracted operation is exercised',
    );
  });

  it('dependabot and protection refusals have GitHub’s error shape', async () => {
    server.setDependabot('disabled');
    const disabled = await repoCall(server, 'GET', '/dependabot/alerts', { token: TOKEN });
    server.setDependabot('enabled');
    assert.equal(disabled.status, 403);
    assert.ok(validatorFor('GET /repos/{owner}/{repo}/dependabot/alerts', 403)(disabled.json));
    server.setAdmin(false);
    const refused = await repoCall(server, 'PUT', '/branches/develop/protection', { token: TOKEN, body: protection });
    server.setAdmin(true);
    assert.equal(refused.status, 403);
    assert.ok(validatorFor('PUT /repos/{owner}/{repo}/branches/{branch}/protection', 403)(refused.json));
  });

  it('scanning refusals have GitHub’s error shape', async () => {
    const refusals: { mode: () => void; path: string; operation: string; status: number }[] = [
      {
        mode: () => server.setCodeScanning('noAnalysis'),
        path: '/code-scanning/alerts',
        operation: 'GET /repos/{owner}/{repo}/code-scanning/alerts',
        status: 404,
      },
      {
        mode: () => server.setCodeScanning('disabled'),
        path: '/code-scanning/alerts',
        operation: 'GET /repos/{owner}/{repo}/code-scanning/alerts',
        status: 403,
      },
      {
        mode: () => server.setCodeScanning('forbidden'),
        path: '/code-scanning/default-setup',
        operation: 'GET /repos/{owner}/{repo}/code-scanning/default-setup',
        status: 403,
      },
    ];
    for (const refusal of refusals) {
      refusal.mode();
      const answer = await repoCall(server, 'GET', refusal.path, { token: TOKEN });
      server.setCodeScanning('enabled');
      server.setSecretScanning('enabled');
      assert.equal(answer.status, refusal.status, `${refusal.path}: ${answer.text}`);
      assert.ok(
        validatorFor(refusal.operation, refusal.status)(answer.json),
        `${refusal.path} ${refusal.status} has GitHub's error shape`,
      );
    }
    // GitHub documents no body for secret scanning's 404; its message says why.
    server.setSecretScanning('disabled');
    const hidden = await repoCall(server, 'GET', '/secret-scanning/alerts', { token: TOKEN });
    server.setSecretScanning('enabled');
    assert.equal(hidden.status, 404);
    assert.match(field(hidden.json, 'message') as string, /disabled/);
    server.setAdmin(false);
    const refused = await repoCall(server, 'PATCH', '/code-scanning/default-setup', {
      token: TOKEN,
      body: { state: 'not-configured' },
    });
    server.setAdmin(true);
    assert.equal(refused.status, 403);
    assert.ok(validatorFor('PATCH /repos/{owner}/{repo}/code-scanning/default-setup', 403)(refused.json));
  });

  it('rejects a wrong shape, so the check above can fail', async () => {
    const answer = await repoCall(server, 'GET', `/pulls/${pullNumber}`, { token: TOKEN });
    const validate = validatorFor('GET /repos/{owner}/{repo}/pulls/{pull_number}', 200);
    assert.ok(validate(answer.json));
    const body = answer.json as Record<string, unknown>;
    const { number: _number, ...withoutNumber } = body;
    assert.equal(validate(withoutNumber), false, 'a pull request without its number is rejected');
    assert.equal(validate({ ...body, state: 'merged' }), false, 'a state outside open/closed is rejected');
    assert.equal(
      validate({ ...body, head: { ...(body.head as object), sha: 42 } }),
      false,
      'a numeric head SHA is rejected',
    );
    assert.equal(field(body, 'head', 'ref'), 'feature/login');
  });
});
