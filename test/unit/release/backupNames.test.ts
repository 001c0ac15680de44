import * as assert from 'node:assert/strict';
import { backupTagMessage, nextBackupTagName, recentBackupOf } from '../../../src/core/release/backup';

const BASE = 'backup/production-20261128T100000Z';
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

describe('backup tag names', () => {
  it('uses the timestamp name when it is free, else the first free suffix from -2', () => {
    assert.equal(nextBackupTagName(BASE, new Set()), BASE);
    assert.equal(nextBackupTagName(BASE, new Set([BASE])), `${BASE}-2`);
    assert.equal(nextBackupTagName(BASE, new Set([BASE, `${BASE}-2`, `${BASE}-4`])), `${BASE}-3`);
  });

  it('gives up after twenty names', () => {
    const taken = new Set([BASE, ...Array.from({ length: 19 }, (_, i) => `${BASE}-${i + 2}`)]);
    assert.equal(nextBackupTagName(BASE, taken), undefined);
  });

  it('reuses only a backup of the same commit from the last minute', () => {
    const now = new Date('2026-11-28T10:00:30Z');
    const backups = [
      { tag: 'backup/production-new-other', sha: SHA_B, createdAt: '2026-11-28T10:00:20.000Z' },
      { tag: 'backup/production-recent', sha: SHA_A, createdAt: '2026-11-28T09:59:45.000Z' },
      { tag: 'backup/production-old', sha: SHA_A, createdAt: '2026-11-28T09:58:00.000Z' },
    ];
    assert.equal(recentBackupOf(backups, SHA_A, now)?.tag, 'backup/production-recent');
    assert.equal(recentBackupOf(backups.slice(2), SHA_A, now), undefined, 'older than a minute');
    assert.equal(recentBackupOf(backups, 'c'.repeat(40), now), undefined, 'another commit');
  });

  it('names the commit and the time in the tag message', () => {
    const message = backupTagMessage('main', SHA_A, 'Release 42', new Date('2026-11-28T10:00:00Z'));
    assert.match(message, new RegExp(`^Backup of production: main at ${SHA_A}`));
    assert.match(message, /\(Release 42\)/);
    assert.match(message, /Taken: 2026-11-28T10:00:00.000Z by EnvFlow/);
  });
});
