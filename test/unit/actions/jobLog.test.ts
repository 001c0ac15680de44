import * as assert from 'node:assert/strict';
import { readableJobLog } from '../../../src/core/actions/jobLog';

describe('readableJobLog', () => {
  it('drops runner timestamps, colour codes and trailing blank lines; keeps CRLF logs line for line', () => {
    const raw = '\uFEFF2026-11-28T10:00:00.1234567Z \u001b[32mok\u001b[0m\r\n2026-11-28T10:00:01Z done\r\n\r\n';
    assert.deepEqual(readableJobLog(raw), { text: 'ok\ndone' });
  });

  it('opens at the earliest sign of failure, not at the runner’s closing exit-code line', () => {
    const log = readableJobLog(
      ['build', 'error[E0308]: mismatched types', 'more', '##[error]Process completed with exit code 101.'].join('\n'),
    );
    assert.equal(log.firstErrorLine, 1);
  });

  it('recognises test runners’ failure lines', () => {
    for (const line of [
      'FAIL src/cart.test.ts',
      'not ok 3 - discount',
      'Traceback (most recent call last):',
      '--- 2 failed, 10 passed ---',
      '✗ applies the discount',
    ]) {
      assert.equal(readableJobLog(`start\n${line}\nend`).firstErrorLine, 1, line);
    }
  });

  it('finds nothing in a clean log, and does not take a group header for an error', () => {
    assert.equal(readableJobLog('##[group]Run npm test -- --reporter=error\n12 passing').firstErrorLine, undefined);
  });
});
