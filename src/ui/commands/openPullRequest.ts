import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandServices } from './services';
import { HOTFIX_PREFIX, LOCAL_TESTS_STATUS_CONTEXT, type FlowConfig } from '../../core/model/flowConfig';
import { describeGateFailures, NOT_OVERRIDABLE_PULL_REQUEST_FAILURES, openPullRequestGate, type GateAction, type GateFailure } from '../../core/flow/gates';
import { localTestStatusDescription, pullRequestBody, pullRequestTitle } from '../../core/flow/pullRequestText';
import type { PullRequestInfo, RepositorySnapshot } from '../../core/model/snapshot';
import type { GitRepository } from '../../core/git/repository';
import { updateFromBase } from '../../core/git/updateFromBase';
import type { GitHubClient } from '../../core/github/client';
import { pushAndOpenPullRequest } from '../../core/release/branchPullRequest';
import type { PullRequestText } from '../../core/release/pullRequests';
import { readFlowConfig } from '../config';
import { announce, requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';


/** Arguments for automation (tests, keybindings); an override still needs the modal. */
interface OpenPullRequestOptions {
  readonly draft?: boolean;
}

export function openPullRequestCommand(c: CommandServices): CommandSpec {
  return { id: Commands.openPullRequest, mutates: true, progressTitle: 'Opening pull request', run: (ctx, options) => openPullRequest(c, ctx, options) };
}

async function openPullRequest(c: CommandServices, ctx: CommandContext, raw: unknown): Promise<PullRequestInfo | undefined> {
  const options = (typeof raw === 'object' && raw !== null ? raw : {}) as OpenPullRequestOptions;
  const model = requireRepository(c);
  const git = c.gitOf(model);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  ctx.progress.report({ message: 'Checking the gate…' });
  const refreshed = await c.repositories.refresh(model, 'full');
  const snapshot = refreshed?.snapshot ?? model.snapshot;
  if (!snapshot) {
    throw new Error('EnvFlow could not read the repository: see the EnvFlow log (EnvFlow: Show Log).');
  }
  const branch = snapshot.local.branch;
  const hotfix = branch?.startsWith(`${HOTFIX_PREFIX}/`) ?? false;
  const base = hotfix ? config.productionBranch : config.developBranch;
  const gate = openPullRequestGate(snapshot, config, { hotfix, baseDivergence: hotfix ? await divergence(git, base) : undefined });
  let overridden: readonly GateFailure[] = [];
  if (!gate.ok) {
    c.log.info(`pull request gate closed:\n${describeGateFailures(gate.failures)}`);
    const decision = await askAboutFailures(gate.failures);
    if (decision === 'override') {
      overridden = gate.failures;
    } else {
      if (decision) {
        await runFix(c, decision, git, base);
      }
      return undefined;
    }
  }
  if (!branch || !snapshot.local.headSha) {
    return undefined;
  }
  const target = await c.githubFor(model);
  if ('reason' in target) {
    throw new Error(target.reason);
  }
  const opened = await pushAndOpenPullRequest({
    git,
    client: target.client,
    branch,
    base,
    setUpstream: !snapshot.local.upstream,
    compose: () => compose(c, git, snapshot, branch, base, overridden, { ...options, publishTestCommand: config.publishTestCommand }),
    onProgress: (message) => ctx.progress.report({ message }),
  });
  if (!opened) {
    return undefined;
  }
  const pr = opened.pullRequest;
  await publishLocalTestStatus(c, target.client, snapshot, config);
  await c.repositories.refresh(model, 'full');
  announce(
    opened.created ? `Opened pull request #${pr.number} into ${base}.` : `Pull request #${pr.number} into ${base} is already open; ${branch} was pushed to it.`,
    pr.url,
  );
  return pr;
}

/** The new pull request's title, body and draft flag; undefined when the user cancels. */
async function compose(
  c: CommandServices,
  git: GitRepository,
  snapshot: RepositorySnapshot,
  branch: string,
  base: string,
  overridden: readonly GateFailure[],
  options: OpenPullRequestOptions & { publishTestCommand: boolean },
): Promise<PullRequestText | undefined> {
  const commits = await git.log(`origin/${base}..HEAD`, 100);
  const title = pullRequestTitle(branch, commits);
  const draft = options.draft ?? (await askDraft(title, base));
  if (draft === undefined) {
    return undefined;
  }
  const body = pullRequestBody({
    branch,
    base,
    commits,
    testRecord: c.testRecords.get(snapshot.root),
    headSha: snapshot.local.headSha!,
    overridden,
    publishTestCommand: options.publishTestCommand,
  });
  return { title, body, draft };
}

async function askDraft(title: string, base: string): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(git-pull-request-create) Create Pull Request', draft: false },
      { label: '$(git-pull-request-draft) Create Draft Pull Request', draft: true },
    ],
    { title: `"${title}" into ${base}`, placeHolder: 'Ready for review, or a draft?' },
  );
  return picked?.draft;
}

