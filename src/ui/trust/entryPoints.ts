import { Commands, type CommandId } from '../../constants';

/**
 * Every way EnvFlow can be made to do something, named so the trust gate can refuse
 * each one while the workspace is untrusted. A new entry point starts here: the
 * compiler then asks every path to git, to a workspace command or to a
 * workspace-controlled setting which door it came through.
 */
export type EntryPoint =
  /** The first discovery and refresh after activation. */
  | 'activation'
  /** Workspace folders added or removed (File → Add Folder, or `updateWorkspaceFolders` from any extension). */
  | 'foldersAdded'
  | 'foldersRemoved'
  | 'settingsChanged'
  /** A file of a repository's working tree changed on disk. */
  | 'fileChanged'
  /** HEAD, the index, a ref or `.git/config` changed. */
  | 'refChanged'
  | `command:${CommandId}`
  | 'monitorTick'
  /** The refresh after the Sign In / Sign Out commands stored or forgot a token. */
  | 'signIn'
  | 'signOut'
  /** A GitHub session or a stored token changed elsewhere (the Accounts menu, another window). */
  | 'sessionsChanged'
  | 'windowFocus'
  /** A row of the Environments view expanded (the open pull requests' checks load). */
  | 'treeExpand'
  /** The exported API, called by another extension. */
  | 'api'
  | 'trustGranted'
  /**
   * A refresh asked for by a path that passed its own entry check already (a command):
   * the repositories re-check it, so a caller that forgot its check still runs no git.
   */
  | 'refresh';

/**
 * Commands that run in an untrusted workspace: they read no repository, run no
 * program and read no workspace-controlled setting (sign-in uses the user's own
 * `github.apiUrl`, VS Code drops a folder's value). Their refreshes still pass the gate.
 * Every other command, including any added later, needs trust.
 */
const COMMANDS_WITHOUT_TRUST: ReadonlySet<CommandId> = new Set([
  Commands.showOutput,
  Commands.signIn,
  Commands.signOut,
  Commands.openOnGitHub,
  Commands.showChecks,
  Commands.showProduction,
]);

export function commandNeedsTrust(id: CommandId): boolean {
  return !COMMANDS_WITHOUT_TRUST.has(id);
}
