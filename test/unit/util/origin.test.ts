import * as assert from 'node:assert/strict';
import { apiOrigin, insecureApiUrlReason, isLoopbackHost, isLoopbackUrl } from '../../../src/core/util/origin';

describe('API origins and loopback', () => {
  const loopback = [
    'localhost',
    'LOCALHOST',
    'localhost.',
    '127.0.0.1',
    '127.255.255.254',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[::ffff:7f00:1]',
  ];
  const notLoopback = [
    '127.attacker.example',
    '127.0.0.1.nip.io',
    'localhost.attacker.example',
    'evil-localhost',
    '128.0.0.1',
    '10.0.0.1',
    '[::2]',
    '[::ffff:a00:1]',
    'api.github.com',
    '1127.0.0.1',
  ];

  for (const host of loopback) {
    it(`${host} is loopback`, () => assert.equal(isLoopbackHost(host), true));
  }
  for (const host of notLoopback) {
    it(`${host} is not loopback`, () => assert.equal(isLoopbackHost(host), false));
  }

  it('decides on the parsed address, so numeric spellings of 127.0.0.1 count and look-alike names do not', () => {
    assert.equal(isLoopbackUrl('http://2130706433:8080/'), true);
    assert.equal(isLoopbackUrl('http://0x7f.1/'), true);
    assert.equal(isLoopbackUrl('http://127.attacker.example:8080/'), false);
    assert.equal(isLoopbackUrl('not a url'), false);
  });

  it('keys by scheme, host and port', () => {
    assert.equal(apiOrigin('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
    assert.equal(apiOrigin('http://ghe.example.com/api/v3'), 'http://ghe.example.com');
    assert.equal(apiOrigin('https://GHE.example.com:8443/api/v3/'), 'https://ghe.example.com:8443');
    assert.equal(apiOrigin('https://ghe.example.com:443/api/v3'), 'https://ghe.example.com');
    assert.equal(apiOrigin('nonsense'), undefined);
  });

  it('refuses a non-loopback http:// API URL with one sentence saying why and how to fix it', () => {
    assert.equal(
      insecureApiUrlReason('http://ghe.example.com/api/v3'),
      'envflow.github.apiUrl uses http:// for ghe.example.com, which would send your GitHub token unencrypted: EnvFlow connects only over https (change the setting to https://ghe.example.com/api/v3).',
    );
    assert.match(insecureApiUrlReason('http://127.attacker.example/api/v3') ?? '', /unencrypted/);
    assert.match(insecureApiUrlReason('ftp://ghe.example.com/') ?? '', /only over https/);
    assert.match(insecureApiUrlReason('api.github.com') ?? '', /is not a URL/);
  });

  it('accepts https anywhere and http on loopback only', () => {
    assert.equal(insecureApiUrlReason('https://api.github.com'), undefined);
    assert.equal(insecureApiUrlReason('https://ghe.example.com/api/v3'), undefined);
    assert.equal(insecureApiUrlReason('http://127.0.0.1:41234'), undefined);
    assert.equal(insecureApiUrlReason('http://localhost:3000/api/v3'), undefined);
    assert.equal(insecureApiUrlReason('http://[::1]:3000'), undefined);
  });
});
