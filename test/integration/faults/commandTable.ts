/**
 * The commands of the fault matrix, one row each, each run through its real use case
 * (the code behind the command) with a scripted port answering its questions. Adding a
 * command is one row: its template repository, which requests its GitHub faults hit, a
 * plan (or a "not applicable" reason) per git fault, and a session that runs it and
 * checks the job was done exactly once after the re-run.
 */
import { DISPATCHABLE_WORKFLOW } from '../../support/dispatchableWorkflow';
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Commands } from '../../../src/constants';
import type { RepositorySnapshot } from '../../../src/core/model/snapshot';
import { backupProduction } from '../../../src/core/usecases/backupProduction';
import { openPullRequest as openPullRequestUseCase } from '../../../src/core/usecases/openPullRequest';
import { promote as promoteUseCase } from '../../../src/core/usecases/promote';
import { rollbackProduction } from '../../../src/core/usecases/rollbackProduction';
import { Presenter } from '../../../src/core/usecases/presenter';
import { refreshAll, signIn, signOut, type WorkspaceServices } from '../../../src/core/usecases/session';
import { setupRepository } from '../../../src/core/usecases/setupRepository';
import { approveDeployment, rejectDeployment } from '../../../src/core/usecases/reviewDeployment';
import { startBranch as startBranchUseCase } from '../../../src/core/usecases/startBranch';
import { runTests } from '../../../src/core/usecases/runTests';
import { syncDevelop } from '../../../src/core/usecases/syncDevelop';
import { setupFiles } from '../../../src/core/setup/plan';
import { detectStack } from '../../../src/core/setup/stack';
import type { FaultMatch } from '../../../tools/githubServer/index';
import { fixtureServices, shellTests } from '../../support/usecases/fixtureServices';
import { ScriptedPort } from '../../support/usecases/scriptedPort';
import { commitAndPush, config, origin, tagsIn } from '../../support/releaseHarness';
import { stricterMainProtection } from '../../support/strictProtection';
import { buildTemplate, type CaseContext, type Template } from '../../support/faultCase';
import { developConflict, indexLock, pushRejected, unreachable } from './gitPlans';
import { sentenceOf, servicesFor, type CommandRow, type Session } from './rowSupport';
import { runRows } from './runRows';

export type { CommandRow, Session } from './rowSupport';

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
    assert.ok(
      sentence?.includes(thing),
      `the sentence names ${thing}, which already happened: ${JSON.stringify(sentence)}`,
    );
  }
}

/**
 * The commands about the whole workspace: Refresh, and Sign In / Sign Out with the
 * refresh they end in. The token store is VS Code's; here signing in flips whether the
 * model gets a client. A fault reaches the user as the connection's sentence in the view.
 */
