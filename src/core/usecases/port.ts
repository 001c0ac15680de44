/**
 * What a use case needs from whoever talks to the user. VS Code implements it with its
 * widgets (src/ui/commands/widgetPort.ts); tests implement it with scripted answers. Every
 * question resolves to undefined when the user dismisses it.
 */

/** One option of a question or a pick: what the user reads and what it means. */
export interface Choice<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
}

/** Something the user can do from a message or a gate; the port carries it out. */
export type FollowUp =
  | { readonly kind: 'openUrl'; readonly url: string }
  /** Any VS Code command: EnvFlow's own or the workbench's (`workbench.view.scm`). */
  | { readonly kind: 'command'; readonly command: string; readonly args?: readonly unknown[] }
  /** Something only the port's own side knows how to do (bring a terminal to the front). */
  | { readonly kind: 'local'; run(): Promise<void> };

export interface Question {
  readonly message: string;
  readonly detail?: string;
  readonly severity?: 'info' | 'warning';
}

export interface PickRequest {
  readonly title: string;
  readonly placeHolder?: string;
  readonly matchOnDescription?: boolean;
  /** Stays open when focus moves away (a multi-step flow the user may compare against a file). */
  readonly keepOpen?: boolean;
}

export interface InputRequest {
  readonly title: string;
  readonly prompt: string;
  readonly placeHolder?: string;
  /** One sentence saying why the value cannot be used, or undefined when it can. */
  validate?(value: string): string | undefined;
}

export interface Notice {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly actions?: readonly Choice<FollowUp>[];
}

/** A cancellation the use case can poll or follow; VS Code's CancellationToken is one. */
export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface InteractionPort {
  /** A modal question with one button per choice. */
  confirm<T>(question: Question, choices: readonly Choice<T>[]): Promise<T | undefined>;
  pick<T>(request: PickRequest, items: readonly Choice<T>[]): Promise<T | undefined>;
  input(request: InputRequest): Promise<string | undefined>;
  /** What the command is doing now, shown in its progress. */
  progress(message: string): void;
  /** Work with its own titled progress, for commands whose questions must not sit under a progress notification. */
  task<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** A message the command does not wait on: its progress and busy state end now, not when the toast closes. */
  notify(notice: Notice): void;
  /** Carries out a gate's fix or a message's action. */
  follow(followUp: FollowUp): Promise<void>;
  /** True once the user cancelled the command's progress. */
  readonly cancelled: () => boolean;
  /** The same cancellation, to follow while a long run (the tests) goes on. */
  readonly cancellation: CancelSignal;
}
