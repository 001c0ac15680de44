/**
 * The setup plan against a real repository and the GitHub API server: a fresh repository,
 * one partly set up, one where the user has no admin rights, one signed out; and the
 * second run, which must find everything done and change nothing at all.
 */
import * as assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { planSetup, setupFiles, type SetupStep } from '../../../src/core/setup/plan';
import { applyEverySetupStep } from '../../../src/core/setup/apply';
import { detectStack } from '../../../src/core/setup/stack';
import { applyAll } from './applyAll';
import { stricterMainProtection } from '../../support/strictProtection';
import { origin } from '../../support/releaseHarness';
import { openSetupWorld, type SetupWorld } from './setupWorld';

const config = defaultFlowConfig;

const statuses = (steps: readonly SetupStep[]) => Object.fromEntries(steps.map((s) => [s.id, s.status]));

describe('setup plan against a repository and the GitHub API server', function () {
  this.timeout(60_000);
  let world: SetupWorld;

  async function open(options: { withDevelop: boolean }): Promise<void> {
    world = await openSetupWorld({ name: 'setup', ...options });
  }

  afterEach(() => world.dispose());

  it('fresh repository: creates develop from main, protects both, writes every file; the second run changes nothing', async () => {
    await open({ withDevelop: false });
    const mainSha = await origin(world.fixture, 'rev-parse', 'refs/heads/main');
    const head = await world.fixture.git('rev-parse', 'HEAD');
    const first = await planSetup(world.context());
    assert.deepEqual(statuses(first), {
      develop: 'missing',
      'protect:main': 'missing',
      'protect:develop': 'missing',
      'environment:production': 'missing',
      'environment:development': 'missing',
      codeql: 'missing',
      // Secret scanning is on; push protection is not yet.
      'secret-scanning': 'partial',
      'file:ci': 'missing',
      'file:deploy-development': 'missing',
      'file:deploy': 'missing',
      'file:dependabot': 'missing',
      'file:dockerfile': 'missing',
      'file:dockerignore': 'missing',
      'file:devcontainer': 'missing',
    });
    assert.match(first[0].description, /Creates develop on GitHub at main's head/);
    await applyAll(first);

    assert.equal(
      await origin(world.fixture, 'rev-parse', 'refs/heads/develop'),
      mainSha,
      'develop starts at main on origin',
    );
    assert.equal(await world.fixture.git('rev-parse', 'refs/remotes/origin/develop'), mainSha, 'and is fetched');
    assert.equal(await world.fixture.git('rev-parse', 'HEAD'), head, 'no local branch moved');
    const main = world.hub.server.state.protection.get('main')?.body;
    const develop = world.hub.server.state.protection.get('develop')?.body;
    assert.deepEqual(
      main?.required_status_checks,
      { strict: true, contexts: ['ci'], checks: [{ context: 'ci', app_id: 15368 }] },
      'ci from GitHub Actions only; main up to date',
    );
    assert.deepEqual(develop?.required_status_checks, {
      strict: false,
      contexts: ['ci', 'envflow/local-tests'],
      checks: [{ context: 'ci', app_id: 15368 }, { context: 'envflow/local-tests' }],
    });
    for (const body of [main, develop]) {
      assert.equal(body?.required_pull_request_reviews?.required_approving_review_count, 1, 'one approval by default');
      assert.equal(body?.allow_force_pushes, false);
      assert.equal(body?.allow_deletions, false);
    }
    const environments = world.hub.server.state.environments;
    assert.deepEqual(
      [...environments.values()].map((e) => ({
        name: e.name,
        policy: e.branchPolicy,
        patterns: e.patterns.map((p) => `${p.type} ${p.name}`),
        selfReview: e.preventSelfReview,
        reviewers: e.reviewers.length,
        wait: e.waitTimer,
      })),
      [
        {
          name: 'production',
          policy: { protected_branches: false, custom_branch_policies: true },
          patterns: ['branch main', 'tag backup/production-*'],
          selfReview: true,
          reviewers: 0,
          wait: 0,
        },
        {
          name: 'development',
          policy: { protected_branches: false, custom_branch_policies: true },
          patterns: ['branch develop'],
          selfReview: false,
          reviewers: 0,
          wait: 0,
        },
      ],
    );
    const security = world.hub.server.state.security;
    assert.equal(security.defaultSetup.state, 'configured', 'CodeQL default setup is on');
    assert.equal(security.pushProtection, true, 'secret scanning blocks pushes with secrets');
    const stack = await detectStack(world.fixture.root);
    for (const file of setupFiles(stack, config)) {
      assert.equal(await readFile(join(world.fixture.root, file.path), 'utf8'), file.content, `${file.path} written`);
    }

    // The second run: everything done, nothing applied, no request that writes, no file touched, no push.
    const status = await world.fixture.git('status', '--porcelain=v1', '--untracked-files=all');
    const mtimes = await Promise.all(
      setupFiles(stack, config).map(async (f) => (await stat(join(world.fixture.root, f.path))).mtimeMs),
    );
    world.hub.server.resetRequests();
    const processesBefore = world.guarded.processes.length;
    const second = await planSetup(world.context());
    assert.ok(
      second.every((s) => s.status === 'done'),
      JSON.stringify(statuses(second)),
    );
    assert.deepEqual(await applyAll(second), [], 'nothing to apply');
    assert.deepEqual(world.writes(), [], 'no write request reached GitHub');
    assert.equal(await world.fixture.git('status', '--porcelain=v1', '--untracked-files=all'), status);
    assert.deepEqual(
      await Promise.all(
        setupFiles(stack, config).map(async (f) => (await stat(join(world.fixture.root, f.path))).mtimeMs),
      ),
      mtimes,
    );
    assert.deepEqual(
      world.guarded.processes.slice(processesBefore),
      [],
      'signed in, the second run starts no git process',
    );
  });

  it('partly set up: keeps stricter rules and existing checks, never overwrites a different file, skips identical ones', async () => {
    await open({ withDevelop: true });
    world.hub.server.state.protection.set('main', { branch: 'main', body: stricterMainProtection() });
    const stack = await detectStack(world.fixture.root);
    const files = setupFiles(stack, config);
    const dockerfile = files.find((f) => f.path === 'Dockerfile')!;
    await world.fixture.write('Dockerfile', dockerfile.content);
    await world.fixture.write('.github/workflows/ci.yml', 'name: Our own CI\n');

    const plan = await planSetup(world.context());
    const byId = new Map(plan.map((s) => [s.id, s]));
    assert.equal(byId.get('develop')?.status, 'done');
    assert.equal(byId.get('protect:main')?.status, 'partial');
    assert.match(
      byId.get('protect:main')!.description,
      /Now: pull requests required with 2 approvals; required checks: lint; applies to admins.*EnvFlow will require the check "ci"; every other rule stays/,
    );
    assert.equal(byId.get('file:dockerfile')?.status, 'done');
    const ci = byId.get('file:ci')!;
    assert.equal(ci.status, 'partial');
    assert.equal(ci.apply, undefined, 'a different file cannot be applied over');
    assert.equal(ci.proposal?.content, files.find((f) => f.id === 'ci')!.content, 'the proposal is there to compare');

    await applyAll(plan);
    const main = world.hub.server.state.protection.get('main')!.body;
    assert.deepEqual(main.required_status_checks, {
      strict: true,
      contexts: ['lint', 'ci'],
      checks: [{ context: 'lint' }, { context: 'ci', app_id: 15368 }],
    });
    assert.equal(main.enforce_admins, true);
    assert.equal(main.required_pull_request_reviews?.required_approving_review_count, 2);
    assert.equal(main.required_pull_request_reviews?.require_code_owner_reviews, true);
    assert.equal(
      await readFile(join(world.fixture.root, '.github/workflows/ci.yml'), 'utf8'),
      'name: Our own CI\n',
      'left as it was',
    );

    world.hub.server.resetRequests();
    const again = await planSetup(world.context());
    assert.deepEqual(
      again.filter((s) => s.status !== 'done').map((s) => s.id),
      ['file:ci'],
      'only the file EnvFlow may not overwrite is left',
    );
    assert.deepEqual(await applyAll(again), []);
    assert.deepEqual(world.writes(), []);
  });

  it('no admin rights: protection says why in one sentence, every other step still works', async () => {
    await open({ withDevelop: false });
    world.hub.server.setAdmin(false);
    const plan = await planSetup(world.context());
    const protection = plan.filter((s) => s.id.startsWith('protect:'));
    assert.deepEqual(
      protection.map((s) => s.status),
      ['blocked', 'missing'],
      'develop does not exist yet, so its protection is only read after it is created',
    );
    assert.match(
      protection[0].description,
      /^GitHub refused access to main's protection: it needs admin rights on octo\/service[^.]*\.$/,
    );
    assert.equal(protection[0].apply, undefined);
    // develop's protection fails when applied, with the same sentence; the rest is done.
    const results: string[] = [];
    for (const step of plan) {
      try {
        results.push(step.apply ? await step.apply() : `${step.id}: ${step.status}`);
      } catch (error) {
        results.push(`failed: ${(error as Error).message}`);
      }
    }
    assert.ok(
      results.some((r) => /^failed: GitHub (refused access to develop's protection|answered 404 for develop)/.test(r)),
      results.join('\n'),
    );
    assert.ok(await origin(world.fixture, 'rev-parse', '--verify', 'refs/heads/develop'), 'develop was created');
    assert.equal(
      results.filter((r) => r.startsWith('Wrote ')).length,
      setupFiles(await detectStack(world.fixture.root), config).length,
      'every file written',
    );
    assert.equal(world.hub.server.state.protection.size, 0);
  });

  it('no admin rights: running every step goes past the refusal, writes the files, and says it at the end', async () => {
    await open({ withDevelop: false });
    world.hub.server.setAdmin(false);
    // main's protection is unreadable (blocked at plan time); develop's is written after develop exists and refused with 403.
    const run = await applyEverySetupStep(await planSetup(world.context()));
    assert.deepEqual(run.blocked, [
      'protect:main',
      'protect:develop',
      'environment:production',
      'environment:development',
      'codeql',
      'secret-scanning',
    ]);
    assert.equal(run.said.length, 6);
    assert.match(
      run.said[4],
      /^GitHub did not turn on CodeQL default setup: Resource not accessible by integration\.$/,
    );
    assert.match(
      run.said[5],
      /^Only an admin of octo\/service sees and changes secret scanning: ask one to run this step\.$/,
    );
    assert.match(run.said[1], /develop/);
    assert.match(run.said[2], /^GitHub refused access to the production environment: it needs admin rights/);
    assert.equal(
      run.written.length,
      setupFiles(await detectStack(world.fixture.root), config).length,
      'every file written after the refusals',
    );
    assert.ok(await origin(world.fixture, 'rev-parse', '--verify', 'refs/heads/develop'), 'develop was created');
  });

  it('signed out: creates develop with a plain push of origin/main (no force) and says protection needs a sign-in', async () => {
    await open({ withDevelop: false });
    const plan = await planSetup(world.context({ client: undefined }));
    assert.equal(plan[0].status, 'missing');
    assert.match(plan[0].description, /Pushes origin\/main as develop to origin \(a new branch, no force\)/);
    assert.deepEqual(
      plan.filter((s) => s.id.startsWith('protect:')).map((s) => s.status),
      ['blocked', 'blocked'],
    );
    assert.match(plan[1].description, /Sign in to GitHub/);
    await plan[0].apply!();
    assert.equal(
      await origin(world.fixture, 'rev-parse', 'refs/heads/develop'),
      await origin(world.fixture, 'rev-parse', 'refs/heads/main'),
    );
    const push = world.guarded.processes.find((args) => args.includes('push'));
    assert.deepEqual(push?.slice(-2), ['origin', 'refs/remotes/origin/main:refs/heads/develop']);
    const again = await planSetup(world.context({ client: undefined }));
    assert.equal(again[0].status, 'done');
  });

  it('a rate limit answered with 403 is said as a rate limit, never as missing admin rights (reading or writing protection)', async () => {
    await open({ withDevelop: true });
    const limited = (method: 'GET' | 'PUT') =>
      world.hub.server.faults.inject({
        kind: 'rateLimitPrimary',
        resetInSeconds: 1800,
        times: Infinity,
        match: { method, path: /\/protection$/ },
      });
    limited('GET');
    await assert.rejects(
      planSetup(world.context()),
      (error: Error) =>
        /rate limit is used up; EnvFlow resumes at \d\d:\d\d/.test(error.message) && !/admin/.test(error.message),
    );
    world.hub.server.faults.clear();
    const plan = await planSetup(world.context());
    limited('PUT');
    const protectMain = plan.find((s) => s.id === 'protect:main')!;
    await assert.rejects(
      protectMain.apply!(),
      (error: Error) => /rate limit is used up/.test(error.message) && !/admin/.test(error.message),
    );
    assert.equal(world.hub.server.state.protection.size, 0);
  });
});
