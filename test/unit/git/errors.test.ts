import * as assert from 'node:assert/strict';
import { GitError, getGitErrorCode, gitErrorMessage, type GitErrorCode } from '../../../src/core/git/errors';

// Real stderr captured from git 2.39 (and GitHub's remote messages).
const samples: [GitErrorCode, string][] = [
  ['NotARepository', 'fatal: not a git repository (or any of the parent directories): .git'],
  [
    'IndexLocked',
    "fatal: Unable to create '/tmp/r/.git/index.lock': File exists.\n\nAnother git process seems to be running in this repository, e.g.\nan editor opened by 'git commit'.",
  ],
  [
    'PushRejected',
    "To ../origin.git\n ! [rejected]        develop -> develop (fetch first)\nerror: failed to push some refs to '../origin.git'\nhint: Updates were rejected because the remote contains work that you do",
  ],
  ['PushRejected', ' ! [rejected]        main -> main (non-fast-forward)\nerror: failed to push some refs to'],
  [
    'TagExists',
    " ! [rejected]        backup/production-1 -> backup/production-1 (already exists)\nerror: failed to push some refs to 'o'",
  ],
  ['TagExists', "fatal: tag 'v1' already exists"],
  ['RemoteUnreachable', "fatal: unable to access 'https://github.com/o/r.git/': Could not resolve host: github.com"],
  [
    'RemoteUnreachable',
    "fatal: '/nope' does not appear to be a git repository\nfatal: Could not read from remote repository.",
  ],
  ['AuthenticationFailed', "fatal: could not read Username for 'https://github.com': terminal prompts disabled"],
  [
    'AuthenticationFailed',
    'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.',
  ],
  [
    'AuthenticationFailed',
    "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/o/r.git/'",
  ],
  [
    'Conflict',
    'error: could not revert 1234567... change\nhint: after resolving the conflicts, mark the corrected paths',
  ],
  [
    'Conflict',
    'CONFLICT (content): Merge conflict in a.txt\nAutomatic merge failed; fix conflicts and then commit the result.',
  ],
  [
    'LocalChangesOverwritten',
    'error: Your local changes to the following files would be overwritten by checkout:\n\ta.txt\nPlease commit your changes or stash them before you switch branches.',
  ],
  [
    'LocalChangesOverwritten',
    'error: The following untracked working tree files would be overwritten by checkout:\n\tb.txt',
  ],
  ['BranchExists', "fatal: a branch named 'feature/x' already exists"],
  ['NoUpstream', 'fatal: The current branch feature/x has no upstream branch.'],
  ['NoUpstream', 'There is no tracking information for the current branch.'],
  ['NothingToCommit', 'nothing to commit, working tree clean'],
  ['InvalidRef', 'fatal: invalid reference: nope'],
  ['InvalidRef', "fatal: ambiguous argument 'nope': unknown revision or path not in the working tree."],
  ['InvalidRef', 'fatal: Not a valid object name nope'],
  ['InvalidRef', "fatal: couldn't find remote ref nope"],
  ['InvalidRef', 'error: src refspec nope does not match any'],
  ['Unknown', 'fatal: something nobody expected'],
  ['Unknown', ''],
];

describe('getGitErrorCode', () => {
  for (const [code, stderr] of samples) {
    it(`reads ${code} from ${JSON.stringify(stderr.split('\n')[0]!.slice(0, 60))}`, () => {
      assert.equal(getGitErrorCode(stderr), code);
    });
  }
});

describe('GitError', () => {
  it('defaults to the friendly sentence of its code and keeps the details', () => {
    const error = new GitError('IndexLocked', undefined, { stderr: 'x', args: ['commit'] });
    assert.equal(error.message, gitErrorMessage('IndexLocked'));
    assert.match(error.message, /index\.lock exists/);
    assert.equal(error.code, 'IndexLocked');
    assert.equal(error.stderr, 'x');
    assert.deepEqual(error.args, ['commit']);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'GitError');
  });

  it('has one sentence for every code', () => {
    const codes: GitErrorCode[] = [
      'NotARepository',
      'InvalidRef',
      'IndexLocked',
      'PushRejected',
      'RemoteUnreachable',
      'AuthenticationFailed',
      'Conflict',
      'LocalChangesOverwritten',
      'BranchExists',
      'TagExists',
      'NoUpstream',
      'NothingToCommit',
      'Unknown',
    ];
    for (const code of codes) {
      assert.match(gitErrorMessage(code), /^[A-Z][^\n]*\.$/, code);
    }
  });
});
