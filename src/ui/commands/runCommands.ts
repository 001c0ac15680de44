import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../constants';
import type { JourneyState } from '../../core/flow/whereIsCommit';
import { cancelRun, rerunFailedJobs } from '../../core/usecases/runControl';
import { showFailedLog, type FailedRunArgs } from '../../core/usecases/showFailedLog';
import { whereIsCommit } from '../../core/usecases/whereIsCommit';
import type { UseCaseInput } from '../../core/usecases/services';
import { relativeTime } from '../format';
import type { JobLogDocuments } from '../jobLogDocuments';
import { openWebUrl } from '../openWebUrl';
import { EnvElement } from '../views/environmentsTree';
import type { CommandSpec } from './registry';

/**
 * What the use cases act on: a tree row's subject (its failing or running runs, or its
 * commit) as is; from the palette, the status bar or automation, the argument given.
 */
function subjectOf(arg: unknown): unknown {
  return arg instanceof EnvElement ? arg.data.subject : arg;
}

const journeyIcons: Record<JourneyState, string> = {
  reached: '$(pass-filled)',
  inProgress: '$(sync~spin)',
  notYet: '$(circle-large-outline)',
  rolledBack: '$(history)',
  unknown: '$(question)',
};

/** Show Failed Log, Re-run Failed Jobs, Cancel Run and Where Is Commit…: the run and the journey behind a row. */
export function runCommands(logs: JobLogDocuments): CommandSpec[] {
  return [
    {
      id: Commands.showFailedLog,
      progressTitle: 'Reading the failed job’s log',
      needs: { repository: true, github: true },
      refreshes: 'none',
      run: async (input: UseCaseInput) => {
        const outcome = await showFailedLog({ ...input, args: subjectOf(input.args) });
        if (outcome.kind === 'done' && outcome.value) {
          const view = outcome.value;
          await logs.show(view);
          // The walkthrough's step completes on the log really shown, not on the command run.
          void vscode.commands.executeCommand('setContext', ContextKeys.walkthroughReadFailedLog, true);
          const next = view.runActive ? 'Cancel Run' : 'Re-run Failed Jobs';
          void vscode.window
            .showInformationMessage(`${view.source.label}: ${view.job.name} failed.`, next, 'Open on GitHub')
            .then((answer) => {
              if (answer === 'Open on GitHub') {
                void openWebUrl(view.job.url);
              } else if (answer === 'Re-run Failed Jobs') {
                void vscode.commands.executeCommand(Commands.rerunFailedJobs, {
                  runs: [view.source],
                } satisfies FailedRunArgs);
              } else if (answer === 'Cancel Run') {
                void vscode.commands.executeCommand(Commands.cancelRun, { run: view.source } satisfies FailedRunArgs);
              }
            });
        }
        return outcome;
      },
    },
    {
      id: Commands.rerunFailedJobs,
      mutates: true,
      progressTitle: 'Re-running failed jobs',
      needs: { repository: true, github: true },
      refreshes: 'none',
      run: (input: UseCaseInput) => rerunFailedJobs({ ...input, args: subjectOf(input.args) }),
    },
    {
      id: Commands.cancelRun,
      mutates: true,
      needs: { repository: true, github: true },
      refreshes: 'none',
      run: (input: UseCaseInput) => cancelRun({ ...input, args: subjectOf(input.args) }),
    },
    {
      id: Commands.whereIsCommit,
      needs: { repository: true },
      refreshes: 'none',
      run: async (input: UseCaseInput) => {
        const outcome = await whereIsCommit({ ...input, args: subjectOf(input.args) });
        if (outcome.kind === 'done' && outcome.value) {
          const { title, rows } = outcome.value;
          void vscode.commands.executeCommand('setContext', ContextKeys.walkthroughTracedChange, true);
          const now = Date.now();
          const picked = await vscode.window.showQuickPick(
            rows.map((row) => ({
              label: `${journeyIcons[row.step.state]} ${row.label}`,
              description: row.step.when ? relativeTime(row.step.when, now) : undefined,
              detail: row.url ? 'Open on GitHub' : undefined,
              url: row.url,
            })),
            { title, placeHolder: 'How far this change got, from develop to production' },
          );
          if (picked?.url) {
            await openWebUrl(picked.url);
          }
        }
        return outcome;
      },
    },
  ];
}
