/**
 * Changing `envflow.github.apiUrl` (or origin) while a refresh is reading the remotes:
 * the next refresh must use the new setting, not the answer the old one produced.
 */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { RepositoryModel } from '../../../src/core/flow/repositoryModel';
import type { GitRepository } from '../../../src/core/git/repository';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { openCounted } from '../../support/openRepository';

const ENTERPRISE_API = 'http://127.0.0.1:4567';

/** The real repository, whose `remotes()` waits until `release()` is called. */
function withHeldRemotes(git: GitRepository): { git: GitRepository; called: Promise<void>; release(): void } {
  let release = (): void => undefined;
  let called = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const calledPromise = new Promise<void>((resolve) => (called = resolve));
  let first = true;
  const wrapped = new Proxy(git, {
    get(target, property) {
      if (property === 'remotes' && first) {
        first = false;
        return async () => {
          called();
          await held;
          return target.remotes();
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { git: wrapped, called: calledPromise, release };
}

describe('RepositoryModel when the API URL changes during a refresh', () => {
  let fixture: FixtureRepo;

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'model-remote', originUrl: `${ENTERPRISE_API}/acme/shop.git` });
  });
  afterEach(() => fixture.dispose());

  it('uses the new envflow.github.apiUrl on the next refresh', async () => {
    const held = withHeldRemotes((await openCounted(fixture.root)).repo);
    let apiUrl = defaultFlowConfig.apiUrl;
    const model = new RepositoryModel({
      git: held.git,
      config: () => ({ ...defaultFlowConfig, apiUrl }),
      connect: async () => undefined,
      testRecord: () => undefined,
    });
    const first = model.refresh('full');
    await held.called;
    // The user points EnvFlow at their GitHub Enterprise server while git is still running.
    apiUrl = ENTERPRISE_API;
    model.invalidateRemote();
    held.release();
    await first;
    const { snapshot } = await model.refresh('full');
    assert.equal(snapshot.connection.state, 'signedOut', `still ${JSON.stringify(snapshot.connection)}`);
  });
});
