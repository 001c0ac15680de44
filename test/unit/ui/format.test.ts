import * as assert from 'node:assert/strict';
import { duration, escapeMarkdown, markdownLink, relativeTime } from '../../../src/ui/format';

describe('format', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it('relative times read naturally', () => {
    assert.equal(relativeTime('2026-11-28T11:59:50Z', now), 'just now');
    assert.equal(relativeTime('2026-11-28T11:55:00Z', now), '5 min ago');
    assert.equal(relativeTime('2026-11-28T09:00:00Z', now), '3 h ago');
    assert.equal(relativeTime('2026-11-26T12:00:00Z', now), '2 days ago');
    assert.equal(relativeTime('not a date', now), '');
  });

  it('durations', () => {
    assert.equal(duration(850), '850 ms');
    assert.equal(duration(5300), '5.3 s');
    assert.equal(duration(185_000), '3 min 5 s');
  });

  it('escapes markdown so API text cannot form links or HTML', () => {
    assert.equal(escapeMarkdown('[x](command:evil)'), '\\[x\\]\\(command\\:evil\\)');
    assert.equal(escapeMarkdown('<b>hi</b>'), '\\<b\\>hi\\</b\\>');
  });

  it('links only to http(s) URLs', () => {
    assert.equal(markdownLink('PR', 'command:workbench.action.quit'), 'PR');
    assert.equal(markdownLink('PR', 'https://github.com/a/b/pull/1'), '[PR](https://github.com/a/b/pull/1)');
    assert.equal(markdownLink('x', 'https://e.com/a)b'), '[x](https://e.com/a%29b)');
  });
});
