/**
 * The kinds of failure every layer switches on: the git runner and the GitHub client
 * produce them, the snapshot carries them, the UI picks its sentence and its way out by
 * them. Here, in the leaf, so none of those layers has to import another to name one.
 */

/** Why talking to GitHub failed; declared with the snapshot, which the public API ships whole. */
export type { GitHubErrorKind } from './snapshot';

/** Why a git command failed, read once from git's stderr by the git runner. */
export type GitErrorCode =
  | 'NotARepository'
  | 'InvalidRef'
  | 'IndexLocked'
  | 'PushRejected'
  | 'RemoteUnreachable'
  | 'AuthenticationFailed'
  | 'Conflict'
  | 'LocalChangesOverwritten'
  | 'BranchExists'
  | 'TagExists'
  | 'NoUpstream'
  | 'NothingToCommit'
  | 'Unknown';