function workspaceRow(kind: 'refresh' | 'signIn' | 'signOut'): CommandRow {
  const useCases = { refresh: refreshAll, signIn, signOut };
  return {
    id: kind,
    command: Commands[kind],
    label: { refresh: 'refresh', signIn: 'sign in', signOut: 'sign out' }[kind],
    template: () => buildTemplate(kind, { developAhead: 1 }),
    github: kind === 'signOut' ? { notApplicable: 'signed out, EnvFlow sends GitHub no request' } : { writes: false },
    git: {
      pushRejected: NO_PUSH,
      mergeConflict: NO_MERGE,
      remoteUnreachable: { ...unreachable('all'), unaffected: 'the background fetch failing costs only a log line' },
      indexLock: indexLock('reading status needs no lock'),
    },
    async start(c) {
      const production = c.server.addDeployment({ ref: 'main', environment: 'production' });
      c.server.addDeploymentStatus(production, { state: 'success' });
      let signedIn = kind !== 'signIn';
      const { model } = fixtureServices({
        git: c.guarded.repo,
        history: c.guarded.history,
        config,
        client: () => (signedIn ? c.client() : undefined),
        now: () => c.now(),
        fetchEvery: 1,
      });
      const workspace: WorkspaceServices = {
        start: async () => undefined,
        refreshAll: async (refreshKind) => void (await model.refresh(refreshKind)),
        signIn: async () => (signedIn = true),
        signOut: async () => !(signedIn = false),
        forgetConnections: () => model.invalidateConnection(),
      };
      const shown = (await model.refresh('full')).snapshot;
      assert.equal(shown.connection.state, kind === 'signIn' ? 'signedOut' : 'ok');
      let latest: RepositorySnapshot = shown;
      const expected = kind === 'signOut' ? 'signedOut' : 'ok';
      return {
        async run() {
          const port = new ScriptedPort();
          const outcome = await useCases[kind](workspace)({
            port,
            say: new Presenter(config),
            args: { token: 'from the test' },
          });
          latest = model.snapshot!;
          return latest.connection.state === 'error' ? latest.connection.message : sentenceOf(outcome, port);
        },
        async afterFault(sentence) {
          if (sentence === undefined) {
            return;
          }
          // Signing in, nothing of GitHub was shown yet: there is nothing to mark stale.
          assert.equal(latest.stale, kind !== 'signIn', 'what was shown of GitHub is marked stale');
          assert.equal(latest.development.head?.sha, shown.development.head?.sha, 'the local parts still read');
          if (kind === 'refresh') {
            assert.equal(latest.production.deployment?.id, production, 'the production deployment shown before stays');
          }
        },
        async verify() {
          assert.equal(latest.connection.state, expected);
          if (expected === 'ok') {
            assert.equal(latest.stale, false, 'fresh again once the fault cleared');
            assert.equal(latest.production.deployment?.id, production);
          }
        },
      };
    },
  };
}

/** Start Branch from develop, or Start Hotfix from production: the same use case from another base. */
function startRow(from: 'develop' | 'production'): CommandRow {
  const [command, prefix, base] =
    from === 'develop' ? [Commands.startBranch, 'feature', 'develop'] : [Commands.startHotfix, 'hotfix', 'main'];
  return {
    id: from === 'develop' ? 'startBranch' : 'startHotfix',
    command,
    label: from === 'develop' ? 'start branch' : 'start hotfix',
    template: () => buildTemplate(`start-${from}`, { developAhead: 1 }),
    github: GIT_ONLY,
    git: {
      pushRejected: NO_PUSH,
      mergeConflict: {
        notApplicable: 'it merges nothing; changes that collide go through a stash (see the host suite)',
      },
      // Offline, the command offers the last fetched base; the user here declines and waits for the network.
      remoteUnreachable: unreachable('all'),
      indexLock: indexLock(),
    },
    async start(c) {
      const services = servicesFor(c);
      return {
        async run() {
          const { outcome, port } = await services.run(
            startBranchUseCase(from),
            { prefix, name: 'fault-case' },
            { confirm: () => undefined },
          );
          return sentenceOf(outcome, port);
        },
        async verify() {
          assert.equal(await localBranch(c), `${prefix}/fault-case`);
          assert.equal(await c.fixture.git('rev-parse', 'HEAD'), await c.fixture.git('rev-parse', `origin/${base}`));
        },
      };
    },
  };
}

const runTestsRow: CommandRow = {
  id: 'runTests',
  command: Commands.runTests,
  label: 'run tests',
  template: () => buildTemplate('tests', { developAhead: 1 }),
  github: { notApplicable: 'it records the result locally; publishing it is part of Open Pull Request' },
  git: {
    pushRejected: NO_PUSH,
    mergeConflict: NO_MERGE,
    remoteUnreachable: { ...unreachable('all'), unaffected: 'the tests run locally' },
    indexLock: indexLock('reading HEAD and the tree needs no lock'),
  },
  async start(c) {
    const services = servicesFor(c);
    return {
      async run() {
        const { outcome, port } = await services.run(runTests(shellTests('true')));
        return sentenceOf(outcome, port);
      },
      async verify() {
        assert.equal(services.repo.testRecord()?.outcome, 'passed');
        assert.equal(
          services.repo.testRecord()?.commit,
          await c.fixture.git('rev-parse', 'HEAD'),
          'recorded for the commit it ran on',
        );
      },
    };
  },
};

