import * as assert from 'node:assert/strict';
import { redact, redactCommandLine } from '../../src/core/log';

describe('redact', () => {
  it('hides credentials embedded in remote URLs', () => {
    assert.equal(
      redact('fetch https://user:s3cret@github.com/o/r.git failed'),
      'fetch https://***@github.com/o/r.git failed',
    );
  });

  it('hides the whole credential when the password holds a raw @, and tokens in query strings', () => {
    assert.equal(
      redact("fatal: unable to access 'https://user:p@ss-Secret1@github.com/o/r.git/': refused"),
      "fatal: unable to access 'https://***@github.com/o/r.git/': refused",
    );
    assert.equal(
      redact('GET https://h/api?per_page=1&access_token=abc123 failed'),
      'GET https://h/api?per_page=1&access_token=*** failed',
    );
    assert.equal(
      redact("'https://github.com/o/r' and user@example.com"),
      "'https://github.com/o/r' and user@example.com",
    );
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

describe('redactCommandLine', () => {
  const cases: [string, string][] = [
    ['FOO=bar npm test', 'FOO=*** npm test'],
    ['API_KEY="s3cr et" DEBUG=1 npm test', 'API_KEY=*** DEBUG=*** npm test'],
    ["cd app && TOKEN='abc' npm test", 'cd app && TOKEN=*** npm test'],
    ['env SECRET=x pytest -q', 'env SECRET=*** pytest -q'],
    ['export DB_PASSWORD=hunter2; npm test', 'export DB_PASSWORD=***; npm test'],
    ['npm test -- --api-token abc123 --grep=login', 'npm test -- --api-token *** --grep=login'],
    ['mvn test -Dpassword=x --password=hunter2', 'mvn test -Dpassword=*** --password=***'],
    ['curl https://user:pw@ci.example.com/ok && npm test', 'curl https://***@ci.example.com/ok && npm test'],
    [`GH=${'ghp_' + 'a'.repeat(36)} npm test`, 'GH=*** npm test'],
    [`npm test --registry-token ${'npm_' + 'b'.repeat(36)}`, 'npm test --registry-token ***'],
    ['EMPTY= npm test', 'EMPTY= npm test'],
  ];
  for (const [command, published] of cases) {
    it(`publishes ${JSON.stringify(command)} as ${JSON.stringify(published)}`, () =>
      assert.equal(redactCommandLine(command), published));
  }

  it('leaves a command without secrets as it is', () => {
    assert.equal(redactCommandLine('npm test -- --grep "a == b"'), 'npm test -- --grep "a == b"');
    assert.equal(redactCommandLine('npx mocha --timeout 60000 out/test'), 'npx mocha --timeout 60000 out/test');
  });
});
