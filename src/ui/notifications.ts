import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { Transition } from '../core/flow/diff';
import type { Presenter } from '../core/usecases/presenter';
import { notificationText } from './format';
import { noticeFor, settingFor, type Notice } from './notices';
import { openWebUrl } from './openWebUrl';

/** Raises one notification per transition the user asked for (`envflow.notifications`). */
export async function notify(
  transitions: readonly Transition[],
  repositoryName: string,
  say: Presenter,
  onShown: (notice: Notice, transition: Transition) => void = () => undefined,
): Promise<void> {
  const enabled = vscode.workspace.getConfiguration(Settings.section).get<Record<string, boolean>>(Settings.notifications, {});
  await Promise.all(
    transitions
      .filter((t) => enabled[settingFor[t.kind]] !== false)
      .map(async (t) => {
        const notice = noticeFor(t, repositoryName, say);
        onShown(notice, t);
        const show =
          notice.severity === 'error'
            ? vscode.window.showErrorMessage
            : notice.severity === 'warning'
              ? vscode.window.showWarningMessage
              : vscode.window.showInformationMessage;
        const picked = await show(notificationText(notice.message), ...notice.actions.map((a) => a.title));
        const action = notice.actions.find((a) => a.title === picked);
        if (action?.url !== undefined) {
          await openWebUrl(action.url);
        } else if (action) {
          await vscode.commands.executeCommand(action.command, ...(action.arguments ?? []));
        }
      }),
  );
}