/** The gate's fixes, as a user takes them: the first offered, never the override. */
const TAKE_THE_FIX = {
  confirm: <T>(_question: unknown, choices: readonly { value: T }[]) =>
    choices.find((choice) => choice.value !== 'override')?.value,
};

const openPullRequest: CommandRow = {
  id: 'openPullRequest',
  command: Commands.openPullRequest,
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
    const services = servicesFor(c);
    const mine = await c.fixture.git('rev-parse', 'HEAD');
    await services.model.refresh('full');
    return {
      async run() {
        // What the background fetch brings: develop moved on (the gate then offers "Update from develop").
        await c.guarded.repo.fetch('origin', ['develop']);
        // The user takes each fix the gate offers (run the tests, update from develop) and runs the command again.
        for (let attempt = 1; ; attempt++) {
          const { outcome, port } = await services.run(openPullRequestUseCase, { draft: false }, TAKE_THE_FIX);
          if (outcome.kind !== 'refused' || attempt === 4) {
            return sentenceOf(outcome, port);
          }
        }
      },
      async afterFault(sentence) {
        const pushed =
          (await origin(c.fixture, 'rev-parse', 'refs/heads/feature/login')) ===
          (await c.fixture.git('rev-parse', 'HEAD'));
        assertNames(sentence, pushed ? ['pushing feature/login'] : []);
        assert.equal(
          await c.fixture.git('merge-base', '--is-ancestor', mine, 'HEAD').then(() => true),
          true,
          'the user’s commits are still on the branch',
        );
      },
      async verify() {
        assert.equal(await openPulls(c, 'feature/login', 'develop'), 1, 'exactly one pull request');
        assert.equal(
          await origin(c.fixture, 'rev-parse', 'refs/heads/feature/login'),
          await c.fixture.git('rev-parse', 'HEAD'),
        );
        const published = c.server.requests.filter((r) => r.method === 'POST' && /\/statuses\//.test(r.path));
        assert.ok(published.length >= 1, 'the local test result was published on the pushed commit');
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

/** develop's head green and deployed to development: the promote gate is open. */
async function greenDevelop(c: CaseContext): Promise<void> {
  const head = await origin(c.fixture, 'rev-parse', 'refs/heads/develop');
  c.server.addCheckRun(head, { name: 'ci', status: 'completed', conclusion: 'success' });
  const deployment = c.server.addDeployment({ ref: 'develop', sha: head, environment: config.developmentEnvironment });
  c.server.addDeploymentStatus(deployment, { state: 'success' });
}

const promote: CommandRow = {
  id: 'promote',
  command: Commands.promote,
  label: 'promote',
  template: () => buildTemplate('promote', { developAhead: 2 }),
  github: { target: POST_PULLS, writes: true },
  git: TAGGING,
  async start(c) {
    await greenDevelop(c);
    const services = servicesFor(c);
    await services.model.refresh('full');
    return {
      async run() {
        const { outcome, port } = await services.run(promoteUseCase);
        return sentenceOf(outcome, port);
      },
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
  command: Commands.backupProduction,
  label: 'backup',
  template: () => buildTemplate('backup', {}),
  github: GIT_ONLY,
  git: TAGGING,
  async start(c) {
    const services = servicesFor(c);
    return {
      async run() {
        const { outcome, port } = await services.run(backupProduction);
        return sentenceOf(outcome, port);
      },
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
    const good = await commitAndPush(repo, 'main', 'Add the production workflow', {
      '.github/workflows/deploy.yml': DISPATCHABLE_WORKFLOW,
    });
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

/** Production's history read once before the fault, as the view had it. */
async function rollbackSession(c: CaseContext, method: 'revert' | 'redeploy'): Promise<Pick<Session, 'run'>> {
  seedDeployments(c);
  const services = servicesFor(c);
  await services.model.refresh('full');
  return {
    async run() {
      const { outcome, port } = await services.run(rollbackProduction, { target: c.facts.good, method });
      return sentenceOf(outcome, port);
    },
  };
}

const rollbackRevert: CommandRow = {
  id: 'rollbackRevert',
  command: Commands.rollbackProduction,
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
    const rollbackBranches = async (where: 'local' | 'origin') =>
      (where === 'origin'
        ? await origin(c.fixture, 'branch', '--list', 'rollback/*')
        : await c.fixture.git('branch', '--list', 'rollback/*')
      )
        .split('\n')
        .map((b) => b.replace(/^[*+]?\s*/, '').trim())
        .filter(Boolean);
    return {
      ...(await rollbackSession(c, 'revert')),
      async afterFault(sentence) {
        assert.equal(await localBranch(c), 'develop', 'the user is back on their branch');
        const [pushed] = await rollbackBranches('origin');
        assertNames(sentence, pushed ? [pushed, 'pushing'] : []);
      },
      async verify() {
        const [branch, ...more] = await rollbackBranches('origin');
        assert.ok(branch && more.length === 0, 'exactly one rollback branch on origin');
        assert.equal(await openPulls(c, branch, 'main'), 1, 'exactly one revert pull request');
        assert.equal(
          (await origin(c.fixture, 'rev-list', '--count', `${c.facts.head}..refs/heads/${branch}`)).trim(),
          '2',
          'two revert commits, not four',
        );
        assert.equal(await localBranch(c), 'develop');
      },
    };
  },
};

const rollbackRedeploy: CommandRow = {
  id: 'rollbackRedeploy',
  command: Commands.rollbackProduction,
  label: 'roll back (redeploy)',
  template: () => rollbackTemplate('redeploy'),
  github: { target: { method: 'POST', path: /\/actions\/workflows\/deploy\.yml\/dispatches$/ }, writes: true },
  git: {
    pushRejected: { notApplicable: 'a redeploy pushes nothing' },
    mergeConflict: { notApplicable: 'a redeploy merges nothing' },
    remoteUnreachable: unreachable('all'),
    indexLock: indexLock('a redeploy stages nothing'),
  },
  async start(c) {
    return {
      ...(await rollbackSession(c, 'redeploy')),
      async verify() {
        // When the answer was lost, the re-run finds the run by its title (run-name) and starts none.
        const runs = c.server.state.workflowDispatches;
        assert.equal(runs.length, 1, 'one run of the production workflow, also after a lost answer');
        assert.ok(
          runs.every(
            (d) => d.inputs.target === c.facts.good && d.inputs.reason === 'rollback' && d.workflow === 'deploy.yml',
          ),
          'every run deploys the target',
        );
      },
    };
  },
};

const sync: CommandRow = {
  id: 'sync',
  command: Commands.syncDevelop,
  label: 'sync develop',
  template: () =>
    buildTemplate('sync', {}, async (repo) => {
      await commitAndPush(repo, 'main', 'Hotfix: checkout', { 'checkout.txt': 'fixed\n' });
      await repo.git('switch', '--quiet', 'develop');
    }),
  github: { target: POST_PULLS, writes: true },
  git: {
    pushRejected: NO_PUSH,
    mergeConflict: { notApplicable: 'the sync is a pull request; nothing merges locally' },
    remoteUnreachable: unreachable('all'),
    indexLock: indexLock('fetching needs no index'),
  },
  async start(c) {
    const services = servicesFor(c);
    return {
      async run() {
        const { outcome, port } = await services.run(syncDevelop);
        return sentenceOf(outcome, port);
      },
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
  assert.equal(
    main?.required_pull_request_reviews?.required_approving_review_count,
    2,
    'main still needs two approvals',
  );
  assert.equal(main?.required_pull_request_reviews?.require_code_owner_reviews, true, 'and code owners');
  assert.equal(main?.allow_force_pushes, false);
}

const setup: CommandRow = {
  id: 'setup',
  command: Commands.setupRepository,
  label: 'set up repository',
  template: () => buildTemplate('setup', { withDevelop: false }),
  // The protection PUTs come after develop is created: a fault there fails setup half-way.
  github: { target: { method: 'PUT', path: /\/protection$/ }, writes: true },
  git: {
    pushRejected: {
      notApplicable: 'signed in, develop is created through the API; signed out, it is a new branch, never an update',
    },
    mergeConflict: NO_MERGE,
    remoteUnreachable: {
      ...unreachable('push'),
      unaffected: 'signed in, setup creates develop through the API and pushes nothing',
    },
    indexLock: indexLock('setup writes files but stages nothing'),
  },
  async start(c) {
    c.server.state.protection.set('main', { branch: 'main', body: stricterMainProtection() });
    const services = servicesFor(c);
    const files = setupFiles(await detectStack(c.fixture.root), config);
    const mainSha = await origin(c.fixture, 'rev-parse', 'refs/heads/main');
    const status = await c.fixture.git('status', '--porcelain=v1', '--untracked-files=all');
    /** Requests before the re-run, and what was already in place then. */
    let mark = 0;
    let before = { develop: false, protected: [] as string[], files: [] as string[] };
    const exists = (path: string) =>
      readFile(join(c.fixture.root, path), 'utf8').then(
        () => true,
        () => false,
      );
    return {
      async run() {
        // Enter on every step: Apply where there is something to apply.
        const { outcome, port } = await services.run(setupRepository(async () => undefined));
        return sentenceOf(outcome, port);
      },
      async afterFault(sentence) {
        const develop = (await origin(c.fixture, 'branch', '--list', 'develop')).trim() !== '';
        const protectedBranches = ['main', 'develop'].filter((b) =>
          c.server.state.protection.get(b)?.body.required_status_checks?.contexts.includes('ci'),
        );
        const written = [];
        for (const file of files) {
          if (await exists(file.path)) {
            written.push(file.path);
          }
        }
        // A step whose write landed but whose answer was lost is named as the one that failed ("Protecting main failed…").
        assertNames(sentence?.toLowerCase(), [
          ...(develop ? ['creating develop'] : []),
          ...protectedBranches.map((b) => `protecting ${b}`),
          ...written.map((p) => `writing ${p}`),
        ]);
        assertStrictMainKept(c);
        before = { develop, protected: protectedBranches, files: written };
        mark = c.server.requests.length;
      },
      async verify() {
        const rerun = c.server.requests.slice(mark).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
        const creates = rerun.filter((r) => r.method === 'POST' && /\/git\/refs$/.test(r.path));
        assert.equal(
          creates.length,
          before.develop ? 0 : 1,
          `develop created once: ${JSON.stringify(rerun.map((r) => `${r.method} ${r.path}`))}`,
        );
        assert.equal(await origin(c.fixture, 'rev-parse', 'refs/heads/develop'), mainSha, 'develop at main');
        for (const branch of ['main', 'develop']) {
          const puts = rerun.filter((r) => r.method === 'PUT' && r.path.includes(`/branches/${branch}/protection`));
          assert.equal(puts.length, before.protected.includes(branch) ? 0 : 1, `${branch} protected once`);
        }
        const main = c.server.state.protection.get('main')?.body;
        assert.deepEqual(
          main?.required_status_checks?.contexts,
          ['lint', 'ci'],
          'main: its own check kept, ci added once',
        );
        assertStrictMainKept(c);
        assert.equal(main?.allow_force_pushes, false);
        const develop = c.server.state.protection.get('develop')?.body;
        assert.deepEqual(develop?.required_status_checks?.contexts, [
          'ci',
          ...(config.publishStatus ? ['envflow/local-tests'] : []),
        ]);
        assert.equal(develop?.allow_force_pushes, false);
        for (const file of files) {
          assert.equal(
            await readFile(join(c.fixture.root, file.path), 'utf8'),
            file.content,
            `${file.path} written once, as proposed`,
          );
        }
        const added = (await c.fixture.git('status', '--porcelain=v1', '--untracked-files=all'))
          .split('\n')
          .filter((line) => line && !status.split('\n').includes(line));
        assert.equal(added.length, files.length, `exactly the six files are new: ${JSON.stringify(added)}`);
        assert.equal(await c.fixture.git('rev-parse', 'refs/remotes/origin/develop'), mainSha, 'develop fetched');
      },
    };
  },
};

/**
 * Approve or Reject a deployment waiting on production's required reviewers, as its row
 * or the alert hands it over. GitHub refuses a second review, so after a lost answer the
 * re-run finds the review done instead of writing again.
 */
function reviewRow(decision: 'approved' | 'rejected'): CommandRow {
  const approve = decision === 'approved';
  return {
    id: approve ? 'approveDeployment' : 'rejectDeployment',
    command: approve ? Commands.approveDeployment : Commands.rejectDeployment,
    label: approve ? 'approve deployment' : 'reject deployment',
    template: () => buildTemplate(approve ? 'approve' : 'reject', {}),
    github: { writes: true },
    git: {
      pushRejected: NO_PUSH,
      mergeConflict: NO_MERGE,
      remoteUnreachable: { notApplicable: 'the review is one GitHub request; it runs no git' },
      indexLock: { notApplicable: 'the review is one GitHub request; it runs no git' },
    },
    async start(c) {
      const runId = c.server.addWorkflowRun({ name: 'Deploy production', branch: 'main', status: 'in_progress' });
      c.server.addPendingDeployment({
        runId,
        environment: 'production',
        reviewers: [{ type: 'User', name: 'ada-developer' }],
      });
      const services = servicesFor(c);
      const [approval] = (await services.model.refresh('full')).snapshot.production.approvals ?? [];
      assert.ok(approval?.canApprove, 'the row shows a deployment the user may approve');
      const useCase = approve ? approveDeployment : rejectDeployment;
      const reviewOf = () => c.server.state.security.pendingDeployments.find((p) => p.runId === runId)?.review;
      return {
        async run() {
          const { outcome, port } = await services.run(useCase, { approval }, { input: () => 'Not before the freeze' });
          return sentenceOf(outcome, port);
        },
        async afterFault(sentence) {
          if (sentence !== undefined && reviewOf() === undefined) {
            assert.equal(
              (await services.model.refresh('full')).snapshot.production.approvals?.length,
              1,
              'the deployment still waits',
            );
          }
        },
        async verify() {
          assert.deepEqual(reviewOf(), {
            state: decision,
            comment: approve ? '' : 'Not before the freeze',
            login: 'ada-developer',
          });
          const deployed = c.server.state.deployments.filter((d) => d.environment === 'production').length;
          assert.equal(deployed, approve ? 1 : 0, 'approved once: one deployment; rejected: none');
        },
      };
    },
  };
}

export const commandRows: readonly CommandRow[] = [
  workspaceRow('refresh'),
  workspaceRow('signIn'),
  workspaceRow('signOut'),
  startRow('develop'),
  startRow('production'),
  runTestsRow,
  openPullRequest,
  promote,
  backup,
  rollbackRevert,
  rollbackRedeploy,
  sync,
  setup,
  ...runRows,
  reviewRow('approved'),
  reviewRow('rejected'),
];
