/**
 * Puts git's and GitHub's answers together into a RepositorySnapshot. Pure: every
 * rule about what each section of the tree shows is here and unit-tested.
 */
import { failedCommits, productionContract, succeeded } from './deploymentContract';
import type { GitHubRemote } from '../git/remote';
import type { LocalGitState } from '../git/repository';
import type { FlowConfig } from '../model/flowConfig';
import type { GitHubParts } from './githubReader';
import { approvalsOf } from './approvals';
import type {
  CommitInfo,
  DeploymentInfo,
  GitHubConnection,
  LocalTestRecord,
  LocalTestState,
  PullRequestInfo,
  RepositorySnapshot,
  RollbackTarget,
} from '../model/snapshot';
import type { BackupInfo } from '../model/snapshot';

export interface AssembleInput {
  readonly root: string;
  readonly takenAt: string;
  readonly config: FlowConfig;
  readonly git: LocalGitState;
  readonly tests: { readonly state: LocalTestState; readonly record?: LocalTestRecord };
  readonly remote?: GitHubRemote;
  readonly connection: GitHubConnection;
  /** Absent when GitHub was never read successfully (or is not in use). */
  readonly github?: GitHubParts;
}

export function assembleSnapshot(input: AssembleInput): RepositorySnapshot {
  const { git, config, github } = input;
  const withPr = (pr: PullRequestInfo | undefined): PullRequestInfo | undefined =>
    pr && github
      ? {
          ...pr,
          checks: github.checksBySha.get(pr.headSha) ?? pr.checks,
          review: github.reviews.get(pr.number) ?? pr.review,
        }
      : pr;
  const pullRequests = github?.pullRequests;
  const branchPr =
    pullRequests && git.branch
      ? pullRequests.find((pr) => pr.headRef === git.branch && pr.baseRef !== git.branch)
      : undefined;
  const productionHistory = github?.productionHistory ?? [];
  const productionDeployment = productionHistory[0];
  const approvals = github?.approvals;
  return {
    root: input.root,
    takenAt: input.takenAt,
    github: input.remote && {
      host: input.remote.host,
      owner: input.remote.owner,
      repo: input.remote.repo,
      webUrl: input.remote.webUrl,
    },
    connection: input.connection,
    stale: input.connection.state === 'error' && github !== undefined,
    readErrors: github?.readErrors ?? {},
    local: {
      branch: git.branch,
      detached: git.detached,
      headSha: git.headSha,
      upstream: git.upstream,
      aheadOfUpstream: git.aheadOfUpstream,
      behindUpstream: git.behindUpstream,
      aheadOfDevelop: git.aheadOfDevelop,
      behindDevelop: git.behindDevelop,
      changes: git.changes,
      checks: git.headSha ? github?.checksBySha.get(git.headSha) : undefined,
      tests: input.tests,
      pullRequest: pullRequests ? (withPr(branchPr) ?? null) : undefined,
    },
    development: {
      branch: config.developBranch,
      exists: git.develop !== undefined,
      head: commitOf(git.develop),
      checks: git.develop ? github?.checksBySha.get(git.develop.sha) : undefined,
      deployment: github?.developmentDeployment,
      pullRequests: pullRequests
        ? pullRequests.filter((pr) => pr.baseRef === config.developBranch).map((pr) => withPr(pr)!)
        : [],
      awaitingPromotion: git.awaitingPromotion,
      releasePullRequest: pullRequests
        ? (withPr(
            pullRequests.find((pr) => pr.headRef === config.developBranch && pr.baseRef === config.productionBranch),
          ) ?? null)
        : undefined,
      ...(approvals ? { approvals: approvalsOf(approvals, config.developmentEnvironment) } : {}),
      rules: github?.liveRules?.development,
    },
    production: {
      branch: config.productionBranch,
      exists: git.production !== undefined,
      head: commitOf(git.production),
      checks: git.production ? github?.checksBySha.get(git.production.sha) : undefined,
      deployment: productionDeployment,
      history: productionHistory,
      backup: git.backups[0] as BackupInfo | undefined,
      ...productionContract(productionHistory),
      rollbackTarget: rollbackTarget(productionHistory, git.backups, productionDeployment?.sha ?? git.production?.sha),
      security: github?.security,
      ...(approvals ? { approvals: approvalsOf(approvals, config.productionEnvironment) } : {}),
      ...(github?.codeScanning ? { codeScanning: github.codeScanning } : {}),
      ...(github?.secretScanning ? { secretScanning: github.secretScanning } : {}),
      rules: github?.liveRules?.production,
    },
  };
}

function commitOf(ref: LocalGitState['develop']): CommitInfo | undefined {
  return ref ? { sha: ref.sha, subject: ref.subject ?? '', author: ref.author, date: ref.date } : undefined;
}

/**
 * Where a rollback goes: the newest earlier production deployment that succeeded with
 * a different commit, else the newest backup of a different commit; never a commit
 * whose deployment failed and was rolled back automatically.
 */
export function rollbackTarget(
  history: readonly DeploymentInfo[],
  backups: readonly BackupInfo[],
  currentSha: string | undefined,
): RollbackTarget | undefined {
  const failed = failedCommits(history);
  const deployment = history.slice(1).find((d) => succeeded(d) && d.sha !== currentSha && !failed.has(d.sha));
  if (deployment) {
    return { sha: deployment.sha, source: 'deployment', deploymentId: deployment.id, createdAt: deployment.createdAt };
  }
  const backup = backups.find((b) => b.sha !== currentSha && !failed.has(b.sha));
  return backup ? { sha: backup.sha, source: 'backup', tag: backup.tag, createdAt: backup.createdAt } : undefined;
}
