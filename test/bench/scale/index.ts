/**
 * The scale figures, measured in plain Node through the real core against
 * the GitHub API server and real git: what a refresh costs as pull requests and
 * deployments grow, what an hour of polling costs when GitHub never answers 304, and
 * how long a local refresh takes in a 100k-commit repository.
 */
import { summarize, type BenchFigure, type ScaleRow } from '../../support/bench/figure';
import { localRows, measureLocalRefresh } from './localRefresh';
import { measureReadCosts } from './readCosts';
import { measureRefreshCost, rowsOf, type RefreshCost } from './refreshCost';
import { pollForAnHour } from './worstCase';

export interface ScaleOptions {
  readonly runs: number;
  readonly log: (line: string) => void;
}

const SCENARIOS = [
  { pulls: 1, deployments: 10 },
  { pulls: 100, deployments: 10 },
  { pulls: 1000, deployments: 10 },
  { pulls: 1, deployments: 5000 },
  { pulls: 1000, deployments: 5000 },
  // Each read added since costs a request only while its rows can change: the same scale with them present.
  { pulls: 1000, deployments: 5000, waitingAndScanning: true },
] as const;

function describe(pulls: number, deployments: number, waitingAndScanning = false): string {
  const n = (count: number) => count.toLocaleString('en-US');
  const extra = waitingAndScanning ? ', a deployment waiting for approval, scanning alerts' : '';
  return `${n(pulls)} open PR${pulls === 1 ? '' : 's'}, ${n(deployments)} deployments${extra}`;
}

export async function measureScale(options: ScaleOptions): Promise<{ figures: BenchFigure[]; curve: ScaleRow[] }> {
  const { runs, log } = options;
  const curve: ScaleRow[] = [];
  const unchangedAtScale: RefreshCost[] = [];
  let requestsWith1000Prs: number[] = [];
  for (const { pulls, deployments, ...extra } of SCENARIOS) {
    const waitingAndScanning = 'waitingAndScanning' in extra && extra.waitingAndScanning;
    const scenario = describe(pulls, deployments, waitingAndScanning);
    const run = await measureRefreshCost(pulls, deployments, runs, waitingAndScanning);
    const rows = rowsOf(scenario, run);
    rows.forEach((row) =>
      log(
        `  ${row.scenario}: ${row.refreshMs} ms, ${row.requests} requests, ${row.rateLimitUsed} rate limit, ${row.gitProcesses} git processes`,
      ),
    );
    curve.push(...rows);
    if (pulls === 1000 && deployments === 5000) {
      unchangedAtScale.push(...run.unchanged);
    }
    if (pulls === 1000) {
      requestsWith1000Prs = [...requestsWith1000Prs, ...run.unchanged.map((c) => c.requests)];
    }
  }

  const readCosts = await measureReadCosts(runs, log);

  const hours = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const hour = await pollForAnHour({ pulls: 1000, deployments: 5000, conditionalRequests: false });
    log(
      `  worst case (no 304s), 1 simulated hour: ${hour.requests} requests in ${hour.ticks} polls, at most ${hour.maxInFlight} in flight, ${hour.secondaryLimited} secondary-limited (${Math.round(hour.wallMs)} ms wall)`,
    );
    hours.push(hour);
  }

  const local = await measureLocalRefresh({ commits: 100_000, branches: 5000 }, runs, log);
  const localCurve = localRows('100k commits, 5,000 branches', local);
  localCurve.forEach((row) => log(`  ${row.scenario}: ${row.refreshMs} ms, ${row.gitProcesses} git processes`));
  curve.push(...localCurve);

  const figures = [
    summarize(
      'unchanged_refresh_rate_limit',
      'requests',
      unchangedAtScale.map((c) => c.rateLimitUsed),
      0,
    ),
    summarize(
      'unchanged_refresh_requests',
      'requests',
      unchangedAtScale.map((c) => c.requests),
      8,
    ),
    summarize(
      'unchanged_refresh_git_processes',
      'processes',
      unchangedAtScale.map((c) => c.gitProcesses),
      3,
    ),
    summarize('refresh_requests_1000_prs', 'requests', requestsWith1000Prs, 8),
    summarize(
      'worst_case_requests_per_hour',
      'requests',
      hours.map((h) => h.requests),
      250,
    ),
    summarize(
      'local_refresh_100k_commits_ms',
      'ms',
      local.samples.map((s) => Math.round(s.ms * 10) / 10),
      100,
    ),
    ...readCosts,
  ];
  return { figures, curve };
}