/** Posts `envflow/local-tests` on the tested commit so branch protection can require it. */
async function publishLocalTestStatus(c: CommandServices, client: GitHubClient, snapshot: RepositorySnapshot, config: FlowConfig): Promise<void> {
  const record = c.testRecords.get(snapshot.root);
  if (!config.publishStatus || !record || record.commit !== snapshot.local.headSha || snapshot.local.tests.state !== record.outcome) {
    return;
  }
  await client.createCommitStatus(record.commit, {
    state: record.outcome === 'passed' ? 'success' : 'failure',
    context: LOCAL_TESTS_STATUS_CONTEXT,
    description: localTestStatusDescription(record, config.publishTestCommand),
  });
}

/** The modal that says why the gate is closed; returns the chosen fix or 'override'. */
async function askAboutFailures(failures: readonly GateFailure[]): Promise<GateAction | 'override' | undefined> {
  const fixes = new Map<string, GateAction>();
  for (const f of failures) {
    if (f.fix.action !== 'none' && !fixes.has(f.fix.label)) {
      fixes.set(f.fix.label, f.fix.action);
    }
  }
  const items: (vscode.MessageItem & { action: GateAction | 'override' })[] = [...fixes].slice(0, 3).map(([title, action]) => ({ title, action }));
  if (failures.every((f) => !NOT_OVERRIDABLE_PULL_REQUEST_FAILURES.has(f.code))) {
    items.push({ title: 'Open Anyway…', action: 'override' });
  }
  const picked = await vscode.window.showWarningMessage(
    failures.length === 1 ? 'The pull request gate is closed.' : `The pull request gate is closed for ${failures.length} reasons.`,
    { modal: true, detail: describeGateFailures(failures) },
    ...items,
  );
  if (picked?.action !== 'override') {
    return picked?.action;
  }
  const confirmed = await vscode.window.showWarningMessage(
    'Open the pull request anyway?',
    { modal: true, detail: `The override and its reasons are written into the pull request's description:\n\n${describeGateFailures(failures)}` },
    'Open Anyway',
  );
  return confirmed ? 'override' : undefined;
}

async function runFix(c: CommandServices, action: GateAction, git: GitRepository, base: string): Promise<void> {
  switch (action) {
    case 'runTests':
      await vscode.commands.executeCommand(Commands.runTests);
      return;
    case 'commitOrStash':
      await vscode.commands.executeCommand('workbench.view.scm');
      return;
    case 'signIn':
      await vscode.commands.executeCommand(Commands.signIn);
      return;
    case 'startBranch':
    case 'switchBranch':
      await vscode.commands.executeCommand(Commands.startBranch);
      return;
    case 'openChecks':
      await vscode.commands.executeCommand(Commands.showChecks);
      return;
    case 'updateFromBase':
      await updateFromBase(git, base);
      void vscode.window.showInformationMessage(`Merged origin/${base} into your branch. Run the tests again before opening the pull request.`);
      await c.repositories.refreshAll('local');
      return;
    case 'push': {
      const branch = c.repositories.pick()?.snapshot?.local.branch;
      if (branch) {
        await git.push('origin', branch, { setUpstream: true });
        await c.repositories.refreshAll('local');
      }
      return;
    }
    case 'openDeployment':
    case 'none':
      return;
  }
}

async function divergence(git: GitRepository, base: string): Promise<{ ahead: number; behind: number }> {
  const [ahead, behind] = await Promise.all([git.log(`origin/${base}..HEAD`, 1000), git.log(`HEAD..origin/${base}`, 1000)]);
  return { ahead: ahead.length, behind: behind.length };
}
