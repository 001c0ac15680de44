import * as assert from 'node:assert/strict';
import { redact } from '../../src/core/log';

describe('redact', () => {
  it('hides credentials embedded in remote URLs', () => {
    assert.equal(redact('fetch https://user:s3cret@github.com/o/r.git failed'), 'fetch https://***@github.com/o/r.git failed');
  });

  it('hides GitHub token shapes', () => {
    const token = 'ghp_' + 'a'.repeat(36);
    assert.equal(redact(`token ${token} rejected`), 'token *** rejected');
    assert.equal(redact(`github_pat_${'B'.repeat(40)}`), '***');
  });

  it('hides authorization headers', () => {
    assert.equal(redact('authorization: token abc123'), 'authorization: token ***');
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('feature/login is 2 ahead of develop'), 'feature/login is 2 ahead of develop');
  });
});
