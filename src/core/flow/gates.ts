/**
 * The gates in front of the workflow's risky steps: opening a pull request,
 * promoting develop to production, rolling production back. Each gate reads a snapshot
 * and says what stands in the way, in one sentence per problem, with the fix the UI
 * offers as a button. Pure: the commands decide what to do with the answer.
 */
import * as l10n from '@vscode/l10n';
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
    ...gitHubFailures(snapshot, l10n.t('open a pull request')),
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
    failures.push(...baseFailures(local.branch ?? l10n.t('This branch'), base, divergence));
  }
  return result(failures);
}

function branchPositionFailure(local: LocalPart, config: FlowConfig): GateFailure | undefined {
  if (local.detached || !local.branch) {
    return {
      code: 'detachedHead',
      reason: l10n.t('HEAD is detached, so there is no branch to push.'),
      fix: { label: l10n.t('Start a branch here'), action: 'startBranch' },
    };
  }
  if (!local.headSha) {
    return {
      code: 'noCommits',
      reason: l10n.t('{0} has no commits yet.', local.branch),
      fix: { label: l10n.t('Commit your work first'), action: 'commitOrStash' },
    };
  }
  if (local.branch === config.developBranch || local.branch === config.productionBranch) {
    return {
      code: 'onLongLivedBranch',
      reason: l10n.t(
        'You are on {0} itself; changes reach it through a pull request from a branch of their own.',
        local.branch,
      ),
      fix: { label: l10n.t('Start a branch'), action: 'startBranch' },
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
          reason: l10n.t(
            'This repository works locally only ({0}), so EnvFlow cannot {1}.',
            connection.reason.replace(/\.$/, ''),
            purpose,
          ),
          fix: { label: l10n.t('Add a GitHub remote'), action: 'none' },
        },
      ];
    case 'signedOut':
      return [
        {
          code: 'signedOut',
          reason: l10n.t('Sign in to GitHub to {0}.', purpose),
          fix: { label: l10n.t('Sign in to GitHub'), action: 'signIn' },
        },
      ];
    case 'error':
      // Other errors (offline, rate limited) are transient: the attempt itself reports them.
      return connection.kind === 'unauthorized'
        ? [
            {
              code: 'signedOut',
              reason: l10n.t('GitHub no longer accepts your sign-in, so EnvFlow cannot {0}.', purpose),
              fix: { label: l10n.t('Sign in again'), action: 'signIn' },
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
  const changes = count === 1 ? l10n.t('1 uncommitted change') : l10n.t('{0} uncommitted changes', count);
  const conflicts = conflicted > 0 ? l10n.t(', {0} of them conflicted', conflicted) : '';
  return [
    {
      code: 'dirtyTree',
      reason: l10n.t('The working tree has {0}{1}; the pull request would not contain them.', changes, conflicts),
      fix: { label: l10n.t('Commit or stash the changes'), action: 'commitOrStash' },
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
          reason: l10n.t('The local tests have not run for {0}.', head),
          fix: { label: l10n.t('Run the tests'), action: 'runTests' },
        },
      ];
    case 'failed': {
      const counts = !record?.failed
        ? ''
        : record.failed === 1
          ? l10n.t(' (1 test failed)')
          : l10n.t(' ({0} tests failed)', record.failed);
      return [
        {
          code: 'testsFailed',
          reason: l10n.t('The local tests failed for {0}{1}.', head, counts),
          fix: { label: l10n.t('Fix and run the tests again'), action: 'runTests' },
        },
      ];
    }
    case 'stale': {
      const since =
        record && record.commit !== local.headSha
          ? l10n.t('the last run tested {0} and HEAD is now {1}', shortSha(record.commit), head)
          : l10n.t('the working tree changed since the last run on {0}', head);
      return [
        {
          code: 'testsStale',
          reason: l10n.t('The local test result no longer applies: {0}.', since),
          fix: { label: l10n.t('Run the tests again'), action: 'runTests' },
        },
      ];
    }
  }
}

function behindUpstreamFailure(local: LocalPart): GateFailure {
  const upstream = local.upstream ?? l10n.t('The remote branch');
  return {
    code: 'behindUpstream',
    reason:
      local.behindUpstream === 1
        ? l10n.t('{0} has 1 commit this branch lacks, so the push would be rejected.', upstream)
        : l10n.t(
            '{0} has {1} commits this branch lacks, so the push would be rejected.',
            upstream,
            local.behindUpstream,
          ),
    fix: { label: l10n.t('Pull {0} first', upstream), action: 'none' },
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
      reason:
        divergence.behind === 1
          ? l10n.t('{0} is 1 commit behind {1}; the tests did not see that code.', branch, base)
          : l10n.t('{0} is {1} commits behind {2}; the tests did not see that code.', branch, divergence.behind, base),
      fix: { label: l10n.t('Update from {0}', base), action: 'updateFromBase' },
    });
  }
  if (divergence.ahead === 0) {
    failures.push({
      code: 'nothingToPropose',
      reason: l10n.t('{0} has no commits that {1} lacks, so there is nothing to propose.', branch, base),
      fix: { label: l10n.t('Commit your work first'), action: 'commitOrStash' },
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
          reason: l10n.t('There is no {0} branch to promote.', config.developBranch),
          fix: { label: l10n.t('Set Up Repository'), action: 'setupRepository' },
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
          reason: l10n.t('{0} already has every commit on {1}.', config.productionBranch, config.developBranch),
          fix: { label: l10n.t('Nothing to do'), action: 'none' },
        },
      ],
      warnings,
    );
  }
  const gitHub = gitHubFailures(snapshot, l10n.t('promote'));
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
  const openChecks = { label: l10n.t('Open the checks'), action: 'openChecks' as const };
  switch (checks?.state ?? 'none') {
    case 'passing':
      return [];
    case 'failing': {
      const names = checks?.failing.length ? `: ${checks.failing.join(', ')}` : '';
      return [
        { code: 'developChecksFailing', reason: l10n.t('Checks are failing on {0}{1}.', at, names), fix: openChecks },
      ];
    }
    case 'pending':
      return [
        { code: 'developChecksPending', reason: l10n.t('Checks are still running on {0}.', at), fix: openChecks },
      ];
    default:
      return [
        {
          code: 'developChecksMissing',
          reason: l10n.t('No checks have reported on {0}; promotion needs them green.', at),
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
  const openDeployment = { label: l10n.t('Open the deployment'), action: 'openDeployment' as const };
  if (!deployment) {
    // No deployment at all means no workflow deploys develop yet: say what is missing and how Set Up adds it.
    return [
      {
        code: 'developmentNotDeployed',
        reason: l10n.t(
          'The {0} environment has no deployment at all, so nothing deploys {1} yet: {2} must deploy there first. Set Up Repository adds .github/workflows/deploy-development.yml (a push to {1} deploys it to {0}) and the {0} environment; commit the workflow through a pull request into {1}.',
          environment,
          config.developBranch,
          shortSha(head),
        ),
        fix: { label: l10n.t('Set Up Repository'), action: 'setupRepository' },
      },
    ];
  }
  if (deployment.sha !== head) {
    return [
      {
        code: 'developmentDeploymentOutdated',
        reason: l10n.t(
          "{0} runs {1}, not {2}'s head {3}.",
          environment,
          shortSha(deployment.sha),
          config.developBranch,
          shortSha(head),
        ),
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
          reason: l10n.t('The deployment of {0} to {1} ended in {2}.', shortSha(head), environment, deployment.state),
          fix: openDeployment,
        },
      ];
    default:
      return [
        {
          code: 'developmentDeploymentInProgress',
          reason: l10n.t('The deployment of {0} to {1} has not finished yet.', shortSha(head), environment),
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
  return [
    open.length === 1
      ? l10n.t(
          '1 pull request into {0} is still open ({1}); this release will not include it.',
          snapshot.development.branch,
          numbers,
        )
      : l10n.t(
          '{0} pull requests into {1} are still open ({2}); this release will not include them.',
          open.length,
          snapshot.development.branch,
          numbers,
        ),
  ];
}

/**
 * Whether production can be rolled back to `snapshot.production.rollbackTarget`.
 * "Current" is what production runs: the latest deployment's commit, or the
 * production branch's head when nothing was deployed.
 */
export function rollbackGate(snapshot: RepositorySnapshot): GateResult {
  const production = snapshot.production;
  const failures = gitHubFailures(snapshot, l10n.t('roll back production'));
  const target = production.rollbackTarget;
  const current = production.deployment?.sha ?? production.head?.sha;
  if (!target) {
    failures.push({
      code: 'noRollbackTarget',
      reason: l10n.t('There is no earlier successful production deployment or backup to roll back to.'),
      fix: { label: l10n.t('Open the deployments'), action: 'openDeployment' },
    });
  } else if (target.sha === current) {
    failures.push({
      code: 'targetIsCurrent',
      reason: l10n.t('Production already runs {0}, the rollback target.', shortSha(target.sha)),
      fix: { label: l10n.t('Open the deployment'), action: 'openDeployment' },
    });
  }
  const deployment = production.deployment;
  const warnings =
    deployment && ['queued', 'pending', 'in_progress'].includes(deployment.state)
      ? [
          l10n.t(
            'A production deployment of {0} is still running; the rollback will follow it.',
            shortSha(deployment.sha),
          ),
        ]
      : [];
  return result(failures, warnings);
}

/** A compact, one line per failure summary for a modal dialog's detail text. */
export function describeGateFailures(failures: readonly GateFailure[]): string {
  return failures.map((f) => `• ${f.reason} → ${f.fix.label}.`).join('\n');
}
