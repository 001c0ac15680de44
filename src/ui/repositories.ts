import * as vscode from 'vscode';
import type { RefreshKind, RefreshResult, RepositoryModel } from '../core/flow/repositoryModel';
import type { RepositorySnapshot } from '../core/model/snapshot';
import type { Logger } from '../core/log';
import { isInside } from '../core/util/paths';
import { Disposable } from '../util/disposable';
import type { EntryPoint } from './trust/entryPoints';
import type { TrustGate } from './trust/trustGate';

/** Builds the model of the repository holding a folder; undefined when it is not in one. */
export type ModelFactory = (folder: string) => Promise<RepositoryModel | undefined>;

export interface RepositoryChange {
  readonly model: RepositoryModel;
  readonly result: RefreshResult;
}

/**
 * The repositories of the workspace's folders and their models. Discovery and every
 * refresh run git, so each asks the trust gate itself: a caller that forgot to
 * still runs nothing in an untrusted workspace.
 */
export class WorkspaceRepositories extends Disposable {
  private readonly models = new Map<string, RepositoryModel>();
  private readonly inFlight = new Map<string, { kind: RefreshKind; run: Promise<RefreshResult | undefined> }>();
  private readonly _onDidRefresh = this._register(new vscode.EventEmitter<RepositoryChange>());
  readonly onDidRefresh = this._onDidRefresh.event;
  private readonly _onDidChangeRepositories = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeRepositories = this._onDidChangeRepositories.event;

  constructor(
    private readonly createModel: ModelFactory,
    private readonly gate: TrustGate,
    private readonly log: Logger,
  ) {
    super();
  }

  get all(): RepositoryModel[] {
    return [...this.models.values()];
  }

  snapshots(): RepositorySnapshot[] {
    return this.all.map((m) => m.snapshot).filter((s): s is RepositorySnapshot => s !== undefined);
  }

  /** The repository holding `uri`, else the one of the active editor, else the first. */
  pick(uri?: vscode.Uri): RepositoryModel | undefined {
    const path = uri?.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
    const holding = path
      ? this.all.filter((m) => isInside(m.root, path)).sort((a, b) => b.root.length - a.root.length)[0]
      : undefined;
    return holding ?? this.all[0];
  }

  /** Finds the repository of every workspace folder (one git process each). */
  async discover(entry: EntryPoint): Promise<void> {
    if (!this.gate.allows(entry)) {
      return;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = new Map<string, RepositoryModel>();
    for (const folder of folders) {
      if (folder.uri.scheme !== 'file') {
        continue;
      }
      const already = [...this.models.values()].find((m) => isInside(m.root, folder.uri.fsPath));
      const model =
        already ??
        (await this.createModel(folder.uri.fsPath).catch((error) => {
          this.log.warn(`no repository in ${folder.uri.fsPath}: ${String(error)}`);
          return undefined;
        }));
      if (model) {
        found.set(model.root, model);
      }
    }
    const changed = [...found.keys()].join('\n') !== [...this.models.keys()].join('\n');
    this.models.clear();
    for (const [root, model] of found) {
      this.models.set(root, model);
    }
    if (changed) {
      this._onDidChangeRepositories.fire();
    }
  }

  /** Refreshes every repository; concurrent calls for one repository share one run. */
  async refreshAll(kind: RefreshKind, entry: EntryPoint = 'refresh'): Promise<(RefreshResult | undefined)[]> {
    // Asked even with no repository yet, so the refusal is logged for the door that was tried.
    if (!this.gate.allows(entry)) {
      return [];
    }
    return Promise.all(this.all.map((model) => this.refresh(model, kind, entry)));
  }

  /** Refreshes one repository; resolves undefined without running git when `entry` is refused. */
  refresh(
    model: RepositoryModel,
    kind: RefreshKind,
    entry: EntryPoint = 'refresh',
  ): Promise<RefreshResult | undefined> {
    if (!this.gate.allows(entry)) {
      return Promise.resolve(undefined);
    }
    const running = this.inFlight.get(model.root);
    if (running) {
      // A local refresh cannot stand in for a full one: run the full one right after.
      return running.kind === 'full' || kind === 'local'
        ? running.run
        : running.run.then(() => this.refresh(model, kind, entry));
    }
    const run = model
      .refresh(kind)
      .then((result) => {
        this._onDidRefresh.fire({ model, result });
        return result;
      })
      .catch((error) => {
        this.log.error(`refresh of ${model.root} failed: ${String(error instanceof Error ? error.message : error)}`);
        return undefined;
      })
      .finally(() => this.inFlight.delete(model.root));
    this.inFlight.set(model.root, { kind, run });
    return run;
  }
}
