import * as assert from 'node:assert/strict';
import { describeCounts, formatDuration, judgeRun, type FinishedRun } from '../../../src/core/testing/verdict';

const head = 'a'.repeat(40);
const tree = { head, fingerprint: `clean:${head}` };
const run = (overrides: Partial<FinishedRun> = {}): FinishedRun => ({
  command: 'npm test',
  before: tree,
  after: tree,
  exitCode: 0,
  cancelled: false,
  counts: { passed: 3 },
  durationMs: 1234,
  finishedAt: new Date('2025-01-02T03:04:05.000Z'),
  ...overrides,
});

describe('judgeRun', () => {
  it('records a pass for the commit and tree the run started on', () => {
    assert.deepEqual(judgeRun(run()), {
      kind: 'recorded',
      record: {
        outcome: 'passed',
        commit: head,
        treeFingerprint: `clean:${head}`,
        command: 'npm test',
        passed: 3,
        durationMs: 1234,
        finishedAt: '2025-01-02T03:04:05.000Z',
      },
    });
  });

  it('records a failure by exit code, whatever the counts say', () => {
    const verdict = judgeRun(run({ exitCode: 1, counts: { passed: 3, failed: 0 } }));
    assert.equal(verdict.kind === 'recorded' && verdict.record.outcome, 'failed');
    const killed = judgeRun(run({ exitCode: undefined, signal: 'SIGKILL' }));
    assert.equal(killed.kind === 'recorded' && killed.record.outcome, 'failed');
  });

  it('records nothing for a cancel, a command that could not run or an unknown exit', () => {
    assert.equal(reason(run({ cancelled: true, exitCode: undefined, signal: 'SIGTERM' })), 'cancelled');
    assert.equal(reason(run({ exitCode: 127 })), 'couldNotStart');
    assert.equal(reason(run({ exitCode: 126 })), 'couldNotStart');
    assert.equal(reason(run({ exitCode: undefined, startError: 'spawn /bin/sh ENOENT' })), 'couldNotStart');
    assert.equal(reason(run({ exitCode: undefined })), 'unknownExit');
  });

  it('records nothing when HEAD or the files changed during the run, and says why', () => {
    const moved = judgeRun(run({ after: { head: 'b'.repeat(40), fingerprint: `clean:${'b'.repeat(40)}` } }));
    assert.equal(moved.kind === 'notRecorded' && moved.reason, 'headMoved');
    const edited = judgeRun(run({ exitCode: 1, after: { head, fingerprint: 'dirty:123' } }));
    assert.ok(edited.kind === 'notRecorded');
    assert.equal(edited.reason, 'filesChanged');
    assert.equal(edited.outcome, 'failed');
    assert.match(edited.message, /files changed during the run/);
  });

  it('records nothing on a branch without a commit', () => {
    assert.equal(
      reason(run({ before: { fingerprint: 'clean:unborn' }, after: { fingerprint: 'clean:unborn' } })),
      'noCommit',
    );
  });
});

describe('describeCounts and formatDuration', () => {
  it('leaves out unknown counts and zero failures beside passes', () => {
    assert.equal(describeCounts({ passed: 3, failed: 0, skipped: 1 }), '3 passed, 1 skipped');
    assert.equal(describeCounts({ passed: 3, failed: 2 }), '3 passed, 2 failed');
    assert.equal(describeCounts({ failed: 0 }), '0 failed');
    assert.equal(describeCounts({}), '');
  });

  it('formats durations for a sentence', () => {
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(12_340), '12.3 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
  });
});

function reason(finished: FinishedRun): string | undefined {
  const verdict = judgeRun(finished);
  return verdict.kind === 'notRecorded' ? verdict.reason : undefined;
}
