import * as assert from 'node:assert/strict';
import { diff } from '../../../src/core/flow/diff';
import { codeScanningPart, secretScanningPart } from '../../../src/core/flow/scanning';
import type { WaitingApproval } from '../../../src/core/model/snapshot';
import { Presenter } from '../../../src/core/usecases/presenter';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { noticeFor } from '../../../src/ui/notices';
import { productionItem } from '../../../src/ui/statusbar/presentation';
import { buildTree, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { deployment, iso, SHA, snapshot, T0 } from '../../support/snapshotFactory';

const web = 'https://github.com/acme/shop';

function approval(overrides: Partial<WaitingApproval> = {}): WaitingApproval {
  return {
    runId: 77,
    runName: 'Deploy',
    runUrl: `${web}/actions/runs/77`,
    headSha: SHA.main,
    headBranch: 'main',
    environmentId: 9,
    environment: 'production',
    reviewers: ['@grace', 'ops team'],
    waitingSince: iso(12),
    waitTimerMinutes: 0,
    canApprove: true,
    ...overrides,
  };
}

function row(nodes: readonly TreeNodeData[], id: string): TreeNodeData | undefined {
  for (const node of nodes) {
    if (node.id === id) {
      return node;
    }
    const found = row(node.children ?? [], id);
    if (found) {
      return found;
    }
  }
  return undefined;
}

describe('approvals and scanning in the tree, the status bar and the alerts', () => {
  it('shows a waiting deployment under its environment with who may approve, since when, and Approve / Reject', () => {
    const s = snapshot({ production: { approvals: [approval()] }, development: { approvals: [] } });
    const node = row(buildTree([s], T0), 'production/approval/77/9');
    assert.ok(node, 'the row is under Production');
    assert.equal(node.label, 'Waiting for approval');
    assert.equal(node.description, 'Deploy · @grace, ops team · since 12 min ago');
    assert.match(node.contextValue ?? '', /\bcanApprove\b/);
    assert.deepEqual(node.subject, { kind: 'approval', approval: approval() });
  });

  it('says why in the tooltip, and offers no inline review, when the user may not approve', () => {
    const whyNot = "Only production's required reviewers can approve this deployment: @grace.";
    const s = snapshot({ production: { approvals: [approval({ canApprove: false, whyNot })] } });
    const node = row(buildTree([s], T0), 'production/approval/77/9')!;
    assert.match(node.contextValue ?? '', /\bcannotApprove\b/);
    assert.doesNotMatch(node.contextValue ?? '', /\bcanApprove\b/);
    assert.ok(node.tooltip?.includes("Only production's required reviewers"), node.tooltip);
  });

  it('lists code scanning by severity, each row opening the filtered list, and secret scanning beside it', () => {
    const s = snapshot({
      production: {
        codeScanning: codeScanningPart(
          { available: true, total: 3, bySeverity: { critical: 1, high: 2, medium: 0, low: 0 } },
          web,
        ),
        secretScanning: secretScanningPart({ available: true, total: 1 }, web),
      },
    });
    const tree = buildTree([s], T0);
    const code = row(tree, 'production/codeScanning')!;
    assert.equal(code.label, '3 code scanning alerts');
    assert.equal(code.description, '1 critical, 2 high');
    assert.deepEqual(
      code.children?.map((child) => [child.label, child.url]),
      [
        ['1 critical', `${web}/security/code-scanning?query=is:open+severity:critical`],
        ['2 high', `${web}/security/code-scanning?query=is:open+severity:high`],
      ],
    );
    const secret = row(tree, 'production/secretScanning')!;
    assert.equal(secret.label, '1 secret scanning alert');
    assert.equal(secret.url, `${web}/security/secret-scanning`);
  });

  it('says "not enabled" and "no access" in one sentence naming who can fix it', () => {
    const s = snapshot({
      production: {
        codeScanning: codeScanningPart({ available: false, reason: 'notEnabled' }, web),
        secretScanning: secretScanningPart({ available: false, reason: 'noAccess' }, web),
      },
    });
    const tree = buildTree([s], T0);
    const code = row(tree, 'production/codeScanning')!;
    assert.equal(code.label, 'Code scanning unavailable');
    assert.equal(code.description, 'not enabled');
    assert.match(code.tooltip ?? '', /a repository admin can turn on CodeQL default setup/);
    const secret = row(tree, 'production/secretScanning')!;
    assert.equal(secret.description, 'no access');
    assert.match(secret.tooltip ?? '', /a repository admin can grant your account/);
  });

  it('says "waiting for approval" in the production status bar item while production waits', () => {
    const item = productionItem(snapshot({ production: { approvals: [approval()] } }), T0)!;
    assert.equal(item.text, '$(person) prod waiting for approval');
    assert.equal(item.background, 'warning');
    const failing = productionItem(
      snapshot({ production: { approvals: [approval()], deployment: deployment({ state: 'failure' }) } }),
      T0,
    )!;
    assert.equal(failing.text, '$(error) prod failing, waiting for approval');
    assert.equal(failing.background, 'error');
  });

  it('alerts once per wait, with Approve, Reject and Open', () => {
    const before = snapshot({ production: { approvals: [] }, development: { approvals: [] } });
    const waiting = snapshot({ production: { approvals: [approval()] }, development: { approvals: [] } });
    const transitions = diff(before, waiting);
    assert.deepEqual(transitions, [{ kind: 'deploymentWaiting', approval: approval() }]);
    assert.deepEqual(diff(waiting, waiting), [], 'the same wait is not announced again');
    const notice = noticeFor(transitions[0], '', new Presenter(defaultFlowConfig));
    assert.deepEqual(
      notice.actions.map((action) => action.title),
      ['Approve', 'Reject…', 'Open Run'],
    );
    assert.equal(notice.message, `Deploy is waiting for your approval to deploy 3333333 to production.`);
    assert.deepEqual(diff(snapshot(), waiting), [], 'no alert for waits found by the first read of approvals');
  });
});
