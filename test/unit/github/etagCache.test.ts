import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { EtagCache, type CachedResponse } from '../../../src/core/github/etagCache';

function entry(etag: string): CachedResponse {
  return { etag, status: 200, url: 'https://api.github.com/x', headers: {}, data: { etag } };
}

describe('EtagCache', () => {
  it('keys by method and URL only', () => {
    assert.equal(
      EtagCache.keyOf('get', 'https://api.github.com/repos/o/r/pulls?per_page=100'),
      'GET https://api.github.com/repos/o/r/pulls?per_page=100',
    );
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new EtagCache(2);
    cache.set('a', entry('"a"'));
    cache.set('b', entry('"b"'));
    assert.equal(cache.get('a')?.etag, '"a"');
    cache.set('c', entry('"c"'));
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined, 'b was least recently used');
    assert.equal(cache.get('a')?.etag, '"a"');
    assert.equal(cache.get('c')?.etag, '"c"');
  });

  it('replaces an entry for the same key without growing', () => {
    const cache = new EtagCache(3);
    cache.set('a', entry('"1"'));
    cache.set('a', entry('"2"'));
    assert.equal(cache.size, 1);
    assert.equal(cache.get('a')?.etag, '"2"');
  });

  it('refuses a bound that is not a positive integer', () => {
    assert.throws(() => new EtagCache(0), RangeError);
  });

  it('remembers which response objects were served after a 304', () => {
    const cache = new EtagCache();
    const served = {};
    cache.markNotModified(served);
    assert.equal(cache.isNotModified(served), true);
    assert.equal(cache.isNotModified({}), false);
  });

  it('behaves like a reference LRU for any sequence of operations', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(operation, { maxLength: 60 }), (bound, operations) => {
        const cache = new EtagCache(bound);
        let model: string[] = [];
        operations.forEach((op, step) => {
          const key = `k${op.key}`;
          if (op.kind === 'set') {
            cache.set(key, entry(`"${step}"`));
            model = [...model.filter((k) => k !== key), key].slice(-bound);
          } else if (op.kind === 'get') {
            const hit = cache.get(key) !== undefined;
            assert.equal(hit, model.includes(key));
            if (hit) {
              model = [...model.filter((k) => k !== key), key];
            }
          } else {
            cache.delete(key);
            model = model.filter((k) => k !== key);
          }
          assert.ok(cache.size <= bound);
          assert.equal(cache.size, model.length);
        });
      }),
    );
  });
});
