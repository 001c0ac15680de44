import * as vscode from 'vscode';
import { ContextKeys, OUTPUT_CHANNEL_NAME, Views, type ViewState } from './constants';
import type { GitHubRemote } from './core/git/remote';
import type { GitRepository } from './core/git/repository';
import type { GitHubClient } from './core/github/client';
import { RepositoryModel } from './core/flow/repositoryModel';
import type { AlertEvent, EnvFlowApi, SnapshotChangeEvent } from './envflow';
import { historyReader } from './core/release/historyReader';
import { Presenter } from './core/usecases/presenter';
import type { RepositoryServices } from './core/usecases/services';
import { apiOrigin } from './core/util/origin';
import { GitHubAuth } from './ui/auth';
import { allCommands } from './ui/commands/allCommands';
import { CommandRegistry } from './ui/commands/registry';
import type { ViewServices } from './ui/commands/viewCommands';
import { signOutOfGitHub } from './ui/signOut';
import { TestRunner } from './ui/testing/testRunner';
import { affectsFlowConfig, readFlowConfig } from './ui/config';
import { Monitor } from './ui/monitor';
import type { EntryPoint } from './ui/trust/entryPoints';
import { TrustGate } from './ui/trust/trustGate';
import { JobLogDocuments } from './ui/jobLogDocuments';
import { ProposalDocuments } from './ui/proposals';
import { notify } from './ui/notifications';
import { WorkspaceRepositories, type RepositoryChange } from './ui/repositories';
import { EnvFlowStatusBar } from './ui/statusbar/statusBar';
import { warnIgnoredRestrictedSettings } from './ui/untrustedSettings';
import { TestRecordStore } from './ui/testRecords';
import { type EnvElement, EnvironmentsTreeProvider } from './ui/views/environmentsTree';
import { buildTree } from './ui/views/treeModel';
import { walkthroughProgress } from './ui/walkthrough';
import { Disposable } from './util/disposable';

/**
 * Composition root: builds every service, model and UI piece once and owns their
 * disposal (reverse order of construction). The constructor runs no git process and
 * opens no socket; `start()` does the first discovery after activation returned.
 */
