/**
 * Typed git failures. `getGitErrorCode` is the only place in EnvFlow that reads git's
 * stderr; everything above works with codes and the friendly sentence.
 */

import * as l10n from '@vscode/l10n';
import type { GitErrorCode } from '../model/errorKinds';

export type { GitErrorCode };

/**
 * One sentence per code, written for the person at the keyboard in their language
 * (looked up when the error is made, so a function rather than a table).
 */
export function gitErrorMessage(code: GitErrorCode): string {
  switch (code) {
    case 'NotARepository':
      return l10n.t('This folder is not inside a git repository.');
    case 'InvalidRef':
      return l10n.t('That branch, tag or commit name is not valid or does not exist.');
    case 'IndexLocked':
      return l10n.t(
        'Another git process is running in this repository (.git/index.lock exists); wait for it to finish, or delete the lock file if no git process is running.',
      );
    case 'PushRejected':
      return l10n.t(
        'The push was rejected because the remote branch has commits you do not have; pull or rebase, then push again (EnvFlow never force-pushes).',
      );
    case 'RemoteUnreachable':
      return l10n.t('The remote repository could not be reached; check the network and the remote URL.');
    case 'AuthenticationFailed':
      return l10n.t('Git could not authenticate with the remote; sign in again or check your credentials.');
    case 'Conflict':
      return l10n.t('Git stopped on a conflict; resolve the conflicted files, then continue or abort the operation.');
    case 'LocalChangesOverwritten':
      return l10n.t('Your local changes would be overwritten; commit or stash them first.');
    case 'BranchExists':
      return l10n.t('A branch with that name already exists.');
    case 'TagExists':
      return l10n.t('A tag with that name already exists, and EnvFlow never moves a tag.');
    case 'NoUpstream':
      return l10n.t('This branch has no upstream branch; push it with an upstream first.');
    case 'NothingToCommit':
      return l10n.t('There is nothing to commit.');
    case 'Unknown':
      return l10n.t('Git failed.');
  }
}

/** A git failure with a code callers can switch on and a sentence they can show. */
export class GitError extends Error {
  override readonly name = 'GitError';
  /** git's stderr, already redacted, for the log (never shown as the message). */
  readonly stderr?: string;
  /** The git arguments that failed, for the log. */
  readonly args?: string[];

  constructor(
    readonly code: GitErrorCode,
    message: string = gitErrorMessage(code),
    details: { stderr?: string; args?: readonly string[] } = {},
  ) {
    super(message);
    this.stderr = details.stderr;
    this.args = details.args ? [...details.args] : undefined;
  }
}

// Ordered: the first match wins, so the specific causes come before the generic ones
// (an SSH "Permission denied" also prints "Could not read from remote repository").
const stderrPatterns: readonly (readonly [GitErrorCode, RegExp])[] = [
  ['IndexLocked', /index\.lock'?: File exists|Another git process seems to be running|Unable to create '[^']*\.lock'/i],
  ['NotARepository', /not a git repository/i],
  [
    'AuthenticationFailed',
    /Authentication failed|could not read (Username|Password)|terminal prompts disabled|Permission denied \(publickey|Invalid username or password|The requested URL returned error: 40[13]/i,
  ],
  ['TagExists', /tag '[^']*' already exists|\[rejected\][^\n]*\(already exists\)/i],
  [
    'PushRejected',
    /\[rejected\][^\n]*\((non-fast-forward|fetch first)\)|Updates were rejected because|failed to push some refs/i,
  ],
  [
    'RemoteUnreachable',
    /Could not resolve host|unable to access|Could not read from remote repository|does not appear to be a git repository|Connection (refused|timed out)|repository '[^']*' not found|unable to connect/i,
  ],
  [
    'LocalChangesOverwritten',
    /Your local changes to the following files would be overwritten|untracked working tree files would be (overwritten|removed)/i,
  ],
  ['BranchExists', /a branch named '[^']*' already exists/i],
  ['NoUpstream', /has no upstream branch|no upstream configured|There is no tracking information/i],
  [
    'Conflict',
    /CONFLICT \(|Automatic merge failed|could not (revert|apply)|after resolving the conflicts|you need to resolve your current index first|needs merge|unmerged files/i,
  ],
  [
    'NothingToCommit',
    /nothing to commit|nothing added to commit|no changes added to commit|previous cherry-pick is now empty/i,
  ],
  [
    'InvalidRef',
    /is not a valid (branch|tag)? ?name|not a valid ref|invalid reference|unknown revision|bad revision|ambiguous argument|not a valid object name|Needed a single revision|couldn't find remote ref|src refspec .* does not match any|invalid upstream|not a commit/i,
  ],
];

/** Maps git's stderr to a GitErrorCode; `Unknown` when nothing matches. */
export function getGitErrorCode(stderr: string): GitErrorCode {
  for (const [code, pattern] of stderrPatterns) {
    if (pattern.test(stderr)) {
      return code;
    }
  }
  return 'Unknown';
}
