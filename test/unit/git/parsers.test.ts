import * as assert from 'node:assert/strict';
import { backupsFrom, backupTagName, parseRefs } from '../../../src/core/git/refs';
import { parseCommits } from '../../../src/core/git/state';
import { parseStatus } from '../../../src/core/git/status';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

describe('parseStatus (porcelain v2)', () => {
  it('reads branch, upstream, ahead/behind and every kind of change', () => {
    const output = [
      `# branch.oid ${A}`,
      '# branch.head feature/x',
      '# branch.upstream origin/feature/x',
      '# branch.ab +2 -3',
      `1 M. N... 100644 100644 100644 ${A} ${B} staged only.txt`,
      `1 .M N... 100644 100644 100644 ${A} ${A} unstaged.txt`,
      `1 MM N... 100644 100644 100644 ${A} ${B} both.txt`,
      `1 .D N... 100644 100644 000000 ${A} ${A} deleted.txt`,
      `2 R. N... 100644 100644 100644 ${A} ${A} R100 new name.txt`,
      'old name.txt',
      `u UU N... 100644 100644 100644 100644 ${A} ${B} ${C} conflict.txt`,
      '? new file.txt',
      '! ignored.log',
      '',
    ].join('\0');
    assert.deepEqual(parseStatus(output), {
      branch: 'feature/x',
      detached: false,
      headSha: A,
      upstream: 'origin/feature/x',
      aheadOfUpstream: 2,
      behindUpstream: 3,
      changes: { staged: 3, unstaged: 3, untracked: 1, conflicted: 1 },
      worktreePaths: ['unstaged.txt', 'both.txt', 'conflict.txt', 'new file.txt'],
    });
  });

  it('reads an unborn branch and a detached HEAD', () => {
    const unborn = parseStatus('# branch.oid (initial)\0# branch.head main\0');
    assert.equal(unborn.headSha, undefined);
    assert.equal(unborn.branch, 'main');
    const detached = parseStatus(`# branch.oid ${A}\0# branch.head (detached)\0`);
    assert.equal(detached.detached, true);
    assert.equal(detached.branch, undefined);
    assert.equal(detached.headSha, A);
  });
});

describe('parseRefs and backupsFrom', () => {
  const line = (...fields: string[]): string => fields.join('\0');
  const output = [
    line('refs/heads/develop', '', A, '', 'Add login', '', '2026-11-28T10:00:00+01:00', '', 'Ada', '', ''),
    line(
      'refs/remotes/origin/HEAD',
      'refs/remotes/origin/main',
      B,
      '',
      'x',
      '',
      '2026-11-28T09:00:00Z',
      '',
      'Ada',
      '',
      '',
    ),
    line(
      'refs/tags/backup/production-20261128T100000Z',
      '',
      C,
      B,
      'Backup',
      'Main head',
      '',
      '2026-11-27T08:00:00Z',
      '',
      'Bob',
      '2026-11-28T10:00:05Z',
    ),
    line(
      'refs/tags/backup/production-20261129T120000Z',
      '',
      A,
      '',
      'Light',
      '',
      '2026-11-20T00:00:00Z',
      '',
      'Ada',
      '',
      '',
    ),
    'garbage',
    '',
  ].join('\n');

  it('keeps branches and tags, peels annotated tags and drops symbolic refs', () => {
    assert.deepEqual(parseRefs(output), [
      { name: 'refs/heads/develop', sha: A, subject: 'Add login', date: '2026-11-28T09:00:00.000Z', author: 'Ada' },
      {
        name: 'refs/tags/backup/production-20261128T100000Z',
        sha: C,
        peeledSha: B,
        subject: 'Main head',
        date: '2026-11-27T08:00:00.000Z',
        author: 'Bob',
        taggerDate: '2026-11-28T10:00:05.000Z',
      },
      {
        name: 'refs/tags/backup/production-20261129T120000Z',
        sha: A,
        subject: 'Light',
        date: '2026-11-20T00:00:00.000Z',
        author: 'Ada',
      },
    ]);
  });

  it('lists backups newest first, dated by tagger date or else by the name', () => {
    assert.deepEqual(backupsFrom(parseRefs(output)), [
      { tag: 'backup/production-20261129T120000Z', sha: A, createdAt: '2026-11-29T12:00:00.000Z' },
      { tag: 'backup/production-20261128T100000Z', sha: B, createdAt: '2026-11-28T10:00:05.000Z' },
    ]);
  });

  it('names a backup tag after a UTC moment in a ref-safe form', () => {
    assert.equal(backupTagName(new Date('2026-11-28T10:00:00.123Z')), 'backup/production-20261128T100000Z');
  });
});

describe('parseCommits', () => {
  it('reads NUL-separated commits and skips noise', () => {
    assert.deepEqual(parseCommits(`${A}\0Fix it\0Ada\x002026-11-28T10:00:00+00:00\nnot a commit\n`), [
      { sha: A, subject: 'Fix it', author: 'Ada', date: '2026-11-28T10:00:00.000Z' },
    ]);
  });
});
