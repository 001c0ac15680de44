/**
 * Set Up Repository: reads what the repository already has, then goes through what is
 * missing one step at a time; each step says exactly what it changes and waits for
 * Apply or Skip. A re-run only offers what is still missing.
 */
import * as l10n from '@vscode/l10n';
import { Commands, ContextKeys } from '../model/ids';
import { applySetupSteps, type SetupAnswer } from '../setup/apply';
import { planSetup, type SetupQuestion, type SetupStep } from '../setup/plan';
import { done, type Outcome } from './outcome';
import type { Choice, InteractionPort } from './port';
import type { Presenter } from './presenter';
import type { UseCaseInput } from './services';

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

/** Opens a step's proposed file beside the user's (an editor, outside the port's questions). */
export type ShowProposal = (root: string, path: string, content: string) => Promise<void>;

export function setupRepository(showProposal: ShowProposal) {
  return async ({ port, repo, say }: UseCaseInput): Promise<Outcome<SetupResult>> => {
    const github = await repo.github();
    const steps = await port.task(l10n.t('Reading how the repository is set up…'), () =>
      planSetup({
        root: repo.root,
        git: repo.git,
        config: repo.config,
        // Signed out or not on GitHub: the plan says why protection is blocked; the rest still runs.
        ...('reason' in github ? { offline: github.reason } : { client: github }),
      }),
    );
    const pending = steps.filter((step) => step.status !== 'done');
    if (pending.length === 0) {
      await markSetUp(port);
      port.notify({ severity: 'info', message: say.everythingSetUp() });
      return done({ applied: [], skipped: [], blocked: [], failed: [], alreadySetUp: true }, say.everythingSetUp());
    }
    // A step that fails throws a StepFailure whose one sentence names the steps already applied; a re-run finishes.
    const run = await applySetupSteps(pending, {
      decide: (step, position) =>
        ask(port, step, position, () => showProposal(repo.root, step.proposal!.path, step.proposal!.content)),
      choose: (step, question) => choose(port, step, question),
      progress: (title, work) => port.task(title, work),
      cancelled: port.cancelled,
    });
    const result: SetupResult = {
      applied: run.applied,
      skipped: run.skipped,
      blocked: run.blocked,
      failed: [],
      alreadySetUp: false,
    };
    if (result.applied.length === pending.length) {
      await markSetUp(port);
    }
    const sentence = report(port, say, result, run.said, run.written, steps.length - pending.length);
    return done(result, sentence);
  };
}

function markSetUp(port: InteractionPort): Promise<void> {
  return port.follow({ kind: 'command', command: 'setContext', args: [ContextKeys.walkthroughSetUp, true] });
}

type Answer = SetupAnswer | 'show';

/** The step as a pick (modal dialogs are refused in tests and block the window): Apply, Show changes, Skip, Cancel. */
/** One of the step's questions (approvals, reviewer, wait timer), its default first; dismissing it cancels the run. */
function choose(port: InteractionPort, step: SetupStep, question: SetupQuestion): Promise<string | undefined> {
  const choices = [...question.choices].sort(
    (a, b) => Number(b.id === question.defaultChoice) - Number(a.id === question.defaultChoice),
  );
  return port.pick(
    { title: l10n.t('Set Up Repository: {0}', step.title), placeHolder: question.prompt, keepOpen: true },
    choices.map((choice) => ({
      label: choice.label,
      ...(choice.detail ? { detail: choice.detail } : {}),
      value: choice.id,
    })),
  );
}

async function ask(
  port: InteractionPort,
  step: SetupStep,
  position: string,
  showChanges: () => Promise<void>,
): Promise<SetupAnswer> {
  const show: Choice<Answer>[] = step.proposal
    ? [
        {
          label: `$(diff) ${l10n.t('Show changes')}`,
          description: step.apply ? l10n.t('open the proposed file') : l10n.t("compare your file with EnvFlow's"),
          value: 'show',
        },
      ]
    : [];
  const skip: Choice<Answer> = {
    label: `$(debug-step-over) ${l10n.t('Skip')}`,
    description: step.apply ? l10n.t('leave this as it is') : l10n.t('keep your file'),
    value: 'skip',
  };
  const cancel: Choice<Answer> = {
    label: `$(close) ${l10n.t('Cancel')}`,
    description: l10n.t('stop here; steps already applied stay'),
    value: 'cancel',
  };
  // Enter takes the first item: Apply when there is something to apply, else Skip (never a loop of diffs).
  const items: Choice<Answer>[] = step.apply
    ? [{ label: `$(check) ${l10n.t('Apply')}`, detail: step.description, value: 'apply' }, ...show, skip, cancel]
    : [skip, ...show, cancel];
  for (;;) {
    const picked = await port.pick(
      {
        title: l10n.t('Set Up Repository ({0}): {1}', position, step.title),
        placeHolder: step.apply ? step.description : l10n.t('Nothing to apply: {0}', step.description),
        keepOpen: true,
      },
      items,
    );
    if (!picked) {
      return 'cancel';
    }
    if (picked !== 'show') {
      return picked;
    }
    await showChanges();
  }
}

/** One message for the whole run; the command does not wait on it. */
function report(
  port: InteractionPort,
  say: Presenter,
  result: SetupResult,
  said: readonly string[],
  written: readonly string[],
  alreadyDone: number,
): string {
  const notPossible = result.blocked.length + result.failed.length;
  const counts = [
    l10n.t('{0} applied', result.applied.length),
    ...(result.skipped.length ? [l10n.t('{0} skipped', result.skipped.length)] : []),
    ...(notPossible ? [l10n.t('{0} not possible', notPossible)] : []),
    ...(alreadyDone ? [l10n.t('{0} already in place', alreadyDone)] : []),
  ];
  const commit = written.length > 0 ? ` ${say.commitSetupFiles(written)}` : '';
  const message = `${l10n.t('Set Up Repository: {0}.', counts.join(', '))}${commit}${said.length ? ` ${said.join(' ')}` : ''}`;
  const actions =
    written.length > 0
      ? [{ label: l10n.t('Start Branch'), value: { kind: 'command' as const, command: Commands.startBranch } }]
      : [];
  port.notify({ severity: said.length ? 'warning' : 'info', message, actions });
  return message;
}
