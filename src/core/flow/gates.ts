/**
 * The gates in front of the workflow's risky steps: opening a pull request,
 * promoting develop to production, rolling production back. Each gate reads a snapshot
 * and says what stands in the way, in one sentence per problem, with the fix the UI
 * offers as a button. Pure: the commands decide what to do with the answer.
 */
import type { FlowConfig } from '../model/flowConfig';
import type { DeploymentInfo, LocalPart, RepositorySnapshot } from '../model/snapshot';
import { shortSha } from '../model/sha';

/** What a fix button does; the UI maps each action to a command. */
export type GateAction =
  | 'runTests'
  | 'commitOrStash'
  | 'updateFromBase'
  | 'push'
  | 'signIn'
  | 'switchBranch'
  | 'openChecks'
  | 'openDeployment'
  | 'startBranch'
  | 'setupRepository'
  | 'none';

/** One reason a gate is closed. */
export interface GateFailure {
  /** Stable identifier for the UI and tests, e.g. `testsNotRun`. */
  readonly code: string;
  /** One sentence a user reads in a modal. */
  readonly reason: string;
  readonly fix: { readonly label: string; readonly action: GateAction };
}

/** `warnings` never close a gate; the UI shows them next to the confirmation. */
export type GateResult =
  | { readonly ok: true; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly failures: readonly GateFailure[]; readonly warnings: readonly string[] };

