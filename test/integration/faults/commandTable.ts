/**
 * The commands of the fault matrix, one row each, driving the same core functions the
 * commands call. Adding a command is one row: its template repository, which requests
 * its GitHub faults hit, a plan (or a "not applicable" reason) per git fault, and a
 * session that runs it and checks the job was done exactly once after the re-run.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowConfig } from '../../../src/core/model/flowConfig';
import type { RepositorySnapshot } from '../../../src/core/model/snapshot';
import { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { takeBackup } from '../../../src/core/release/backup';
import { pushAndOpenPullRequest } from '../../../src/core/release/branchPullRequest';
import { openReleasePullRequest } from '../../../src/core/release/promote';
import { planRollback, redeploy, revertToTarget } from '../../../src/core/release/rollback';
import { DISPATCHABLE_WORKFLOW } from '../release/dispatchableWorkflow';
import { syncDevelop } from '../../../src/core/release/sync';
import { applyEverySetupStep } from '../../../src/core/setup/apply';
import { planSetup, setupFiles } from '../../../src/core/setup/plan';
import { detectStack } from '../../../src/core/setup/stack';
import type { FaultMatch } from '../../support/githubServer/index';
import { commitAndPush, config, origin, tagsIn, unresolvedHistory } from '../release/harness';
import { withRemotes } from '../git/open';
import { stricterMainProtection } from '../setup/strictProtection';
import { buildTemplate, type CaseContext, type Template } from './caseContext';
import type { GitFaultId } from './faultTable';
import { developConflict, indexLock, pushRejected, unreachable, type GitPlan } from './gitPlans';

/** One command run in one case: run it (again), then check what the user would. */
export interface Session {
  /** Runs the command; resolves with the sentence the user sees when it did not succeed (or throws). */
  run(): Promise<string | undefined>;
  /** After the faulted run: what already happened is named, what was shown stays. */
  afterFault?(sentence: string | undefined): Promise<void>;
  /** After the re-run: the job is done, exactly once. */
  verify(): Promise<void>;
}

export interface CommandRow {
  readonly id: string;
  readonly label: string;
  template(): Promise<Template>;
  /** GitHub faults hit the requests `target` selects (all when absent); `writes`: the command writes to GitHub. */
  readonly github: { readonly notApplicable: string } | { readonly target?: FaultMatch; readonly writes: boolean };
  readonly git: Readonly<Record<GitFaultId, GitPlan>>;
  start(context: CaseContext): Promise<Session>;
}

const POST_PULLS: FaultMatch = { method: 'POST', path: /\/pulls$/ };
const NO_PUSH = { notApplicable: 'it pushes no branch' };
const NO_MERGE = { notApplicable: 'it merges nothing locally' };
const GIT_ONLY = { notApplicable: 'it runs git only' };

async function openPulls(c: CaseContext, head: string, base: string): Promise<number> {
  return c.server.state.pulls.filter((p) => p.state === 'open' && p.head === head && p.base === base).length;
}

async function localBranch(c: CaseContext): Promise<string> {
  return c.fixture.git('branch', '--show-current');
}

/** A sentence about a half-way failure names each thing already done. */
function assertNames(sentence: string | undefined, done: readonly string[]): void {
  if (sentence === undefined) {
    return; // the command succeeded despite the fault
  }
  for (const thing of done) {
    assert.ok(sentence?.includes(thing), `the sentence names ${thing}, which already happened: ${JSON.stringify(sentence)}`);
  }
}

