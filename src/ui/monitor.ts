import * as vscode from 'vscode';
import type { RepositoryModel } from '../core/flow/repositoryModel';
import type { Logger } from '../core/log';
import { PollScheduler, systemClock, type TickResult } from '../core/monitor/scheduler';
import { tickResultOf } from '../core/monitor/tickResult';
import { relativeInside } from '../core/util/paths';
import { Disposable, toDisposable } from '../util/disposable';
import type { WorkspaceRepositories } from './repositories';
import type { TrustGate } from './trust/trustGate';

/** Quiet time after the last file or ref change before the local refresh runs. */
const LOCAL_DEBOUNCE_MS = 300;

/**
 * When EnvFlow refreshes, so alerts come on time without costing rate limit: a full refresh (git + GitHub) on every
 * poll tick — `envflow.pollInterval` while focused, slower unfocused, never faster
 * than GitHub's X-Poll-Interval, paused while rate limited — and a git-only refresh
 * shortly after files or refs change. Between those, nothing runs.
 */
export class Monitor extends Disposable {
  private readonly scheduler: PollScheduler;
  private readonly localTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private started = false;

  constructor(
    private readonly repositories: WorkspaceRepositories,
    private readonly gate: TrustGate,
    private readonly pollIntervalSeconds: () => number,
    private readonly log: Logger,
  ) {
    super();
    this.scheduler = this._register(
      new PollScheduler({
        clock: systemClock,
        tick: () => this.tick(),
        getInterval: () => this.pollIntervalSeconds(),
        isFocused: () => vscode.window.state.focused,
        logger: log,
      }),
    );
    this._register(
      vscode.window.onDidChangeWindowState((state) => {
        // Regaining focus can start a poll at once.
        if (this.gate.allows('windowFocus')) {
          this.scheduler.setFocused(state.focused);
        }
      }),
    );
    this._register(repositories.onDidChangeRepositories(() => this.watchRepositories()));
    this._register(
      toDisposable(() => {
        for (const timer of this.localTimers.values()) {
          clearTimeout(timer);
        }
        for (const watcher of this.watchers.values()) {
          watcher.dispose();
        }
      }),
    );
  }

  /** Watches and polls from now on; refused while untrusted, when not even a watcher may exist. */
  start(entry: 'activation' | 'trustGranted'): void {
    if (this.started || !this.gate.allows(entry)) {
      return;
    }
    this.started = true;
    this.watchRepositories();
    this.scheduler.start();
  }

  /** A full refresh soon (explicit refresh, sign-in, settings change). */
  refreshNow(reason: string): void {
    this.scheduler.trigger(reason);
  }

  private async tick(): Promise<TickResult> {
    // The models are taken once: discovery during the refresh must not shift the pairing.
    const models = this.repositories.all;
    const results = await Promise.all(models.map((model) => this.repositories.refresh(model, 'full', 'monitorTick')));
    return tickResultOf(
      results.map((result, index) => ({
        connectionState: result?.snapshot.connection.state,
        limits: models[index]?.githubLimits(),
      })),
    );
  }

  private watchRepositories(): void {
    // Repositories found before start (or while untrusted) get watchers when the monitor starts.
    if (!this.started) {
      return;
    }
    const roots = new Set(this.repositories.all.map((m) => m.root));
    for (const [root, watcher] of this.watchers) {
      if (!roots.has(root)) {
        watcher.dispose();
        this.watchers.delete(root);
      }
    }
    for (const model of this.repositories.all) {
      if (!this.watchers.has(model.root)) {
        this.watchers.set(model.root, this.watch(model));
      }
    }
  }

  /** File-system events of one repository: working tree and the git metadata that matters. */
  private watch(model: RepositoryModel): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(model.root), '**'),
    );
    const onEvent = (uri: vscode.Uri): void => {
      // git prints the root with forward slashes even on Windows, where fsPath has backslashes.
      const relative = relativeInside(model.root, uri.fsPath);
      if (
        relative === undefined ||
        (relative.startsWith('.git/') && !/^\.git\/(HEAD|index|packed-refs|config|refs\/)/.test(relative))
      ) {
        return;
      }
      const entry = relative.startsWith('.git/') ? 'refChanged' : 'fileChanged';
      if (!this.gate.allows(entry)) {
        return;
      }
      if (relative === '.git/config') {
        model.invalidateRemote();
      }
      this.scheduleLocal(model, entry);
    };
    const subscriptions = [
      watcher,
      watcher.onDidChange(onEvent),
      watcher.onDidCreate(onEvent),
      watcher.onDidDelete(onEvent),
    ];
    return toDisposable(() => subscriptions.forEach((s) => s.dispose()));
  }

  private scheduleLocal(model: RepositoryModel, entry: 'fileChanged' | 'refChanged'): void {
    clearTimeout(this.localTimers.get(model.root));
    this.localTimers.set(
      model.root,
      setTimeout(() => {
        this.localTimers.delete(model.root);
        this.log.trace(`local refresh of ${model.root}`);
        void this.repositories.refresh(model, 'local', entry);
      }, LOCAL_DEBOUNCE_MS),
    );
  }
}
