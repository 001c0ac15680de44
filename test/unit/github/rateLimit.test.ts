import * as assert from 'node:assert/strict';
import { readPollInterval, readRateLimit } from '../../../src/core/github/rateLimit';

describe('rate-limit headers', () => {
  it('reads limit, remaining, used, reset and resource', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '5000',
      'X-RateLimit-Remaining': '4990',
      'X-RateLimit-Used': '10',
      'X-RateLimit-Reset': '1800000000',
      'X-RateLimit-Resource': 'core',
    });
    assert.deepEqual(readRateLimit(headers), {
      limit: 5000,
      remaining: 4990,
      used: 10,
      resetAt: new Date(1_800_000_000_000),
      resource: 'core',
    });
  });

  it('derives used when the header is missing and gives up without the core three', () => {
    const partial = new Headers({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': '1' });
    assert.equal(readRateLimit(partial)?.used, 1);
    assert.equal(readRateLimit(new Headers({ 'x-ratelimit-limit': '60' })), undefined);
    assert.equal(
      readRateLimit(
        new Headers({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' }),
      ),
      undefined,
    );
  });

  it('reads a positive X-Poll-Interval only', () => {
    assert.equal(readPollInterval(new Headers({ 'X-Poll-Interval': '60' })), 60);
    assert.equal(readPollInterval(new Headers({ 'X-Poll-Interval': '0' })), undefined);
    assert.equal(readPollInterval(new Headers()), undefined);
  });
});