const refresh: CommandRow = {
  id: 'refresh',
  label: 'refresh',
  template: () => buildTemplate('refresh', { developAhead: 1 }),
  github: { writes: false },
  git: {
    pushRejected: NO_PUSH,
    mergeConflict: NO_MERGE,
    remoteUnreachable: { ...unreachable('all'), unaffected: 'the background fetch failing costs only a log line' },
    indexLock: indexLock('reading status needs no lock'),
  },
  async start(c) {
    const production = c.server.addDeployment({ ref: 'main', environment: 'production' });
    c.server.addDeploymentStatus(production, { state: 'success' });
    const git = c.guarded.repo;
    const flow: FlowConfig = { ...config };
    const model = new RepositoryModel({
      // origin is a folder in the fixture; the model is told it is GitHub's octo/service.
      git: withRemotes(git, async () => [{ name: 'origin', fetchUrl: 'https://github.com/octo/service.git', pushUrl: 'https://github.com/octo/service.git' }]),
      config: () => flow,
      connect: async () => c.client(),
      testRecord: () => undefined,
      now: () => c.now().getTime(),
      fetchEvery: 1,
    });
    const shown = (await model.refresh('full')).snapshot;
    assert.equal(shown.connection.state, 'ok');
    assert.equal(shown.production.deployment?.id, production);
    let latest: RepositorySnapshot = shown;
    return {
      async run() {
        latest = (await model.refresh('full')).snapshot;
        return latest.connection.state === 'error' ? latest.connection.message : undefined;
      },
      async afterFault(sentence) {
        if (sentence === undefined) {
          return;
        }
        assert.equal(latest.stale, true, 'the GitHub parts are marked stale');
        assert.equal(latest.production.deployment?.id, production, 'the production deployment shown before stays');
        assert.equal(latest.development.head?.sha, shown.development.head?.sha, 'the local parts still read');
      },
      async verify() {
        assert.equal(latest.connection.state, 'ok');
        assert.equal(latest.stale, false, 'fresh again once the fault cleared');
      },
    };
  },
};

const startBranch: CommandRow = {
  id: 'startBranch',
  label: 'start branch',
  template: () => buildTemplate('start', { developAhead: 1 }),
  github: GIT_ONLY,
  git: {
    pushRejected: NO_PUSH,
    mergeConflict: { notApplicable: 'it merges nothing; changes that collide go through a stash (see the host suite)' },
    remoteUnreachable: unreachable('all'),
    indexLock: indexLock(),
  },
  async start(c) {
    const git = c.guarded.repo;
    return {
      async run() {
        await git.fetch('origin', ['develop']);
        await git.createAndSwitchBranch('feature/fault-case', 'origin/develop');
        return undefined;
      },
      async verify() {
        assert.equal(await localBranch(c), 'feature/fault-case');
        assert.equal(await c.fixture.git('rev-parse', 'HEAD'), await c.fixture.git('rev-parse', 'origin/develop'));
      },
    };
  },
};

const openPullRequest: CommandRow = {
  id: 'openPullRequest',
  label: 'open PR',
  template: () =>
    buildTemplate('openpr', { developAhead: 1 }, async (repo) => {
      await repo.git('switch', '--quiet', '--create', 'feature/login', 'develop');
      await repo.commit('Add login', { 'login.txt': 'login\n' });
      await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/login');
      await repo.commit('Polish login', { 'login.txt': 'login, polished\n' });
    }),
  github: { target: POST_PULLS, writes: true },
  git: {
    pushRejected: pushRejected('feature/login'),
    remoteUnreachable: unreachable('push'),
    indexLock: indexLock('pushing needs no index'),
    mergeConflict: developConflict('login.txt'),
  },
  async start(c) {
    const git = c.guarded.repo;
    const mine = await c.fixture.git('rev-parse', 'HEAD');
    return {
      async run() {
        // The gate's "Update from develop" fix, when develop moved on; then the command.
        await git.fetch('origin', ['develop']);
        if (!(await git.isAncestor('origin/develop', 'HEAD'))) {
          await git.merge('origin/develop');
        }
        await pushAndOpenPullRequest({ git, client: c.client(), branch: 'feature/login', base: 'develop', compose: async () => ({ title: 'Add login', body: '' }) });
        return undefined;
      },
      async afterFault(sentence) {
        const pushed = (await origin(c.fixture, 'rev-parse', 'refs/heads/feature/login')) === (await c.fixture.git('rev-parse', 'HEAD'));
        assertNames(sentence, pushed ? ['pushing feature/login'] : []);
        assert.equal(await c.fixture.git('merge-base', '--is-ancestor', mine, 'HEAD').then(() => true), true, 'the user’s commits are still on the branch');
      },
      async verify() {
        assert.equal(await openPulls(c, 'feature/login', 'develop'), 1, 'exactly one pull request');
        assert.equal(await origin(c.fixture, 'rev-parse', 'refs/heads/feature/login'), await c.fixture.git('rev-parse', 'HEAD'));
      },
    };
  },
};

