/**
 * Open Pull Request: read the gate (a fix or a deliberate override when it is closed),
 * push the branch, show or open the pull request into develop (production for a
 * hotfix), and post the local test result on the tested commit.
 */
import * as l10n from '@vscode/l10n';
import { Commands } from '../model/ids';
import { HOTFIX_PREFIX, LOCAL_TESTS_STATUS_CONTEXT, type FlowConfig } from '../model/flowConfig';
import type { LocalTestRecord, PullRequestInfo, RepositorySnapshot } from '../model/snapshot';
import {
  describeGateFailures,
  NOT_OVERRIDABLE_PULL_REQUEST_FAILURES,
  openPullRequestGate,
  type GateAction,
  type GateFailure,
} from '../flow/gates';
import { localTestStatusDescription, pullRequestBody, pullRequestTitle } from '../flow/pullRequestText';
import type { GitRepository } from '../git/repository';
import { updateFromBase } from '../git/updateFromBase';
import type { GitHubClient } from '../github/client';
import { pushAndOpenPullRequest } from '../release/branchPullRequest';
import type { PullRequestText } from '../release/pullRequests';
import { announce } from './announce';
import { fixChoices } from './gateFixes';
import { done, refused, type Outcome } from './outcome';
import type { Choice, InteractionPort } from './port';
import { freshSnapshot, requireGitHub, type RepositoryServices, type UseCaseInput } from './services';

/** Arguments for automation (tests, keybindings); an override still needs the modal. */
interface OpenPullRequestOptions {
  readonly draft?: boolean;
}

export async function openPullRequest({ port, repo, say, args }: UseCaseInput): Promise<Outcome<PullRequestInfo>> {
  const options = (typeof args === 'object' && args !== null ? args : {}) as OpenPullRequestOptions;
  const { git, config } = repo;
  port.progress(l10n.t('Checking the gate…'));
  const snapshot = await freshSnapshot(repo, say);
  const branch = snapshot.local.branch;
  const hotfix = branch?.startsWith(`${HOTFIX_PREFIX}/`) ?? false;
  const base = hotfix ? say.production : say.develop;
  const gate = openPullRequestGate(snapshot, config, {
    hotfix,
    baseDivergence: hotfix ? await divergence(git, base) : undefined,
  });
  let overridden: readonly GateFailure[] = [];
  if (!gate.ok) {
    const message =
      gate.failures.length === 1
        ? l10n.t('The pull request gate is closed.')
        : l10n.t('The pull request gate is closed for {0} reasons.', gate.failures.length);
    const decision = await askAboutFailures(port, message, gate.failures);
    if (decision !== 'override') {
      if (decision) {
        await runFix(port, repo, decision, base, branch);
      }
      return refused(message);
    }
    overridden = gate.failures;
  }
  if (!branch || !snapshot.local.headSha) {
    const sentence = l10n.t('Switch to a branch with a commit first.');
    port.notify({ severity: 'warning', message: sentence });
    return refused(sentence);
  }
  const client = await requireGitHub(repo);
  const record = repo.testRecord();
  const opened = await pushAndOpenPullRequest({
    git,
    client,
    branch,
    base,
    setUpstream: !snapshot.local.upstream,
    compose: () =>
      compose(port, git, snapshot, record, branch, base, overridden, {
        ...options,
        publishTestCommand: config.publishTestCommand,
      }),
    onProgress: (message) => port.progress(message),
    then: {
      doing: l10n.t('publishing the local test result'),
      run: () => publishLocalTestStatus(client, snapshot, record, config),
    },
  });
  if (!opened) {
    return { kind: 'cancelled' };
  }
  const pr = opened.pullRequest;
  const sentence = opened.created
    ? l10n.t('Opened pull request #{0} into {1}.', pr.number, base)
    : l10n.t('Pull request #{0} into {1} is already open; {2} was pushed to it.', pr.number, base, branch);
  return done(pr, announce(port, sentence, pr.url));
}

