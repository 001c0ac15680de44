import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Preflight {
  requirementsOf(command: string, args?: string[]): string[];
  missing(command: string, args?: string[]): string[];
}

const script = pathToFileURL(join(__dirname, '..', '..', '..', '..', 'scripts', 'preflight.mjs')).href;

describe('preflight of npm start and npm test', () => {
  let preflight: Preflight;
  const host = process.env.ENVFLOW_TEST_HOST;

  before(async () => {
    preflight = (await import(script)) as Preflight;
  });

  afterEach(() => {
    if (host === undefined) {
      delete process.env.ENVFLOW_TEST_HOST;
    } else {
      process.env.ENVFLOW_TEST_HOST = host;
    }
  });

  it('asks for a browser and ripgrep only where code-server runs', () => {
    delete process.env.ENVFLOW_TEST_HOST;
    assert.deepEqual(preflight.requirementsOf('test', ['unit', 'package']), ['node', 'git']);
    assert.deepEqual(preflight.requirementsOf('test', []), ['node', 'git', 'browser', 'ripgrep', 'buildTools']);
    process.env.ENVFLOW_TEST_HOST = 'electron';
    assert.deepEqual(preflight.requirementsOf('test', ['host']), ['node', 'git']);
    assert.deepEqual(preflight.requirementsOf('test', ['ui']), ['node', 'git', 'browser', 'ripgrep', 'buildTools']);
  });

  it('needs ripgrep and, before the first install, build tools for code-server, and `code` for --desktop', () => {
    assert.deepEqual(preflight.requirementsOf('start'), ['node', 'git', 'ripgrep', 'buildTools']);
    assert.deepEqual(preflight.requirementsOf('start', ['--desktop']), ['node', 'git', 'code']);
  });

  it('says what to install and why in one sentence when a program is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const sentences = preflight.missing('test', ['unit']);
      assert.equal(sentences.length, 1);
      assert.match(sentences[0]!, /^git is missing: install it .*, because /);
      assert.equal(sentences[0]!.split('. ').length, 1, 'one sentence');
    } finally {
      process.env.PATH = path;
    }
  });
});
