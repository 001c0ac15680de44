/** What every fault's sentence must be, as the user reads it in the error notification. */
import * as assert from 'node:assert/strict';
import { TOKEN } from '../../support/releaseHarness';

/** Longer than this is not "one clear sentence" any more. */
const MAX_LENGTH = 400;

export function assertUserSentence(sentence: string, wayOut: RegExp): void {
  const show = JSON.stringify(sentence);
  assert.ok(
    sentence.length > 0 && sentence.length <= MAX_LENGTH,
    `one sentence of at most ${MAX_LENGTH} characters: ${show}`,
  );
  assert.match(sentence, /^[A-Z]/, `starts like a sentence: ${show}`);
  assert.match(sentence, /[.!?]$/, `ends like a sentence: ${show}`);
  assert.equal(sentence.split(/(?<=[.!?])\s+(?=[A-Z])/).length, 1, `a single sentence: ${show}`);
  assert.doesNotMatch(sentence, /\n/, `one line: ${show}`);
  assert.doesNotMatch(sentence, /\bat \S+ \(|\.(js|ts):\d+/, `no stack: ${show}`);
  assert.doesNotMatch(sentence, /[{}[\]]|"\w+":/, `no JSON: ${show}`);
  assert.doesNotMatch(sentence, /\bundefined\b|\[object /, `no leaked placeholder: ${show}`);
  assert.ok(!sentence.includes(TOKEN) && !/gh[pousr]_[A-Za-z0-9]{16,}/.test(sentence), `no token: ${show}`);
  assert.match(sentence, wayOut, `offers the way out ${String(wayOut)}: ${show}`);
}
