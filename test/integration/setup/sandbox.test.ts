/** Setup is idempotent: running it twice on the sandbox changes nothing the second time. */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { planSetup, type SetupContext } from '../../../src/core/setup/plan';
import { fixtureClient } from '../../support/githubModel';
import { createSandbox, type Sandbox } from '../../../tools/sandbox/sandbox';
import { openGuarded } from '../../support/releaseHarness';
import { applyAll } from './applyAll';

describe('setup on the sandbox', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await createSandbox({ rolloutStepMs: 50 });
  });
  after(() => sandbox.dispose());

  it('running setup twice changes nothing the second time', async () => {
    const fx = sandbox.fx!;
    const guarded = await openGuarded(sandbox.repo.root);
    const client = fixtureClient(fx);
    const context: SetupContext = { root: sandbox.repo.root, git: guarded.repo, client, config: defaultFlowConfig };
    const first = await planSetup(context);
    assert.equal(first.find((s) => s.id === 'develop')?.status, 'done', 'the sandbox has develop');
    const applied = await applyAll(first);
    assert.ok(applied.length >= 2, `the first run applied the missing steps: ${applied.join(' ')}`);

    const tree = await sandbox.repo.git('status', '--porcelain=v1', '--untracked-files=all');
    const refs = await sandbox.repo.git('for-each-ref');
    const protection = JSON.stringify([...fx.server.state.protection.values()]);
    fx.server.resetRequests();
    const second = await planSetup(context);
    assert.deepEqual(
      second.filter((s) => s.status !== 'done').map((s) => `${s.id}: ${s.description}`),
      [],
    );
    assert.deepEqual(await applyAll(second), []);
    assert.deepEqual(
      fx.server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`),
      [],
      'no write reached GitHub',
    );
    assert.equal(await sandbox.repo.git('status', '--porcelain=v1', '--untracked-files=all'), tree, 'no file changed');
    assert.equal(await sandbox.repo.git('for-each-ref'), refs, 'no ref moved');
    assert.equal(JSON.stringify([...fx.server.state.protection.values()]), protection, 'protection unchanged');
    console.log(
      `      second run: ${fx.server.requests.length} GET requests, ${second.length} steps all done, 0 writes`,
    );
    guarded.assertNothingForced();
  });
});
