import * as assert from 'node:assert/strict';
import { forbiddenGit } from '../../support/releaseHarness';

/** The guard the release suites rely on must itself catch what it claims to. */
describe('the history-rewrite guard of the release suites', () => {
  it('flags every kind of force, hard reset, deletion and moved tag', () => {
    const forbidden = [
      ['push', '--force', 'origin', 'main'],
      ['push', '--force-with-lease', 'origin', 'main'],
      ['push', '-f', 'origin', 'main'],
      ['push', '-uf', 'origin', 'main'],
      ['push', 'origin', '+refs/heads/main:refs/heads/main'],
      ['push', 'origin', '+main'],
      ['fetch', 'origin', '+refs/heads/*:refs/heads/*'],
      ['push', '--delete', 'origin', 'backup/production-1'],
      ['push', '-d', 'origin', 'develop'],
      ['push', 'origin', ':refs/tags/backup/production-1'],
      ['reset', '--hard', 'origin/main'],
      ['tag', '-f', 'backup/production-1', 'HEAD'],
      ['tag', '--delete', 'backup/production-1'],
      ['update-ref', 'refs/heads/main', 'HEAD~1'],
      ['branch', '-f', 'main', 'HEAD~1'],
    ];
    assert.deepEqual(
      forbidden.filter((args) => forbiddenGit(args) === undefined),
      [],
    );
  });

  it("lets EnvFlow's own commands through", () => {
    const allowed = [
      ['fetch', '--end-of-options', 'origin', 'main'],
      ['push', '--set-upstream', '--end-of-options', 'origin', 'refs/heads/rollback/abc-1:refs/heads/rollback/abc-1'],
      ['push', '--end-of-options', 'origin', 'refs/tags/backup/production-1:refs/tags/backup/production-1'],
      [
        'tag',
        '--annotate',
        '--message=Backup of production: main at abc',
        '--end-of-options',
        'backup/production-1',
        'abc',
      ],
      ['revert', '--no-edit', '--mainline', '1', '--end-of-options', 'abc'],
      ['switch', '--no-track', '--create', 'rollback/abc-1', '--end-of-options', 'abc'],
    ];
    assert.deepEqual(
      allowed.map((args) => forbiddenGit(args)),
      allowed.map(() => undefined),
    );
  });
});