export class Container extends Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly gate: TrustGate;
  readonly auth: GitHubAuth;
  readonly testRecords: TestRecordStore;
  readonly tree: EnvironmentsTreeProvider;
  readonly treeView: vscode.TreeView<EnvElement>;
  readonly statusBar: EnvFlowStatusBar;
  readonly repositories: WorkspaceRepositories;
  readonly monitor: Monitor;
  private readonly _onDidChangeSnapshot = this._register(new vscode.EventEmitter<SnapshotChangeEvent>());
  private readonly _onDidAlert = this._register(new vscode.EventEmitter<AlertEvent>());
  private readonly commands: CommandRegistry;
  private readonly gitByRoot = new Map<string, GitRepository>();
  private readonly clients = new Map<string, GitHubClient>();
  private started = false;
  private readonly walkthrough = walkthroughProgress();
  private toldRestrictedSettings = false;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    this.log = this._register(vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true }));
    this.gate = this._register(new TrustGate(this.log));
    this.auth = this._register(
      new GitHubAuth({
        secrets: context.secrets,
        memento: context.globalState,
        log: this.log,
        acceptTokenArgument: context.extensionMode === vscode.ExtensionMode.Test,
      }),
    );
    this.testRecords = new TestRecordStore(context.workspaceState);
    this.tree = this._register(new EnvironmentsTreeProvider());
    this.treeView = this._register(
      vscode.window.createTreeView(Views.environments, { treeDataProvider: this.tree, showCollapseAll: true }),
    );
    this.statusBar = this._register(new EnvFlowStatusBar());
    this.repositories = this._register(
      new WorkspaceRepositories((folder) => this.createModel(folder), this.gate, this.log),
    );
    this.monitor = this._register(
      new Monitor(this.repositories, this.gate, () => readFlowConfig().pollInterval, this.log),
    );
    this._register(this.repositories.onDidRefresh((change) => this.render(change)));
    this._register(this.treeView.onDidExpandElement((e) => this.showPullRequestDetails(e.element, true)));
    this._register(this.treeView.onDidCollapseElement((e) => this.showPullRequestDetails(e.element, false)));
    this._register(this.repositories.onDidChangeRepositories(() => this.render()));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.renderStatusBar()));
    this._register(this.auth.onDidChange(() => this.onAuthChanged()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsFlowConfig(e) && this.gate.allows('settingsChanged')) {
          this.repositories.all.forEach((m) => m.invalidateRemote());
          this.monitor.refreshNow('settings changed');
        }
      }),
    );
    // Folders change without a restart in a multi-root window: discovery would run git in them.
    this._register(
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        const entry = e.added.length ? 'foldersAdded' : 'foldersRemoved';
        if (this.gate.allows(entry) && this.started) {
          void this.discover(entry);
        }
      }),
    );
    this._register(this.gate.onDidGrantTrust(() => void this.start('trustGranted')));
    this.commands = this.registerCommands();
    this.setState('loading');
  }

  /** Discovery and the first refresh; in an untrusted workspace nothing runs until trust is granted. */
  async start(entry: 'activation' | 'trustGranted' = 'activation'): Promise<void> {
    if (this.started || this.isDisposed) {
      return;
    }
    if (!this.gate.allows(entry)) {
      void this.sayRestrictedSettingsIgnored();
      return;
    }
    this.started = true;
    await this.discover(entry);
    this.monitor.start(entry);
  }

  /** Once per window: a folder's own testCommand / apiUrl are ignored while untrusted, and the user is told. */
  private async sayRestrictedSettingsIgnored(): Promise<void> {
    if (this.toldRestrictedSettings) {
      return;
    }
    this.toldRestrictedSettings = true;
    const message = await warnIgnoredRestrictedSettings(this.log);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (message && root && !this.isDisposed) {
      this._onDidAlert.fire({ root, kind: 'restrictedSettingsIgnored', severity: 'warning', message });
    }
  }

  private async discover(entry: EntryPoint): Promise<void> {
    await this.repositories.discover(entry);
    const found = this.repositories.all.length > 0;
    this.setState(found ? 'ready' : 'noRepository');
    void vscode.commands.executeCommand('setContext', ContextKeys.hasRepository, found);
  }

  private async createModel(folder: string): Promise<RepositoryModel | undefined> {
    const { openRepository } = await import('./core/git/repository.js');
    const git = await openRepository(folder, this.gitOptions());
    if (!git) {
      return undefined;
    }
    this.gitByRoot.set(git.root, git);
    const scope = vscode.Uri.file(git.root);
    return new RepositoryModel({
      git,
      config: () => readFlowConfig(scope),
      connect: (remote) => this.connect(remote),
      testRecord: () => this.testRecords.get(git.root),
      logger: this.log,
    });
  }

  /** How every git process of EnvFlow is started: one place, so all of them honour `git.path`. */
  gitOptions(): { logger: vscode.LogOutputChannel; gitPath?: string } {
    return { logger: this.log, gitPath: configuredGitPath() };
  }

  /** The git repository behind a model: commands act through it. */
  gitOf(model: RepositoryModel): GitRepository {
    const git = this.gitByRoot.get(model.root);
    if (!git) {
      throw new Error(`No git repository is open at ${model.root}.`);
    }
    return git;
  }

  /**
   * The GitHub client for a model's repository, shared with its refreshes (one ETag
   * cache, one view of the rate limit); undefined when local-only or signed out.
   */
  async githubFor(
    model: RepositoryModel,
  ): Promise<{ client: GitHubClient; remote: GitHubRemote } | { reason: string }> {
    const remote = await model.githubRemote();
    if (!('owner' in remote)) {
      return remote;
    }
    const client = await this.connect(remote);
    return client ? { client, remote } : { reason: 'Sign in to GitHub first (EnvFlow: Sign in to GitHub).' };
  }

  /** A GitHub client for the remote, with the token issued for exactly that API origin. */
  private async connect(remote: GitHubRemote): Promise<GitHubClient | undefined> {
    const token = await this.auth.getToken(remote.apiUrl);
    void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, token !== undefined);
    if (!token || token.origin !== apiOrigin(remote.apiUrl)) {
      return undefined;
    }
    // The token is part of the key so signing in as someone else gets a fresh client.
    const key = `${remote.apiUrl}|${remote.owner}/${remote.repo}|${token.token}`;
    let client = this.clients.get(key);
    if (!client) {
      const { GitHubClient } = await import('./core/github/client.js');
      client = new GitHubClient({
        apiUrl: remote.apiUrl,
        owner: remote.owner,
        repo: remote.repo,
        token: token.token,
        logger: this.log,
      });
      this.clients.clear();
      this.clients.set(key, client);
      this.log.info(`GitHub client for ${remote.owner}/${remote.repo} at ${remote.apiUrl} (${token.source} token)`);
    }
    return client;
  }

  /** The open PRs' checks load while their row is expanded, and stop loading when collapsed. */
  private showPullRequestDetails(element: EnvElement, shown: boolean): void {
    const id = element.data.id;
    if (!id.endsWith('development/pullRequests')) {
      return;
    }
    const model = this.repositories.all.find((m) => id === 'development/pullRequests' || id.startsWith(`${m.root}|`));
    if (model) {
      model.setPullRequestDetails(shown);
      if (shown) {
        void this.repositories.refresh(model, 'full', 'treeExpand');
      }
    }
  }

  private onAuthChanged(): void {
    if (!this.gate.allows('sessionsChanged')) {
      return;
    }
    this.repositories.all.forEach((m) => m.invalidateConnection());
    this.monitor.refreshNow('sign-in changed');
  }

  private render(change?: RepositoryChange): void {
    const snapshots = this.repositories.snapshots();
    this.tree.update(buildTree(snapshots, Date.now()));
    const failing = snapshots.filter(
      (s) =>
        s.production.deployment?.state === 'failure' ||
        s.production.deployment?.state === 'error' ||
        s.development.checks?.state === 'failing',
    ).length;
    this.treeView.badge = failing
      ? { value: failing, tooltip: `${failing} environment${failing === 1 ? '' : 's'} failing` }
      : undefined;
    this.renderStatusBar();
    this.walkthrough.update(snapshots);
    if (change) {
      this._onDidChangeSnapshot.fire({ root: vscode.Uri.file(change.model.root), snapshot: change.result.snapshot });
      if (change.result.transitions.length) {
        const root = vscode.Uri.file(change.model.root);
        const name = this.repositories.all.length > 1 ? basename(change.model.root) : '';
        void notify(change.result.transitions, name, new Presenter(readFlowConfig(root)), (notice, transition) => {
          this.log.info(`alert ${transition.kind}: ${notice.message}`);
          this._onDidAlert.fire({ root, kind: transition.kind, severity: notice.severity, message: notice.message });
        });
      }
    }
  }

  private renderStatusBar(): void {
    this.statusBar.show(this.repositories.pick()?.snapshot);
  }

  private setState(state: ViewState): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.state, state);
  }

  private registerCommands(): CommandRegistry {
    const registry = this._register(
      new CommandRegistry({
        logger: this.log,
        allowsCommand: (id) => this.gate.allowsCommand(id),
        repository: () => {
          const model = this.repositories.pick();
          return model && this.servicesOf(model);
        },
        presenter: (root) => new Presenter(readFlowConfig(root ? vscode.Uri.file(root) : undefined)),
      }),
    );
    const runner = this._register(new TestRunner());
    for (const spec of allCommands({
      view: this.viewServices(),
      runner,
      proposals: this._register(new ProposalDocuments()),
      jobLogs: this._register(new JobLogDocuments()),
      logger: this.log,
    })) {
      this._register(registry.register(spec));
    }
    return registry;
  }

  /** What a command may use of one repository: built per run, so it reads the settings of that moment. */
  private servicesOf(model: RepositoryModel): RepositoryServices {
    const git = this.gitOf(model);
    return {
      root: model.root,
      git,
      config: readFlowConfig(vscode.Uri.file(model.root)),
      history: historyReader(git.root, this.gitOptions()),
      refresh: async (kind) => (await this.repositories.refresh(model, kind))?.snapshot ?? model.snapshot,
      lastSnapshot: () => model.snapshot,
      github: async () => {
        const target = await this.githubFor(model);
        return 'reason' in target ? target : target.client;
      },
      testRecord: () => this.testRecords.get(model.root),
      saveTestRecord: (record) => this.testRecords.set(model.root, record),
      pollSoon: (reason) => this.monitor.refreshNow(reason),
      recheckChecks: () => model.recheckChecks(),
      now: () => new Date(),
    };
  }

  private viewServices(): ViewServices {
    return {
      start: () => this.start(),
      refreshAll: async (kind, after) => {
        await this.repositories.refreshAll(kind, after);
      },
      signIn: async (token) => {
        const root = this.repositories.pick()?.root;
        return (
          (await this.auth.signIn(readFlowConfig(root ? vscode.Uri.file(root) : undefined).apiUrl, token)) !== undefined
        );
      },
      signOut: () => signOutOfGitHub(this.auth, readFlowConfig().apiUrl),
      forgetConnections: () => this.repositories.all.forEach((m) => m.invalidateConnection()),
      showLog: () => this.log.show(),
      snapshot: () => this.repositories.pick()?.snapshot,
      revealProduction: async () => {
        const [node] = this.tree.findNode((n) => n.id.endsWith('production/deployment'));
        const element = node && this.tree.element(node.id);
        if (element) {
          await this.treeView.reveal(element, { select: true, focus: true, expand: true });
        }
      },
    };
  }

  api(activationMs: number): EnvFlowApi {
    return {
      version: 1,
      activationMs,
      // Another extension may call at any time: only what is already known, never a git read.
      getSnapshot: (folder?: vscode.Uri) =>
        this.gate.allows('api') ? this.repositories.pick(folder)?.snapshot : undefined,
      onDidChangeSnapshot: this._onDidChangeSnapshot.event,
      onDidAlert: this._onDidAlert.event,
      onDidRunCommand: this.commands.onDidRun,
    };
  }
}

/**
 * The git binary VS Code's git extension is told to use (`git.path`, machine-scoped so a
 * workspace cannot set it); default: `git` on PATH.
 */
function configuredGitPath(): string | undefined {
  const value = vscode.workspace.getConfiguration('git').get<string | string[] | null>('path');
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
