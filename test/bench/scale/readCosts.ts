/**
 * What each read added beside pull requests, deployments and checks costs on its own:
 * requests and rate limit on the first refresh and on a refresh when nothing changed,
 * told apart by their routes in the GitHub server's request log. Deployments waiting
 * for approval and code and secret scanning alerts are present, and a check of GitHub
 * Actions fails, and the environments and branches are protected as Set Up leaves them, so
 * every read has something to answer. Opening the failing job's log
 * is a click, not a poll: it is measured as a click, and on polls it must cost nothing.
 */
import type { RecordedRequest } from '../../../tools/githubServer';
import { readFailedJobLog } from '../../../src/core/actions/failedJob';
import type { GitHubClient } from '../../../src/core/github/client';
import { rulesetFor } from '../../../src/core/setup/rulesets';
import { summarize, type BenchFigure } from '../../support/bench/figure';
import { fixtureClient } from '../../support/githubModel';
import { createScaleFixture, type ScaleFixture } from '../../support/load/scaleFixture';

/** Each measured read and the API routes that belong to it. */
const READS = {
  approvals: /\/actions\/runs\?(?:.*&)?status=waiting|\/actions\/runs\/\d+\/pending_deployments/,
  scanning: /\/(?:code|secret)-scanning\/alerts/,
  // Each environment's protection and allowed refs, and its branch's protection and rulesets.
  rules: /\/environments\/|\/branches\/|\/rules\/branches\//,
  job_log: /\/actions\/runs\/\d+\/jobs|\/actions\/jobs\/\d+\/logs/,
} as const;

type Read = keyof typeof READS;

/** As the server accounts: a 304 and `GET /rate_limit` are free, any other answer costs one. */
function costsRateLimit(request: RecordedRequest): boolean {
  return request.status !== 304 && !(request.method === 'GET' && request.path.split('?')[0] === '/rate_limit');
}

interface ReadCost {
  readonly requests: number;
  readonly rateLimit: number;
}

function costOf(read: Read, requests: readonly RecordedRequest[]): ReadCost {
  const own = requests.filter((request) => READS[read].test(request.path));
  return { requests: own.length, rateLimit: own.filter(costsRateLimit).length };
}

/** The requests the server logged while `action` ran. */
async function logged(scale: ScaleFixture, action: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const from = scale.fx.server.requests.length;
  await action();
  return scale.fx.server.requests.slice(from);
}

/** Production needs a reviewer and deploys only from main; main and develop are protected. */
async function protectAsSetUpDoes(client: GitHubClient): Promise<void> {
  const me = await client.getAuthenticatedUserId();
  await client.updateEnvironment('production', {
    wait_timer: 5,
    reviewers: [{ type: 'User', id: me }],
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  });
  await client.createDeploymentBranchPolicy('production', { name: 'main', type: 'branch' });
  await client.updateBranchProtection('main', {
    required_status_checks: { strict: true, contexts: ['build'] },
    enforce_admins: null,
    required_pull_request_reviews: { required_approving_review_count: 1 },
    restrictions: null,
  });
  await client.createRuleset(rulesetFor('develop', { requiredChecks: ['build'], approvals: 1 }));
}

/** As in the scale curve: enough refreshes for every memo to settle and one re-check round to pass. */
const WARM_UP_REFRESHES = 12;

