/**
 * The Security row under Production, from the GitHub API server to the tree: open
 * alerts grouped by severity with links, and "not enabled" / "no access" said plainly.
 */
import * as assert from 'node:assert/strict';
import { snapshot } from '../../support/snapshotFactory';
import { buildTree } from '../../../src/ui/views/treeModel';
import type { TreeNodeData } from '../../../src/ui/views/treeNodes';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';
import { startHub, type Hub } from '../../support/releaseHarness';

function find(nodes: readonly TreeNodeData[], suffix: string): TreeNodeData | undefined {
  for (const node of nodes) {
    if (node.id.endsWith(suffix)) {
      return node;
    }
    const inside = find(node.children ?? [], suffix);
    if (inside) {
      return inside;
    }
  }
  return undefined;
}

describe('Security under Production', function () {
  this.timeout(30_000);
  let fixture: FixtureRepo;
  let hub: Hub;
  before(async () => {
    fixture = await createFixtureRepo({ name: 'security' });
    hub = await startHub(fixture);
  });
  after(async () => {
    await hub.close();
    await fixture.dispose();
  });

  const securityRow = async () => {
    const security = (await hub.client.listDependabotAlerts()).data;
    return find(buildTree([snapshot({ production: { security } })], Date.now()), 'production/security');
  };

  it('groups open alerts by severity, each linking to its filtered list', async () => {
    hub.server.addDependabotAlert({ severity: 'high', package: 'lodash', summary: 'Prototype pollution' });
    hub.server.addDependabotAlert({ severity: 'high', package: 'minimist', summary: 'Prototype pollution' });
    hub.server.addDependabotAlert({ severity: 'low', package: 'debug', summary: 'ReDoS' });
    hub.server.addDependabotAlert({ severity: 'critical', package: 'old', summary: 'Fixed already', state: 'fixed' });
    const row = await securityRow();
    assert.equal(row?.label, '3 security alerts');
    assert.equal(row?.description, '2 high, 1 low');
    assert.deepEqual(
      row?.children?.map((n) => n.label),
      ['2 high', '1 low'],
    );
    assert.match(row?.children?.[0].url ?? '', /\/security\/dependabot\?q=is%3Aopen%20severity%3Ahigh$/);
  });

  it('says "not enabled" when Dependabot alerts are off, and "no access" when GitHub refuses', async () => {
    hub.server.setDependabot('disabled');
    assert.equal((await securityRow())?.description, 'Dependabot alerts are not enabled');
    hub.server.setDependabot('forbidden');
    assert.equal((await securityRow())?.description, 'no access to Dependabot alerts');
  });
});
