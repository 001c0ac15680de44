/**
 * `envflow.github.apiUrl` changing while a refresh is reading the remotes (as right
 * after activation, when a user or a test sets it): the model must not keep the answer
 * worked out with the old setting.
 */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted, withRemotes } from '../../support/openRepository';

describe('RepositoryModel when envflow.github.apiUrl changes mid-refresh', () => {
  let fixture: FixtureRepo;

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'model-remote', originUrl: 'http://127.0.0.1:9/acme/shop.git' });
  });
  afterEach(() => fixture.dispose());

  it('uses the new setting on the next refresh, not the answer the old one gave', async () => {
    const { repo } = await openCounted(fixture.root);
    let config: FlowConfig = defaultFlowConfig;
    let releaseRemotes: (() => void) | undefined;
    const model = new RepositoryModel({
      // The first look-up of the remotes is held until the setting has changed.
      git: withRemotes(repo, async () => {
        if (!releaseRemotes) {
          await new Promise<void>((resolve) => (releaseRemotes = resolve));
        }
        return repo.remotes();
      }),
      config: () => config,
      connect: async () => undefined,
      testRecord: () => undefined,
      fetchEvery: 0,
    });

    const first = model.refresh('full');
    while (!releaseRemotes) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    config = { ...defaultFlowConfig, apiUrl: 'http://127.0.0.1:9' };
    model.invalidateRemote();
    releaseRemotes();
    await first;

    const next = await model.refresh('full');
    assert.equal(
      next.snapshot.connection.state,
      'signedOut',
      `127.0.0.1 is GitHub now; got ${JSON.stringify(next.snapshot.connection)}`,
    );
  });

  it('refuses a plain-http API URL off this machine, says why where the connection state is shown, and logs it once', async () => {
    const ghe = await createFixtureRepo({ name: 'model-http-api', originUrl: 'https://ghe.example.com/acme/shop.git' });
    try {
      const { repo } = await openCounted(ghe.root);
      const logged: string[] = [];
      const record = (message: unknown) => void logged.push(String(message));
      let connected = 0;
      const model = new RepositoryModel({
        git: repo,
        config: () => ({ ...defaultFlowConfig, apiUrl: 'http://ghe.example.com/api/v3' }),
        connect: async () => void connected++,
        testRecord: () => undefined,
        fetchEvery: 0,
        logger: { trace: record, debug: record, info: record, warn: record, error: record },
      });
      await model.refresh('full');
      const { snapshot } = await model.refresh('full');
      const sentence =
        'envflow.github.apiUrl uses http:// for ghe.example.com, which would send your GitHub token unencrypted: EnvFlow connects only over https (change the setting to https://ghe.example.com/api/v3).';
      assert.deepEqual(snapshot.connection, { state: 'localOnly', reason: sentence });
      assert.equal(connected, 0, 'no client was asked for, so no token was looked up');
      assert.deepEqual(
        logged.filter((line) => line.includes('unencrypted')),
        [`GitHub not used: ${sentence}`],
      );
    } finally {
      await ghe.dispose();
    }
  });
});