export interface OpenPullRequestOptions {
  /** A hotfix proposes into the production branch instead of develop. */
  readonly hotfix?: boolean;
  /**
   * How HEAD compares with the hotfix base (`origin/<production>`). LocalPart only
   * knows the distance to develop, so the hotfix command computes this with git and
   * passes it; without it the gate cannot tell and skips the behind/ahead checks.
   */
  readonly baseDivergence?: { readonly ahead: number; readonly behind: number };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function result(failures: GateFailure[], warnings: string[] = []): GateResult {
  return failures.length === 0 ? { ok: true, warnings } : { ok: false, failures, warnings };
}

/** Pull-request gate failures no confirmation can wave through: the PR would be wrong or impossible. */
export const NOT_OVERRIDABLE_PULL_REQUEST_FAILURES: ReadonlySet<string> = new Set([
  'detachedHead',
  'noCommits',
  'onLongLivedBranch',
  'localOnly',
  'signedOut',
  'behindUpstream',
  'nothingToPropose',
]);

/**
 * Whether the current branch may be pushed and proposed as a pull request: into
 * develop, or with `hotfix` into the production branch. With `requireLocalTests`,
 * only a passing local run for the exact HEAD commit and working tree opens it.
 */
export function openPullRequestGate(
  snapshot: RepositorySnapshot,
  config: FlowConfig,
  options: OpenPullRequestOptions = {},
): GateResult {
  const local = snapshot.local;
  const base = options.hotfix ? config.productionBranch : config.developBranch;
  const position = branchPositionFailure(local, config);
  const failures: GateFailure[] = [
    ...(position ? [position] : []),
    ...gitHubFailures(snapshot, 'open a pull request'),
    ...cleanTreeFailures(local, config),
    ...localTestFailures(local, config),
    ...(local.behindUpstream > 0 ? [behindUpstreamFailure(local)] : []),
  ];
  // Ahead/behind only mean something for a feature branch with commits of its own.
  if (!position && local.headSha) {
    const divergence = options.hotfix
      ? options.baseDivergence
      : local.aheadOfDevelop === undefined || local.behindDevelop === undefined
        ? undefined
        : { ahead: local.aheadOfDevelop, behind: local.behindDevelop };
    failures.push(...baseFailures(local.branch ?? 'This branch', base, divergence));
  }
  return result(failures);
}

function branchPositionFailure(local: LocalPart, config: FlowConfig): GateFailure | undefined {
  if (local.detached || !local.branch) {
    return {
      code: 'detachedHead',
      reason: 'HEAD is detached, so there is no branch to push.',
      fix: { label: 'Start a branch here', action: 'startBranch' },
    };
  }
  if (!local.headSha) {
    return {
      code: 'noCommits',
      reason: `${local.branch} has no commits yet.`,
      fix: { label: 'Commit your work first', action: 'commitOrStash' },
    };
  }
  if (local.branch === config.developBranch || local.branch === config.productionBranch) {
    return {
      code: 'onLongLivedBranch',
      reason: `You are on ${local.branch} itself; changes reach it through a pull request from a branch of their own.`,
      fix: { label: 'Start a branch', action: 'startBranch' },
    };
  }
  return undefined;
}

/** Every gate talks to GitHub; say why it cannot, and how to fix it when a user can. */
function gitHubFailures(snapshot: RepositorySnapshot, purpose: string): GateFailure[] {
  const connection = snapshot.connection;
  switch (connection.state) {
    case 'localOnly':
      return [
        {
          code: 'localOnly',
          reason: `This repository works locally only (${connection.reason.replace(/\.$/, '')}), so EnvFlow cannot ${purpose}.`,
          fix: { label: 'Add a GitHub remote', action: 'none' },
        },
      ];
    case 'signedOut':
      return [
        {
          code: 'signedOut',
          reason: `Sign in to GitHub to ${purpose}.`,
          fix: { label: 'Sign in to GitHub', action: 'signIn' },
        },
      ];
    case 'error':
      // Other errors (offline, rate limited) are transient: the attempt itself reports them.
      return connection.kind === 'unauthorized'
        ? [
            {
              code: 'signedOut',
              reason: `GitHub no longer accepts your sign-in, so EnvFlow cannot ${purpose}.`,
              fix: { label: 'Sign in again', action: 'signIn' },
            },
          ]
        : [];
    case 'ok':
      return [];
  }
}

function cleanTreeFailures(local: LocalPart, config: FlowConfig): GateFailure[] {
  const { staged, unstaged, untracked, conflicted } = local.changes;
  const count = staged + unstaged + untracked + conflicted;
  if (!config.requireCleanTree || count === 0) {
    return [];
  }
  const conflicts = conflicted > 0 ? `, ${conflicted} of them conflicted` : '';
  return [
    {
      code: 'dirtyTree',
      reason: `The working tree has ${plural(count, 'uncommitted change')}${conflicts}; the pull request would not contain them.`,
      fix: { label: 'Commit or stash the changes', action: 'commitOrStash' },
    },
  ];
}

function localTestFailures(local: LocalPart, config: FlowConfig): GateFailure[] {
  if (!config.requireLocalTests || !local.headSha) {
    return [];
  }
  const head = shortSha(local.headSha);
  const { state, record } = local.tests;
  switch (state) {
    case 'passed':
      return [];
    case 'notRun':
      return [
        {
          code: 'testsNotRun',
          reason: `The local tests have not run for ${head}.`,
          fix: { label: 'Run the tests', action: 'runTests' },
        },
      ];
    case 'failed': {
      const counts = record?.failed ? ` (${plural(record.failed, 'test')} failed)` : '';
      return [
        {
          code: 'testsFailed',
          reason: `The local tests failed for ${head}${counts}.`,
          fix: { label: 'Fix and run the tests again', action: 'runTests' },
        },
      ];
    }
    case 'stale': {
      const since =
        record && record.commit !== local.headSha
          ? `the last run tested ${shortSha(record.commit)} and HEAD is now ${head}`
          : `the working tree changed since the last run on ${head}`;
      return [
        {
          code: 'testsStale',
          reason: `The local test result no longer applies: ${since}.`,
          fix: { label: 'Run the tests again', action: 'runTests' },
        },
      ];
    }
  }
}

function behindUpstreamFailure(local: LocalPart): GateFailure {
  const upstream = local.upstream ?? 'The remote branch';
  return {
    code: 'behindUpstream',
    reason: `${upstream} has ${plural(local.behindUpstream, 'commit')} this branch lacks, so the push would be rejected.`,
    fix: { label: `Pull ${upstream} first`, action: 'none' },
  };
}

function baseFailures(
  branch: string,
  base: string,
  divergence: { readonly ahead: number; readonly behind: number } | undefined,
): GateFailure[] {
  if (!divergence) {
    return [];
  }
  const failures: GateFailure[] = [];
  if (divergence.behind > 0) {
    failures.push({
      code: 'behindBase',
      reason: `${branch} is ${plural(divergence.behind, 'commit')} behind ${base}; the tests did not see that code.`,
      fix: { label: `Update from ${base}`, action: 'updateFromBase' },
    });
  }
  if (divergence.ahead === 0) {
    failures.push({
      code: 'nothingToPropose',
      reason: `${branch} has no commits that ${base} lacks, so there is nothing to propose.`,
      fix: { label: 'Commit your work first', action: 'commitOrStash' },
    });
  }
  return failures;
}

/**
 * Whether develop may be promoted to production (a develop → main pull request):
 * develop's head must have green checks and a successful development deployment.
 * Open pull requests into develop are only a warning: the release goes without them.
 */
export function promoteGate(snapshot: RepositorySnapshot, config: FlowConfig): GateResult {
  const development = snapshot.development;
  const warnings = inFlightWarnings(snapshot);
  const head = development.head?.sha;
  if (!development.exists || !head) {
    return result(
      [
        {
          code: 'developMissing',
          reason: `There is no ${config.developBranch} branch to promote.`,
          fix: { label: 'Set Up Repository', action: 'setupRepository' },
        },
      ],
      warnings,
    );
  }
  // Checks and deployments are moot when there is nothing to carry.
  if (development.awaitingPromotion.count === 0) {
    return result(
      [
        {
          code: 'nothingToPromote',
          reason: `${config.productionBranch} already has every commit on ${config.developBranch}.`,
          fix: { label: 'Nothing to do', action: 'none' },
        },
      ],
      warnings,
    );
  }
  const gitHub = gitHubFailures(snapshot, 'promote');
  // Without GitHub the checks and deployments are unknown, not failing.
  if (gitHub.length > 0) {
    return result(gitHub, warnings);
  }
  return result(
    [
      ...developCheckFailures(snapshot, config, head),
      ...developDeploymentFailures(development.deployment, config, head),
    ],
    warnings,
  );
}

function developCheckFailures(snapshot: RepositorySnapshot, config: FlowConfig, head: string): GateFailure[] {
  const checks = snapshot.development.checks;
  const at = `${config.developBranch} (${shortSha(head)})`;
  const openChecks = { label: 'Open the checks', action: 'openChecks' as const };
  switch (checks?.state ?? 'none') {
    case 'passing':
      return [];
    case 'failing': {
      const names = checks?.failing.length ? `: ${checks.failing.join(', ')}` : '';
      return [{ code: 'developChecksFailing', reason: `Checks are failing on ${at}${names}.`, fix: openChecks }];
    }
    case 'pending':
      return [{ code: 'developChecksPending', reason: `Checks are still running on ${at}.`, fix: openChecks }];
    default:
      return [
        {
          code: 'developChecksMissing',
          reason: `No checks have reported on ${at}; promotion needs them green.`,
          fix: openChecks,
        },
      ];
  }
}

function developDeploymentFailures(
  deployment: DeploymentInfo | undefined,
  config: FlowConfig,
  head: string,
): GateFailure[] {
  const environment = config.developmentEnvironment;
  const openDeployment = { label: 'Open the deployment', action: 'openDeployment' as const };
  if (!deployment) {
    // No deployment at all means no workflow deploys develop yet: say what is missing and how Set Up adds it.
    return [
      {
        code: 'developmentNotDeployed',
        reason:
          `The ${environment} environment has no deployment at all, so nothing deploys ${config.developBranch} yet: ` +
          `${shortSha(head)} must deploy there first. Set Up Repository adds .github/workflows/deploy-development.yml (a push to ${config.developBranch} deploys it to ${environment}) and the ${environment} environment; commit the workflow through a pull request into ${config.developBranch}.`,
        fix: { label: 'Set Up Repository', action: 'setupRepository' },
      },
    ];
  }
  if (deployment.sha !== head) {
    return [
      {
        code: 'developmentDeploymentOutdated',
        reason: `${environment} runs ${shortSha(deployment.sha)}, not ${config.developBranch}'s head ${shortSha(head)}.`,
        fix: openDeployment,
      },
    ];
  }
  switch (deployment.state) {
    case 'success':
      return [];
    case 'failure':
    case 'error':
    case 'inactive':
      return [
        {
          code: 'developmentDeploymentFailed',
          reason: `The deployment of ${shortSha(head)} to ${environment} ended in ${deployment.state}.`,
          fix: openDeployment,
        },
      ];
    default:
      return [
        {
          code: 'developmentDeploymentInProgress',
          reason: `The deployment of ${shortSha(head)} to ${environment} has not finished yet.`,
          fix: openDeployment,
        },
      ];
  }
}

/** Drafts are not announced as "in flight": their authors said they are not ready. */
function inFlightWarnings(snapshot: RepositorySnapshot): string[] {
  const open = snapshot.development.pullRequests.filter((pr) => !pr.draft);
  if (open.length === 0) {
    return [];
  }
  const numbers = open.map((pr) => `#${pr.number}`).join(', ');
  const verb = open.length === 1 ? 'is' : 'are';
  return [
    `${plural(open.length, 'pull request')} into ${snapshot.development.branch} ${verb} still open (${numbers}); this release will not include them.`,
  ];
}

/**
 * Whether production can be rolled back to `snapshot.production.rollbackTarget`.
 * "Current" is what production runs: the latest deployment's commit, or the
 * production branch's head when nothing was deployed.
 */
export function rollbackGate(snapshot: RepositorySnapshot): GateResult {
  const production = snapshot.production;
  const failures = gitHubFailures(snapshot, 'roll back production');
  const target = production.rollbackTarget;
  const current = production.deployment?.sha ?? production.head?.sha;
  if (!target) {
    failures.push({
      code: 'noRollbackTarget',
      reason: 'There is no earlier successful production deployment or backup to roll back to.',
      fix: { label: 'Open the deployments', action: 'openDeployment' },
    });
  } else if (target.sha === current) {
    failures.push({
      code: 'targetIsCurrent',
      reason: `Production already runs ${shortSha(target.sha)}, the rollback target.`,
      fix: { label: 'Open the deployment', action: 'openDeployment' },
    });
  }
  const deployment = production.deployment;
  const warnings =
    deployment && ['queued', 'pending', 'in_progress'].includes(deployment.state)
      ? [`A production deployment of ${shortSha(deployment.sha)} is still running; the rollback will follow it.`]
      : [];
  return result(failures, warnings);
}

/** A compact, one line per failure summary for a modal dialog's detail text. */
export function describeGateFailures(failures: readonly GateFailure[]): string {
  return failures.map((f) => `• ${f.reason} → ${f.fix.label}.`).join('\n');
}