/** The git faults of commands whose only push is a new backup tag. */
const TAGGING: CommandRow['git'] = {
  pushRejected: { notApplicable: 'it pushes only a new tag; a taken name gets a suffix, never a force' },
  mergeConflict: NO_MERGE,
  remoteUnreachable: unreachable('push'),
  indexLock: indexLock('tagging needs no index'),
};

/** A backup tag the faulted run left is named in its sentence. */
async function assertNamesBackupTag(c: CaseContext, sentence: string | undefined): Promise<void> {
  const [tag] = await tagsIn(c.fixture, 'local');
  assertNames(sentence, tag ? [tag] : []);
}

const promote: CommandRow = {
  id: 'promote',
  label: 'promote',
  template: () => buildTemplate('promote', { developAhead: 2 }),
  github: { target: POST_PULLS, writes: true },
  git: TAGGING,
  async start(c) {
    return {
      run: () => openReleasePullRequest({ git: c.guarded.repo, client: c.client(), config, now: () => c.now() }).then(() => undefined),
      afterFault: (sentence) => assertNamesBackupTag(c, sentence),
      async verify() {
        assert.equal((await tagsIn(c.fixture, 'origin')).length, 1, 'exactly one backup tag on origin');
        assert.equal((await tagsIn(c.fixture, 'local')).length, 1, 'and no second one left locally');
        assert.equal(await openPulls(c, 'develop', 'main'), 1, 'exactly one release pull request');
      },
    };
  },
};

const backup: CommandRow = {
  id: 'backup',
  label: 'backup',
  template: () => buildTemplate('backup', {}),
  github: GIT_ONLY,
  git: TAGGING,
  async start(c) {
    return {
      run: () => takeBackup(c.guarded.repo, { productionBranch: 'main', now: () => c.now() }).then(() => undefined),
      afterFault: (sentence) => assertNamesBackupTag(c, sentence),
      async verify() {
        assert.deepEqual(await tagsIn(c.fixture, 'origin'), await tagsIn(c.fixture, 'local'));
        assert.equal((await tagsIn(c.fixture, 'origin')).length, 1, 'exactly one backup tag');
      },
    };
  },
};

/** main: good → two more commits; a successful deployment of good, a failed one of the head. */
function rollbackTemplate(name: string): Promise<Template> {
  return buildTemplate(name, {}, async (repo) => {
    // GitHub accepts a dispatch only of a workflow on the ref that declares workflow_dispatch.
    const good = await commitAndPush(repo, 'main', 'Add the production workflow', { '.github/workflows/deploy.yml': DISPATCHABLE_WORKFLOW });
    await commitAndPush(repo, 'main', 'Break checkout', { 'checkout.txt': 'broken\n' });
    const head = await commitAndPush(repo, 'main', 'Break it more', { 'checkout.txt': 'more broken\n' });
    await repo.git('switch', '--quiet', 'develop');
    return { good, head };
  });
}

function seedDeployments(c: CaseContext): void {
  const good = c.server.addDeployment({ ref: 'main', sha: c.facts.good, environment: 'production' });
  c.server.addDeploymentStatus(good, { state: 'success' });
  const bad = c.server.addDeployment({ ref: 'main', sha: c.facts.head, environment: 'production' });
  c.server.addDeploymentStatus(bad, { state: 'failure' });
}

