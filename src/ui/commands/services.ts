import type * as vscode from 'vscode';
import type { RepositoryModel } from '../../core/flow/repositoryModel';
import type { GitHubRemote } from '../../core/git/remote';
import type { GitRepository } from '../../core/git/repository';
import type { GitHubClient } from '../../core/github/client';
import type { GitHubAuth } from '../auth';
import type { Monitor } from '../monitor';
import type { WorkspaceRepositories } from '../repositories';
import type { TestRecordStore } from '../testRecords';
import type { EnvElement, EnvironmentsTreeProvider } from '../views/environmentsTree';

/**
 * What a command may use of the running extension. The container implements it and
 * hands itself to each command; commands import this, never the container, so the
 * composition root is the only module that knows both sides.
 */
export interface CommandServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly auth: GitHubAuth;
  readonly testRecords: TestRecordStore;
  readonly tree: EnvironmentsTreeProvider;
  readonly treeView: vscode.TreeView<EnvElement>;
  readonly repositories: WorkspaceRepositories;
  readonly monitor: Monitor;
  /** Discovery and the first refresh (again, after trust was granted). */
  start(): Promise<void>;
  /** How every git process of EnvFlow is started, `git.path` included. */
  gitOptions(): { logger: vscode.LogOutputChannel; gitPath?: string };
  /** The git repository behind a model. */
  gitOf(model: RepositoryModel): GitRepository;
  /** The GitHub client for a model's repository, or why there is none. */
  githubFor(model: RepositoryModel): Promise<{ client: GitHubClient; remote: GitHubRemote } | { reason: string }>;
}
