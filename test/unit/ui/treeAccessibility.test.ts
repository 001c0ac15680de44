import * as assert from 'node:assert/strict';
import { buildTree, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { accessibilityLabelOf } from '../../../src/ui/views/treeNodes';
import { checks, deployment, snapshot, T0 } from '../../support/snapshotFactory';

function* walk(nodes: readonly TreeNodeData[]): Generator<TreeNodeData> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children ?? []);
  }
}

describe('tree accessibility labels', () => {
  it('speak the state an icon shows only by colour', () => {
    assert.equal(
      accessibilityLabelOf({ label: 'Checks', description: 'lint', icon: { id: 'error' } }),
      'Checks, lint, failing',
    );
    assert.equal(
      accessibilityLabelOf({ label: 'Checks', description: '2 failing', icon: { id: 'error' } }),
      'Checks, 2 failing',
    );
    assert.equal(
      accessibilityLabelOf({ label: 'Branch', description: 'feature/x', icon: { id: 'git-branch' } }),
      'Branch, feature/x',
    );
  });

  it('give every row of a failing and a passing repository a label holding its text', () => {
    const states = [
      snapshot(),
      snapshot({
        local: { checks: checks('failing', ['lint']) },
        production: { deployment: deployment({ state: 'failure' }) },
      }),
    ];
    let rows = 0;
    for (const state of states) {
      for (const node of walk(buildTree([state], T0))) {
        const label = accessibilityLabelOf(node);
        assert.ok(label.startsWith(node.label), `${node.id}: ${label}`);
        rows++;
      }
    }
    assert.ok(rows > 10, `${rows} rows`);
  });
});