const rollbackRevert: CommandRow = {
  id: 'rollbackRevert',
  label: 'roll back (revert PR)',
  template: () => rollbackTemplate('rollback'),
  github: { target: POST_PULLS, writes: true },
  git: {
    pushRejected: { notApplicable: 'it pushes only its own new branch; production is never pushed' },
    mergeConflict: { notApplicable: 'it merges nothing (a revert conflict is tested in rollback.test.ts)' },
    remoteUnreachable: unreachable('push'),
    indexLock: indexLock(),
  },
  async start(c) {
    seedDeployments(c);
    const rollbackBranches = async (where: 'local' | 'origin') =>
      (where === 'origin' ? await origin(c.fixture, 'branch', '--list', 'rollback/*') : await c.fixture.git('branch', '--list', 'rollback/*'))
        .split('\n')
        .map((b) => b.replace(/^[*+]?\s*/, '').trim())
        .filter(Boolean);
    return {
      async run() {
        const client = c.client();
        const git = c.guarded.repo;
        const plan = await planRollback({ git, config, client, history: await unresolvedHistory(client), currentSha: c.facts.head, now: c.now() });
        const target = plan.targets.find((t) => t.sha === c.facts.good);
        assert.ok(target, 'the good deployment is a rollback target');
        await revertToTarget({ git, history: c.guarded.history, client, config, target, now: c.now() });
        return undefined;
      },
      async afterFault(sentence) {
        assert.equal(await localBranch(c), 'develop', 'the user is back on their branch');
        const [pushed] = await rollbackBranches('origin');
        assertNames(sentence, pushed ? [pushed, 'pushing'] : []);
      },
      async verify() {
        const [branch, ...more] = await rollbackBranches('origin');
        assert.ok(branch && more.length === 0, 'exactly one rollback branch on origin');
        assert.equal(await openPulls(c, branch, 'main'), 1, 'exactly one revert pull request');
        assert.equal((await origin(c.fixture, 'rev-list', '--count', `${c.facts.head}..refs/heads/${branch}`)).trim(), '2', 'two revert commits, not four');
        assert.equal(await localBranch(c), 'develop');
      },
    };
  },
};

const rollbackRedeploy: CommandRow = {
  id: 'rollbackRedeploy',
  label: 'roll back (redeploy)',
  template: () => rollbackTemplate('redeploy'),
  github: { target: { method: 'POST', path: /\/actions\/workflows\/deploy\.yml\/dispatches$/ }, writes: true },
  git: { pushRejected: { notApplicable: 'a redeploy runs no git' }, mergeConflict: { notApplicable: 'a redeploy runs no git' }, remoteUnreachable: { notApplicable: 'a redeploy runs no git' }, indexLock: { notApplicable: 'a redeploy runs no git' } },
  async start(c) {
    seedDeployments(c);
    return {
      run: () => redeploy(c.client(), config, { sha: c.facts.good }, c.now()).then(() => undefined),
      async verify() {
        // A dispatch has no key to find it by afterwards: when its answer was lost, the re-run
        // starts a second run, which deploys the same commit after the first (one environment,
        // one run at a time). Never another target, never a third.
        const runs = c.server.state.workflowDispatches;
        assert.ok(runs.length >= 1 && runs.length <= 2, `one run of the production workflow, or two after a lost answer: ${runs.length}`);
        assert.ok(runs.every((d) => d.inputs.target === c.facts.good && d.inputs.reason === 'rollback' && d.workflow === 'deploy.yml'), 'every run deploys the target');
      },
    };
  },
};

const sync: CommandRow = {
  id: 'sync',
  label: 'sync develop',
  template: () =>
    buildTemplate('sync', {}, async (repo) => {
      await commitAndPush(repo, 'main', 'Hotfix: checkout', { 'checkout.txt': 'fixed\n' });
      await repo.git('switch', '--quiet', 'develop');
    }),
  github: { target: POST_PULLS, writes: true },
  git: { pushRejected: NO_PUSH, mergeConflict: { notApplicable: 'the sync is a pull request; nothing merges locally' }, remoteUnreachable: unreachable('all'), indexLock: indexLock('fetching needs no index') },
  async start(c) {
    return {
      run: () => syncDevelop({ git: c.guarded.repo, client: c.client(), config }).then(() => undefined),
      async verify() {
        assert.equal(await openPulls(c, 'main', 'develop'), 1, 'exactly one sync pull request');
      },
    };
  },
};

/** No rule of main's is weakened, whatever setup applied. */
function assertStrictMainKept(c: CaseContext): void {
  const main = c.server.state.protection.get('main')?.body;
  assert.equal(main?.enforce_admins, true, 'main still applies to admins');
  assert.equal(main?.required_status_checks?.strict, true, 'main still requires up-to-date branches');
  assert.ok(main?.required_status_checks?.contexts.includes('lint'), 'main still requires lint');
  assert.equal(main?.required_pull_request_reviews?.required_approving_review_count, 2, 'main still needs two approvals');
  assert.equal(main?.required_pull_request_reviews?.require_code_owner_reviews, true, 'and code owners');
  assert.equal(main?.allow_force_pushes, false);
}

