import * as assert from 'node:assert/strict';
import { buildTree, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { checks, deployment, iso, pullRequest, SHA, snapshot, T0 } from '../../support/snapshotFactory';

function find(nodes: readonly TreeNodeData[], id: string): TreeNodeData {
  for (const node of nodes) {
    if (node.id === id) {
      return node;
    }
    const inner = node.children && findOrUndefined(node.children, id);
    if (inner) {
      return inner;
    }
  }
  throw new Error(`no node ${id}`);
}
function findOrUndefined(nodes: readonly TreeNodeData[], id: string): TreeNodeData | undefined {
  try {
    return find(nodes, id);
  } catch {
    return undefined;
  }
}

describe('Environments tree model', () => {
  it('shows Local, Development and Production as roots for one repository', () => {
    const tree = buildTree([snapshot()], T0);
    assert.deepEqual(tree.map((n) => n.label), ['Local', 'Development', 'Production']);
  });

  it('shows one root per repository in a multi-root workspace', () => {
    const tree = buildTree([snapshot(), snapshot({ rest: { root: '/work/api' } })], T0);
    assert.deepEqual(tree.map((n) => n.label), ['shop', 'api']);
    assert.deepEqual(tree[1].children?.map((n) => n.label), ['Local', 'Development', 'Production']);
    assert.notEqual(tree[0].children?.[0].id, tree[1].children?.[0].id, 'ids are unique across repositories');
  });

  it('tells the local branch, its distance to develop, changes and the test result', () => {
    const tree = buildTree([snapshot({ local: { changes: { staged: 1, unstaged: 2, untracked: 0, conflicted: 0 } } })], T0);
    assert.equal(find(tree, 'local/branch').label, 'feature/login');
    assert.equal(find(tree, 'local/branch').description, '2 ahead, 0 behind develop');
    assert.equal(find(tree, 'local/changes').label, '3 uncommitted changes');
    assert.equal(find(tree, 'local/changes').description, '1 staged, 2 unstaged');
    const tests = find(tree, 'local/tests');
    assert.equal(tests.label, 'Tests passed');
    assert.equal(tests.description, '42 passed · 5 min ago');
    assert.equal(tests.icon?.color, 'testing.iconPassed');
    assert.match(tests.contextValue ?? '', /\btests\b/);
  });

  it('marks tests stale once HEAD or the tree changed since the run', () => {
    const base = snapshot();
    const tree = buildTree([snapshot({ local: { tests: { state: 'stale', record: base.local.tests.record } } })], T0);
    assert.equal(find(tree, 'local/tests').label, 'Tests not run for the current changes');
  });

  it('offers to open a PR when the branch has none, and shows it when it has one', () => {
    assert.match(find(buildTree([snapshot()], T0), 'local/pullRequest').contextValue ?? '', /\bcanOpenPr\b/);
    const withPr = find(buildTree([snapshot({ local: { pullRequest: pullRequest() } })], T0), 'local/pullRequest');
    assert.equal(withPr.label, '#12 Add login');
    assert.equal(withPr.description, 'into develop · checks passing (1) · approved');
    assert.equal(withPr.url, 'https://github.com/acme/shop/pull/12');
  });

  it('does not offer a PR from develop itself', () => {
    const node = find(buildTree([snapshot({ local: { branch: 'develop' } })], T0), 'local/pullRequest');
    assert.equal(node.contextValue, undefined);
  });

  it('names failing develop checks and colours the section', () => {
    const tree = buildTree([snapshot({ development: { checks: checks('failing', ['lint', 'unit']) } })], T0);
    assert.equal(find(tree, 'development/checks').description, '2 failing: lint, unit');
    assert.equal(find(tree, 'development').icon?.color, 'testing.iconFailed');
  });

  it('lists open PRs into develop and commits waiting for promotion', () => {
    const tree = buildTree([snapshot({ development: { pullRequests: [pullRequest({ number: 3, title: 'A' }), pullRequest({ number: 4, title: 'B' })] } })], T0);
    const prs = find(tree, 'development/pullRequests');
    assert.equal(prs.label, '2 open pull requests');
    assert.deepEqual(prs.children?.map((n) => n.label), ['#3 A', '#4 B']);
    const awaiting = find(tree, 'development/awaiting');
    assert.equal(awaiting.label, '1 commit waiting for promotion');
    assert.match(awaiting.contextValue ?? '', /\bcanPromote\b/);
  });

  it('shows the open release pull request develop → main', () => {
    const release = pullRequest({ number: 30, title: 'Release 2026-11-28: 4 changes', headRef: 'develop', baseRef: 'main' });
    const node = find(buildTree([snapshot({ development: { releasePullRequest: release } })], T0), 'development/releasePullRequest');
    assert.equal(node.label, 'Release #30 Release 2026-11-28: 4 changes');
    assert.match(node.description ?? '', /^into main/);
    assert.equal(node.url, release.url);
  });

  it('says plainly when there is nothing to promote', () => {
    const tree = buildTree([snapshot({ development: { awaitingPromotion: { count: 0, commits: [] } } })], T0);
    assert.equal(find(tree, 'development/awaiting').label, 'Nothing to promote');
    assert.equal(find(tree, 'development/awaiting').contextValue, undefined);
  });

  it('shows a failing production deployment with its rollback action', () => {
    const failed = deployment({ id: 8, state: 'failure', description: 'Health check failed at 25%' });
    const tree = buildTree([snapshot({ production: { deployment: failed } })], T0);
    const node = find(tree, 'production/deployment');
    assert.equal(node.label, 'Deployment failed');
    assert.match(node.description ?? '', /Health check failed at 25%/);
    assert.match(node.contextValue ?? '', /\bcanRollback\b/);
    assert.equal(node.icon?.color, 'testing.iconFailed');
    assert.equal(find(tree, 'production').description, 'main · failing');
    assert.match(node.tooltip ?? '', /https:\/\/app\.example\.com/);
  });

  it('says production is rolled back and the bad change still waits on main and develop', () => {
    const failed = deployment({ id: 8, sha: SHA.main, state: 'failure', createdAt: iso(30) });
    const redeploy = deployment({ id: 9, sha: SHA.previous, state: 'success', createdAt: iso(5) });
    const tree = buildTree([snapshot({ production: { deployment: redeploy, history: [redeploy, failed] } })], T0);
    const node = find(tree, 'production/rolledBack');
    assert.equal(node.label, 'Rolled back to 4444444');
    assert.equal(node.description, 'main and develop still carry the change that failed');
    assert.deepEqual(node.command?.arguments, [{ kind: 'fix' }]);
    assert.throws(() => find(buildTree([snapshot()], T0), 'production/rolledBack'), 'not shown while production runs main');
  });

  it('shows an in-progress rollout with its status description', () => {
    const rolling = deployment({ id: 9, state: 'in_progress', description: 'Rolling out: 50%' });
    const node = find(buildTree([snapshot({ production: { deployment: rolling } })], T0), 'production/deployment');
    assert.equal(node.label, 'Deployment in progress');
    assert.match(node.description ?? '', /Rolling out: 50%/);
    assert.equal(node.icon?.id, 'sync~spin');
  });

  it('shows backups, the rollback target and security alerts by severity', () => {
    const tree = buildTree(
      [snapshot({ production: { security: { available: true, total: 3, bySeverity: { critical: 1, high: 0, medium: 2, low: 0 }, url: 'https://x/security' } } })],
      T0,
    );
    assert.equal(find(tree, 'production/backup').label, 'Backup backup/production-20261128T100000Z');
    assert.equal(find(tree, 'production/backup').description, '3333333 · 2 h ago');
    assert.equal(find(tree, 'production/rollback').label, 'Rollback target 4444444');
    assert.equal(find(tree, 'production/security').label, '3 security alerts');
    assert.equal(find(tree, 'production/security').description, '1 critical, 2 medium');
    const bySeverity = find(tree, 'production/security').children ?? [];
    assert.deepEqual(bySeverity.map((n) => [n.label, n.url]), [
      ['1 critical', 'https://x/security?q=is%3Aopen%20severity%3Acritical'],
      ['2 medium', 'https://x/security?q=is%3Aopen%20severity%3Amedium'],
    ]);
  });

  it('says why security alerts are missing', () => {
    const tree = buildTree([snapshot({ production: { security: { available: false, reason: 'notEnabled' } } })], T0);
    assert.equal(find(tree, 'production/security').description, 'Dependabot alerts are not enabled');
    assert.match(find(tree, 'production/security').tooltip ?? '', /an admin can turn them on/);
    const noAccess = buildTree([snapshot({ production: { security: { available: false, reason: 'noAccess' } } })], T0);
    assert.equal(find(noAccess, 'production/security').description, 'no access to Dependabot alerts');
  });

  it('keeps local parts and explains the empty GitHub parts in local-only mode', () => {
    const reason = 'origin points to gitlab.com, which is not GitHub: EnvFlow works in local-only mode.';
    const tree = buildTree([snapshot({ rest: { connection: { state: 'localOnly', reason }, github: undefined } })], T0);
    assert.equal(find(tree, 'local/branch').label, 'feature/login');
    assert.equal(find(tree, 'development/github').description, 'local only');
    assert.match(find(tree, 'development/github').tooltip ?? '', /gitlab/);
    assert.throws(() => find(tree, 'development/checks'));
  });

  it('offers sign-in when signed out', () => {
    const tree = buildTree([snapshot({ rest: { connection: { state: 'signedOut' } } })], T0);
    assert.equal(find(tree, 'production/github').command?.command, 'envflow.signIn');
  });

  it('marks GitHub data stale after a failed refresh and keeps it', () => {
    const tree = buildTree([snapshot({ rest: { stale: true, connection: { state: 'error', kind: 'server', message: 'GitHub is having trouble (HTTP 502); retrying.' } } })], T0);
    assert.equal(find(tree, 'production/stale').label, 'GitHub data may be out of date');
    assert.equal(find(tree, 'production/deployment').label, 'Deployment succeeded');
  });

  it('marks only the rows of a read that failed alone, keeping their last values', () => {
    const reviews403 = 'Could not read reviews: GitHub refused access (Resource not accessible by personal access token): sign in with an account that has permission.';
    const fresh = buildTree([snapshot({ local: { pullRequest: pullRequest() } })], T0);
    const tree = buildTree(
      [
        snapshot({
          local: { pullRequest: pullRequest() },
          rest: {
            readErrors: {
              reviews: { kind: 'unauthorized', status: 403, message: reviews403, about: ['12'] },
              checkRuns: { kind: 'offline', message: "Could not read check runs: can't reach api.github.com.", about: [SHA.main] },
            },
          },
        }),
      ],
      T0,
    );
    const pr = find(tree, 'local/pullRequest');
    assert.match(pr.description ?? '', /approved · out of date$/, 'the last known review stays, marked');
    assert.match(pr.tooltip ?? '', /\$\(warning\) Could not read reviews\\?: GitHub refused access/);
    assert.match(pr.tooltip ?? '', /Showing the last known value/);
    assert.equal(find(tree, 'production/checks').label, 'Checks passing');
    assert.match(find(tree, 'production/checks').description ?? '', /out of date/);
    assert.match(find(tree, 'production/checks').contextValue ?? '', /\boutOfDate\b/);
    for (const id of ['development/checks', 'development/deployment', 'production/deployment', 'production/security']) {
      assert.deepEqual(find(tree, id), find(fresh, id), `${id} is untouched`);
    }
    assert.equal(findOrUndefined(tree, 'production/stale'), undefined, 'the connection is fine: no section-wide warning');
  });

  it('says why a row could never be read instead of "not loaded yet"', () => {
    const message = 'Could not read deployments: GitHub is having trouble (HTTP 500): try again in a minute.';
    const tree = buildTree([snapshot({ production: { deployment: undefined, history: [] }, rest: { readErrors: { deployments: { kind: 'server', status: 500, message, about: ['production'] } } } })], T0);
    const node = find(tree, 'production/deployment');
    assert.equal(node.label, 'Deployment unknown');
    assert.equal(node.icon?.id, 'warning');
    assert.match(node.tooltip ?? '', /HTTP 500/);
    assert.equal(find(tree, 'development/deployment').label, 'Deployment succeeded', 'the other environment is fresh');
  });

  it('renders API text literally: no links or command URIs from PR titles', () => {
    const hostile = pullRequest({ title: '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>' });
    const node = find(buildTree([snapshot({ local: { pullRequest: hostile } })], T0), 'local/pullRequest');
    assert.doesNotMatch(node.tooltip ?? '', /[^\\]\]\(command/, 'no link to a command');
    assert.doesNotMatch(node.tooltip ?? '', /(^|[^\\])</, 'no raw HTML');
  });
});
