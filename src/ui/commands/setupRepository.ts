import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../constants';
import type { CommandServices } from './services';
import { applySetupSteps, type SetupAnswer } from '../../core/setup/apply';
import { planSetup, type SetupQuestion, type SetupStep } from '../../core/setup/plan';
import { readFlowConfig } from '../config';
import type { ProposalDocuments } from '../proposals';
import { requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';

/** What the command did, for automation and tests. */
export interface SetupResult {
  readonly applied: readonly string[];
  readonly skipped: readonly string[];
  readonly blocked: readonly string[];
  /** Always empty: a step that fails stops the run with a sentence naming the steps already applied. */
  readonly failed: readonly string[];
  /** True when the plan found nothing missing. */
  readonly alreadySetUp: boolean;
}

type Answer = SetupAnswer | 'show';

/**
 * `envflow.setupRepository`: reads what the repository already has, then goes through
 * what is missing one step at a time; each step says exactly what it changes and waits
 * for Apply or Skip. A re-run only offers what is still missing.
 */
export function setupRepositoryCommand(c: CommandServices, proposals: ProposalDocuments): CommandSpec {
  return { id: Commands.setupRepository, mutates: true, run: (ctx) => setupRepository(c, proposals, ctx) };
}

async function setupRepository(c: CommandServices, proposals: ProposalDocuments, ctx: CommandContext): Promise<SetupResult | undefined> {
  const model = requireRepository(c);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  const github = await c.githubFor(model);
  const steps = await withProgress('Reading how the repository is set up…', () =>
    planSetup({
      root: model.root,
      git: c.gitOf(model),
      config,
      // Signed out or not on GitHub: the plan says why protection is blocked; the rest still runs.
      ...('client' in github ? { client: github.client } : { offline: github.reason }),
    }),
  );
  const pending = steps.filter((step) => step.status !== 'done');
  if (pending.length === 0) {
    await vscode.commands.executeCommand('setContext', ContextKeys.walkthroughSetUp, true);
    void vscode.window.showInformationMessage('Everything is already set up: develop, protection of both branches, the workflows, Dependabot, Docker and the dev container.');
    return { applied: [], skipped: [], blocked: [], failed: [], alreadySetUp: true };
  }
  let run;
  try {
    run = await applySetupSteps(pending, {
      decide: (step, position) => ask(step, position, () => proposals.show(model.root, step.proposal!.path, step.proposal!.content)),
      choose: (step, question) => choose(step, question),
      progress: withProgress,
      cancelled: () => ctx.token.isCancellationRequested,
    });
  } catch (error) {
    // A step failed: the StepFailure's one sentence names the steps already applied; a re-run finishes.
    await c.repositories.refresh(model, 'full').catch(() => undefined);
    throw error;
  }
  await c.repositories.refresh(model, 'full');
  const result: SetupResult = { applied: run.applied, skipped: run.skipped, blocked: run.blocked, failed: [], alreadySetUp: false };
  const complete = result.applied.length === pending.length;
  if (complete) {
    await vscode.commands.executeCommand('setContext', ContextKeys.walkthroughSetUp, true);
  }
  report(result, run.said, run.written, config.developBranch, steps.length - pending.length);
  return result;
}

/** The step as a QuickPick (modal dialogs are refused in tests and block the window): Apply, Show changes, Skip, Cancel. */
async function ask(step: SetupStep, position: string, showChanges: () => Promise<void>): Promise<SetupAnswer> {
  type Item = vscode.QuickPickItem & { answer: Answer };
  const show: Item[] = step.proposal ? [{ label: '$(diff) Show changes', description: step.apply ? 'open the proposed file' : "compare your file with EnvFlow's", answer: 'show' }] : [];
  const skip: Item = { label: '$(debug-step-over) Skip', description: step.apply ? 'leave this as it is' : 'keep your file', answer: 'skip' };
  const cancel: Item = { label: '$(close) Cancel', description: 'stop here; steps already applied stay', answer: 'cancel' };
  // Enter takes the first item: Apply when there is something to apply, else Skip (never a loop of diffs).
  const items: Item[] = step.apply ? [{ label: '$(check) Apply', detail: step.description, answer: 'apply' }, ...show, skip, cancel] : [skip, ...show, cancel];
  for (;;) {
    const picked = await vscode.window.showQuickPick(items, {
      title: `Set Up Repository (${position}): ${step.title}`,
      placeHolder: step.apply ? step.description : `Nothing to apply: ${step.description}`,
      ignoreFocusOut: true,
    });
    if (!picked) {
      return 'cancel';
    }
    if (picked.answer !== 'show') {
      return picked.answer;
    }
    await showChanges();
  }
}

/** One of the step's questions as a QuickPick, its default first; Escape cancels the run. */
async function choose(step: SetupStep, question: SetupQuestion): Promise<string | undefined> {
  const choices = [...question.choices].sort((a, b) => Number(b.id === question.defaultChoice) - Number(a.id === question.defaultChoice));
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.label, detail: choice.detail, id: choice.id })),
    { title: `Set Up Repository: ${step.title}`, placeHolder: question.prompt, ignoreFocusOut: true },
  );
  return picked?.id;
}

function withProgress<T>(title: string, work: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work));
}

/** One message for the whole run; never awaited, so the command ends now. */
function report(result: SetupResult, said: readonly string[], written: readonly string[], developBranch: string, alreadyDone: number): void {
  const wroteFiles = written.length > 0;
  const counts = [`${result.applied.length} applied`, ...(result.skipped.length ? [`${result.skipped.length} skipped`] : []), ...(result.blocked.length + result.failed.length ? [`${result.blocked.length + result.failed.length} not possible`] : []), ...(alreadyDone ? [`${alreadyDone} already in place`] : [])];
  const commit = wroteFiles
    ? ` Commit ${written.join(', ')} on a branch from ${developBranch} and open a pull request: ${developBranch} and main take changes through pull requests.`
    : '';
  const message = `Set Up Repository: ${counts.join(', ')}.${commit}${said.length ? ` ${said.join(' ')}` : ''}`;
  const show = said.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, ...(wroteFiles ? ['Start Branch'] : [])).then((action) => action && vscode.commands.executeCommand(Commands.startBranch));
}