const setup: CommandRow = {
  id: 'setup',
  label: 'set up repository',
  template: () => buildTemplate('setup', { withDevelop: false }),
  // The protection PUTs come after develop is created: a fault there fails setup half-way.
  github: { target: { method: 'PUT', path: /\/protection$/ }, writes: true },
  git: {
    pushRejected: { notApplicable: 'signed in, develop is created through the API; signed out, it is a new branch, never an update' },
    mergeConflict: NO_MERGE,
    remoteUnreachable: { ...unreachable('push'), unaffected: 'signed in, setup creates develop through the API and pushes nothing' },
    indexLock: indexLock('setup writes files but stages nothing'),
  },
  async start(c) {
    c.server.state.protection.set('main', { branch: 'main', body: stricterMainProtection() });
    const files = setupFiles(await detectStack(c.fixture.root), config);
    const mainSha = await origin(c.fixture, 'rev-parse', 'refs/heads/main');
    const status = await c.fixture.git('status', '--porcelain=v1', '--untracked-files=all');
    /** Requests before the re-run, and what was already in place then. */
    let mark = 0;
    let before = { develop: false, protected: [] as string[], files: [] as string[] };
    const exists = (path: string) => readFile(join(c.fixture.root, path), 'utf8').then(() => true, () => false);
    return {
      async run() {
        // As the UI does: read the plan, then apply every step that is not done.
        const plan = await planSetup({ root: c.fixture.root, git: c.guarded.repo, client: c.client(), config });
        await applyEverySetupStep(plan.filter((step) => step.status !== 'done'));
        return undefined;
      },
      async afterFault(sentence) {
        const develop = (await origin(c.fixture, 'branch', '--list', 'develop')).trim() !== '';
        const protectedBranches = ['main', 'develop'].filter((b) => c.server.state.protection.get(b)?.body.required_status_checks?.contexts.includes('ci'));
        const written = [];
        for (const file of files) {
          if (await exists(file.path)) {
            written.push(file.path);
          }
        }
        // A step whose write landed but whose answer was lost is named as the one that failed ("Protecting main failed…").
        assertNames(sentence?.toLowerCase(), [...(develop ? ['creating develop'] : []), ...protectedBranches.map((b) => `protecting ${b}`), ...written.map((p) => `writing ${p}`)]);
        assertStrictMainKept(c);
        before = { develop, protected: protectedBranches, files: written };
        mark = c.server.requests.length;
      },
      async verify() {
        const rerun = c.server.requests.slice(mark).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
        const creates = rerun.filter((r) => r.method === 'POST' && /\/git\/refs$/.test(r.path));
        assert.equal(creates.length, before.develop ? 0 : 1, `develop created once: ${JSON.stringify(rerun.map((r) => `${r.method} ${r.path}`))}`);
        assert.equal(await origin(c.fixture, 'rev-parse', 'refs/heads/develop'), mainSha, 'develop at main');
        for (const branch of ['main', 'develop']) {
          const puts = rerun.filter((r) => r.method === 'PUT' && r.path.includes(`/branches/${branch}/protection`));
          assert.equal(puts.length, before.protected.includes(branch) ? 0 : 1, `${branch} protected once`);
        }
        const main = c.server.state.protection.get('main')?.body;
        assert.deepEqual(main?.required_status_checks?.contexts, ['lint', 'ci'], 'main: its own check kept, ci added once');
        assertStrictMainKept(c);
        assert.equal(main?.allow_force_pushes, false);
        const develop = c.server.state.protection.get('develop')?.body;
        assert.deepEqual(develop?.required_status_checks?.contexts, ['ci', ...(config.publishStatus ? ['envflow/local-tests'] : [])]);
        assert.equal(develop?.allow_force_pushes, false);
        for (const file of files) {
          assert.equal(await readFile(join(c.fixture.root, file.path), 'utf8'), file.content, `${file.path} written once, as proposed`);
        }
        const added = (await c.fixture.git('status', '--porcelain=v1', '--untracked-files=all')).split('\n').filter((line) => line && !status.split('\n').includes(line));
        assert.equal(added.length, files.length, `exactly the six files are new: ${JSON.stringify(added)}`);
        assert.equal((await c.fixture.git('rev-parse', 'refs/remotes/origin/develop')), mainSha, 'develop fetched');
      },
    };
  },
};

export const commandRows: readonly CommandRow[] = [refresh, startBranch, openPullRequest, promote, backup, rollbackRevert, rollbackRedeploy, sync, setup];
