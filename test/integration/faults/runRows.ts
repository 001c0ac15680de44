/**
 * The fault matrix's rows for the run behind a red check (Show Failed Log, Re-run Failed
 * Jobs, Cancel Run) and for Where Is Commit…. They act on GitHub Actions runs the case
 * seeds: HEAD's CI run failed with a log, a deploy run is still rolling out.
 */
import * as assert from 'node:assert/strict';
import { Commands } from '../../../src/constants';
import type { JourneyView } from '../../../src/core/usecases/whereIsCommit';
import type { FailedLogView } from '../../../src/core/usecases/showFailedLog';
import type { Outcome } from '../../../src/core/usecases/outcome';
import { cancelRun, rerunFailedJobs } from '../../../src/core/usecases/runControl';
import { showFailedLog } from '../../../src/core/usecases/showFailedLog';
import { whereIsCommit } from '../../../src/core/usecases/whereIsCommit';
import { buildTemplate, type CaseContext, type Template } from '../../support/faultCase';
import { indexLock, unreachable } from './gitPlans';
import { sentenceOf, servicesFor, type CommandRow } from './rowSupport';

const LOG = [
  '2026-11-28T10:00:00Z > npm test',
  '2026-11-28T10:00:01Z   ✔ adds an item',
  '2026-11-28T10:00:02Z   1 failing',
  '2026-11-28T10:00:03Z ##[error]Process completed with exit code 1.',
].join('\n');

/** These commands touch no working tree and push nothing: git faults either cannot reach them or cost nothing. */
const GITHUB_ONLY: CommandRow['git'] = {
  pushRejected: { notApplicable: 'it pushes nothing' },
  mergeConflict: { notApplicable: 'it merges nothing' },
  remoteUnreachable: { ...unreachable('all'), unaffected: 'it asks GitHub, not the git remote' },
  indexLock: indexLock('it stages nothing'),
};

/** A feature branch pushed, its HEAD's CI run failed with a log; a deploy of main still rolling out. */
function runsTemplate(name: string): Promise<Template> {
  return buildTemplate(name, { developAhead: 1 }, async (repo) => {
    await repo.git('switch', '--quiet', '--create', 'feature/cart', 'develop');
    await repo.commit('Cart discount', { 'cart.txt': 'discount\n' });
    await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/cart');
  });
}

interface SeededRuns {
  readonly ci: number;
  readonly deploy: number;
}

async function seedRuns(c: CaseContext): Promise<SeededRuns> {
  const head = await c.fixture.git('rev-parse', 'HEAD');
  const ci = c.server.addWorkflowRun({
    name: 'CI',
    branch: 'feature/cart',
    sha: head,
    status: 'completed',
    conclusion: 'failure',
  });
  c.server.addWorkflowJob(ci, { name: 'ci', status: 'completed', conclusion: 'failure', log: LOG });
  const deploy = c.server.addWorkflowRun({ name: 'Deploy', branch: 'main', status: 'in_progress' });
  c.server.addWorkflowJob(deploy, { name: 'rollout', status: 'in_progress' });
  return { ci, deploy };
}

const runOf = (c: CaseContext, id: number) => c.server.state.workflowRuns.find((run) => run.id === id);

/** From the palette: the use case finds HEAD's red check in the last snapshot, reads the run's jobs and the log. */
const showFailedLogRow: CommandRow = {
  id: 'showFailedLog',
  command: Commands.showFailedLog,
  label: 'show failed log',
  template: () => runsTemplate('failed-log'),
  github: { target: { method: 'GET', path: /\/actions\/(runs\/\d+\/jobs|jobs\/\d+\/logs)(\?|$)/ }, writes: false },
  git: GITHUB_ONLY,
  async start(c) {
    await seedRuns(c);
    const services = servicesFor(c);
    await services.model.refresh('full');
    let last: Outcome<FailedLogView> | undefined;
    return {
      async run() {
        const { outcome, port } = await services.run(showFailedLog);
        last = outcome;
        return sentenceOf(outcome, port);
      },
      async verify() {
        const view = last?.kind === 'done' ? last.value : undefined;
        assert.equal(view?.job.name, 'ci', 'the failed job’s log was read');
        assert.equal(view?.log.text.split('\n')[view.log.firstErrorLine ?? -1], '  1 failing', 'at its first error');
        assert.equal(c.server.logStorage.requestsWithAuthorization, 0, 'the token never went to the log storage');
      },
    };
  },
};