/** The new pull request's title, body and draft flag; undefined when the user cancels. */
async function compose(
  port: InteractionPort,
  git: GitRepository,
  snapshot: RepositorySnapshot,
  testRecord: LocalTestRecord | undefined,
  branch: string,
  base: string,
  overridden: readonly GateFailure[],
  options: OpenPullRequestOptions & { publishTestCommand: boolean },
): Promise<PullRequestText | undefined> {
  const commits = await git.log(`origin/${base}..HEAD`, 100);
  const title = pullRequestTitle(branch, commits);
  const draft =
    options.draft ??
    (await port.pick(
      { title: l10n.t('"{0}" into {1}', title, base), placeHolder: l10n.t('Ready for review, or a draft?') },
      [
        { label: `$(git-pull-request-create) ${l10n.t('Create Pull Request')}`, value: false },
        { label: `$(git-pull-request-draft) ${l10n.t('Create Draft Pull Request')}`, value: true },
      ],
    ));
  if (draft === undefined) {
    return undefined;
  }
  const body = pullRequestBody({
    branch,
    base,
    commits,
    testRecord,
    headSha: snapshot.local.headSha!,
    overridden,
    publishTestCommand: options.publishTestCommand,
  });
  return { title, body, draft };
}

/** Posts `envflow/local-tests` on the tested commit so branch protection can require it. */
async function publishLocalTestStatus(
  client: GitHubClient,
  snapshot: RepositorySnapshot,
  record: LocalTestRecord | undefined,
  config: FlowConfig,
): Promise<void> {
  if (
    !config.publishStatus ||
    !record ||
    record.commit !== snapshot.local.headSha ||
    snapshot.local.tests.state !== record.outcome
  ) {
    return;
  }
  await client.createCommitStatus(record.commit, {
    state: record.outcome === 'passed' ? 'success' : 'failure',
    context: LOCAL_TESTS_STATUS_CONTEXT,
    description: localTestStatusDescription(record, config.publishTestCommand),
  });
}

/** The modal that says why the gate is closed; returns the chosen fix or 'override' (confirmed a second time). */
async function askAboutFailures(
  port: InteractionPort,
  message: string,
  failures: readonly GateFailure[],
): Promise<GateAction | 'override' | undefined> {
  const choices: Choice<GateAction | 'override'>[] = fixChoices(failures);
  if (failures.every((f) => !NOT_OVERRIDABLE_PULL_REQUEST_FAILURES.has(f.code))) {
    choices.push({ label: l10n.t('Open Anyway…'), value: 'override' });
  }
  const picked = await port.confirm({ message, detail: describeGateFailures(failures) }, choices);
  if (picked !== 'override') {
    return picked;
  }
  const confirmed = await port.confirm(
    {
      message: l10n.t('Open the pull request anyway?'),
      detail: `${l10n.t("The override and its reasons are written into the pull request's description:")}\n\n${describeGateFailures(failures)}`,
    },
    [{ label: l10n.t('Open Anyway'), value: 'override' as const }],
  );
  return confirmed;
}

const FIX_COMMANDS: Partial<Record<GateAction, string>> = {
  runTests: Commands.runTests,
  commitOrStash: 'workbench.view.scm',
  signIn: Commands.signIn,
  startBranch: Commands.startBranch,
  switchBranch: Commands.startBranch,
  openChecks: Commands.showChecks,
};

async function runFix(
  port: InteractionPort,
  repo: RepositoryServices,
  action: GateAction,
  base: string,
  branch: string | undefined,
): Promise<void> {
  const command = FIX_COMMANDS[action];
  if (command) {
    await port.follow({ kind: 'command', command });
  } else if (action === 'updateFromBase') {
    await updateFromBase(repo.git, base);
    port.notify({
      severity: 'info',
      message: l10n.t('Merged origin/{0} into your branch. Run the tests again before opening the pull request.', base),
    });
  } else if (action === 'push' && branch) {
    await repo.git.push('origin', branch, { setUpstream: true });
  }
}

async function divergence(git: GitRepository, base: string): Promise<{ ahead: number; behind: number }> {
  const [ahead, behind] = await Promise.all([
    git.log(`origin/${base}..HEAD`, 1000),
    git.log(`HEAD..origin/${base}`, 1000),
  ]);
  return { ahead: ahead.length, behind: behind.length };
}
