import * as assert from 'node:assert/strict';
import { redact } from '../../src/core/log';

describe('redact', () => {
  it('hides credentials embedded in remote URLs', () => {
    assert.equal(redact('fetch https://user:s3cret@github.com/o/r.git failed'), 'fetch https://***@github.com/o/r.git failed');
  });

  it('hides the whole credential when the password holds a raw @, and tokens in query strings', () => {
    assert.equal(
      redact("fatal: unable to access 'https://user:p@ss-Secret1@github.com/o/r.git/': refused"),
      "fatal: unable to access 'https://***@github.com/o/r.git/': refused",
    );
    assert.equal(redact('GET https://h/api?per_page=1&access_token=abc123 failed'), 'GET https://h/api?per_page=1&access_token=*** failed');
    assert.equal(redact("'https://github.com/o/r' and user@example.com"), "'https://github.com/o/r' and user@example.com");
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