/** From the palette too: the retry after a lost answer must find the re-run started, not start a third attempt. */
const rerunRow: CommandRow = {
  id: 'rerunFailedJobs',
  command: Commands.rerunFailedJobs,
  label: 're-run failed jobs',
  template: () => runsTemplate('rerun'),
  github: { target: { method: 'POST', path: /\/actions\/runs\/\d+\/rerun-failed-jobs$/ }, writes: true },
  git: GITHUB_ONLY,
  async start(c) {
    const { ci } = await seedRuns(c);
    const services = servicesFor(c);
    await services.model.refresh('full');
    return {
      async run() {
        const { outcome, port } = await services.run(rerunFailedJobs);
        return sentenceOf(outcome, port);
      },
      async verify() {
        assert.equal(runOf(c, ci)?.runAttempt, 2, 'the failed jobs re-ran exactly once');
        assert.equal(runOf(c, ci)?.status, 'queued');
      },
    };
  },
};

/** From the deployment row (its subject): the retry after a lost answer finds the run cancelled and asks nothing. */
const cancelRow: CommandRow = {
  id: 'cancelRun',
  command: Commands.cancelRun,
  label: 'cancel run',
  template: () => runsTemplate('cancel'),
  github: { target: { method: 'POST', path: /\/actions\/runs\/\d+\/cancel$/ }, writes: true },
  git: GITHUB_ONLY,
  async start(c) {
    const { deploy } = await seedRuns(c);
    const services = servicesFor(c);
    const subject = { kind: 'runs', runs: [{ label: 'production deployment', link: { runId: deploy } }] };
    return {
      async run() {
        const { outcome, port } = await services.run(cancelRun, subject);
        return sentenceOf(outcome, port);
      },
      async verify() {
        assert.equal(runOf(c, deploy)?.conclusion, 'cancelled');
        const refused = c.server.requests.filter(
          (r) => r.method === 'POST' && /\/cancel$/.test(r.path) && r.status === 409,
        );
        assert.deepEqual(refused, [], 'never a second cancel of a finished run');
      },
    };
  },
};

/** From a pull request row (its subject, the head commit): answered from the last refresh and git's ancestry. */
const whereIsCommitRow: CommandRow = {
  id: 'whereIsCommit',
  command: Commands.whereIsCommit,
  label: 'where is commit',
  template: () => runsTemplate('where'),
  github: { notApplicable: 'it answers from the last refresh and git: no GitHub request of its own' },
  git: {
    ...GITHUB_ONLY,
    remoteUnreachable: { ...unreachable('all'), unaffected: 'it reads the remote-tracking branches already fetched' },
    indexLock: indexLock('it reads refs only'),
  },
  async start(c) {
    const services = servicesFor(c);
    await services.model.refresh('full');
    const sha = await c.fixture.git('rev-parse', 'HEAD');
    let last: Outcome<JourneyView> | undefined;
    return {
      async run() {
        const { outcome, port } = await services.run(whereIsCommit, { kind: 'commit', sha });
        last = outcome;
        return sentenceOf(outcome, port);
      },
      async verify() {
        const view = last?.kind === 'done' ? last.value : undefined;
        assert.equal(view?.journey.sha, sha);
        assert.equal(view?.rows[0]?.label, 'Not on develop yet');
      },
    };
  },
};

export const runRows: readonly CommandRow[] = [showFailedLogRow, rerunRow, cancelRow, whereIsCommitRow];