export async function measureReadCosts(runs: number, log: (line: string) => void): Promise<BenchFigure[]> {
  const scale = await createScaleFixture({ pulls: 1, deployments: 10, waitingAndScanning: true });
  try {
    const { server, repo } = scale.fx;
    const feature = (await repo.git('rev-parse', 'feature/login')).trim();
    const runId = server.addWorkflowRun({
      name: 'CI',
      branch: 'feature/login',
      sha: feature,
      status: 'completed',
      conclusion: 'failure',
    });
    const jobId = server.addWorkflowJob(runId, {
      name: 'test',
      status: 'completed',
      conclusion: 'failure',
      log: '2026-11-28T10:00:03.2000000Z   1 failing\n2026-11-28T10:00:04.0000000Z ##[error]Process completed with exit code 1.\n',
    });

    const client = fixtureClient(scale.fx);
    await protectAsSetUpDoes(client);

    const first = await logged(scale, () => scale.model.refresh('full'));
    for (let i = 0; i < WARM_UP_REFRESHES; i++) {
      await scale.model.refresh('full');
    }
    const unchanged: RecordedRequest[][] = [];
    for (let i = 0; i < runs; i++) {
      unchanged.push(await logged(scale, () => scale.model.refresh('full')));
    }

    const storageBefore = server.logStorage.requests;
    const opened = await logged(scale, () => readFailedJobLog(client, { runId, jobId }));
    const reopened = await logged(scale, () => readFailedJobLog(client, { runId, jobId }));
    const storage = server.logStorage.requests - storageBefore;

    const perPoll = (read: Read) => unchanged.map((requests) => costOf(read, requests));
    const approvals = { first: costOf('approvals', first), unchanged: perPoll('approvals') };
    const scanning = { first: costOf('scanning', first), unchanged: perPoll('scanning') };
    const rules = { first: costOf('rules', first), unchanged: perPoll('rules') };
    const jobLog = {
      opened: costOf('job_log', opened),
      reopened: costOf('job_log', reopened),
      polls: perPoll('job_log'),
    };
    const describe = (cost: ReadCost) => `${cost.requests} requests, ${cost.rateLimit} rate limit`;
    log(
      `  approvals (one deployment waiting): first refresh ${describe(approvals.first)}; unchanged ${approvals.unchanged.map(describe).join(' / ')}`,
    );
    log(
      `  scanning (code and secret alerts open): first refresh ${describe(scanning.first)}; unchanged ${scanning.unchanged.map(describe).join(' / ')}`,
    );
    log(
      `  live rules (protected as Set Up leaves them): first refresh ${describe(rules.first)}; unchanged ${rules.unchanged.map(describe).join(' / ')}`,
    );
    log(
      `  failing job's log: opened ${describe(jobLog.opened)}, opened again ${describe(jobLog.reopened)}, ${storage} log storage downloads; on polls ${jobLog.polls.map((c) => c.requests).join(' / ')} requests`,
    );

    const requests = (costs: readonly ReadCost[]) => costs.map((c) => c.requests);
    const rateLimit = (costs: readonly ReadCost[]) => costs.map((c) => c.rateLimit);
    return [
      summarize('approvals_requests_first', 'requests', [approvals.first.requests], 2),
      // While a deployment waits the list is asked every refresh, to see the wait end: one 304.
      summarize('approvals_requests_unchanged', 'requests', requests(approvals.unchanged), 1),
      summarize('approvals_rate_limit_unchanged', 'requests', rateLimit(approvals.unchanged), 0),
      summarize('scanning_requests_first', 'requests', [scanning.first.requests], 2),
      // Only as the refresh's one re-check, which some other read would otherwise spend.
      summarize('scanning_requests_unchanged', 'requests', requests(scanning.unchanged), 1),
      summarize('scanning_rate_limit_unchanged', 'requests', rateLimit(scanning.unchanged), 0),
      // No budget on the first read: it grows with what is protected (two environments, two branches).
      summarize('rules_requests_first', 'requests', [rules.first.requests], null),
      // Re-read one at a time within the refresh's one re-check; 404s only after a change.
      summarize('rules_requests_unchanged', 'requests', requests(rules.unchanged), 1),
      summarize('rules_rate_limit_unchanged', 'requests', rateLimit(rules.unchanged), 0),
      summarize('job_log_requests', 'requests', [jobLog.opened.requests], 2),
      summarize('job_log_requests_per_poll', 'requests', requests(jobLog.polls), 0),
    ];
  } finally {
    await scale.dispose();
  }
}
