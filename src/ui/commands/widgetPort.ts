import * as vscode from 'vscode';
import type {
  Choice,
  FollowUp,
  InputRequest,
  InteractionPort,
  Notice,
  PickRequest,
  Question,
} from '../../core/usecases/port';
import { notificationText } from '../format';
import { openWebUrl } from '../openWebUrl';

/** The interaction port over VS Code's widgets: modals, QuickPicks, input boxes, toasts. */
export class WidgetPort implements InteractionPort {
  constructor(
    private readonly token: vscode.CancellationToken,
    private readonly reporter: vscode.Progress<{ message?: string }>,
  ) {}

  readonly cancelled = (): boolean => this.token.isCancellationRequested;

  get cancellation(): vscode.CancellationToken {
    return this.token;
  }

  async confirm<T>(question: Question, choices: readonly Choice<T>[]): Promise<T | undefined> {
    const show = question.severity === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const items = choices.map((choice) => ({ title: choice.label, choice }));
    const picked = await show(question.message, { modal: true, detail: question.detail }, ...items);
    return picked?.choice.value;
  }

  async pick<T>(request: PickRequest, items: readonly Choice<T>[]): Promise<T | undefined> {
    const picked = await vscode.window.showQuickPick(
      items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, item })),
      {
        title: request.title,
        placeHolder: request.placeHolder,
        matchOnDescription: request.matchOnDescription,
        ignoreFocusOut: request.keepOpen,
      },
    );
    return picked?.item.value;
  }

  async input(request: InputRequest): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: request.title,
      prompt: request.prompt,
      placeHolder: request.placeHolder,
      validateInput: request.validate ? (value) => request.validate?.(value) : undefined,
    });
  }

  progress(message: string): void {
    this.reporter.report({ message });
  }

  task<T>(title: string, work: () => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work));
  }

  notify(notice: Notice): void {
    const show =
      notice.severity === 'error'
        ? vscode.window.showErrorMessage
        : notice.severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const actions = notice.actions ?? [];
    // Sentences may quote git or GitHub: never a link out of them.
    void Promise.resolve(show(notificationText(notice.message), ...actions.map((a) => a.label))).then((label) => {
      const action = actions.find((a) => a.label === label);
      return action ? this.follow(action.value) : undefined;
    });
  }

  async follow(followUp: FollowUp): Promise<void> {
    if (followUp.kind === 'openUrl') {
      await openWebUrl(followUp.url);
      return;
    }
    if (followUp.kind === 'local') {
      await followUp.run();
      return;
    }
    await vscode.commands.executeCommand(followUp.command, ...(followUp.args ?? []));
  }
}
