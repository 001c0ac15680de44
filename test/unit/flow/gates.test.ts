import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import {
  describeGateFailures,
  openPullRequestGate,
  promoteGate,
  rollbackGate,
  type GateFailure,
  type GateResult,
} from '../../../src/core/flow/gates';
import type { GitHubConnection, LocalPart, RepositorySnapshot } from '../../../src/core/model/snapshot';
import { checks, deployment, iso, pullRequest, SHA, snapshot } from '../../support/snapshotFactory';

const config: FlowConfig = defaultFlowConfig;
const local = (overrides: Partial<LocalPart>): RepositorySnapshot => snapshot({ local: overrides });
const connected = (connection: GitHubConnection, stale = false): RepositorySnapshot =>
  snapshot({ rest: { connection, stale } });

function failures(result: GateResult): readonly GateFailure[] {
  return result.ok ? [] : result.failures;
}
const codes = (result: GateResult): string[] => failures(result).map((f) => f.code);
const only = (result: GateResult): GateFailure => {
  const all = failures(result);
  assert.equal(all.length, 1, `expected one failure, got ${JSON.stringify(all)}`);
  return all[0]!;
};

describe('openPullRequestGate', () => {
  it('opens for a clean, tested feature branch ahead of develop', () => {
    assert.deepEqual(openPullRequestGate(snapshot(), config), { ok: true, warnings: [] });
  });

  it('refuses a detached HEAD, offering to start a branch', () => {
    const f = only(openPullRequestGate(local({ detached: true, branch: undefined }), config));
    assert.equal(f.code, 'detachedHead');
    assert.equal(f.fix.action, 'startBranch');
  });

  it('refuses develop and main themselves', () => {
    for (const branch of ['develop', 'main']) {
      const f = only(openPullRequestGate(local({ branch, aheadOfDevelop: 0 }), config));
      assert.equal(f.code, 'onLongLivedBranch');
      assert.match(f.reason, new RegExp(`on ${branch} itself`));
      assert.equal(f.fix.action, 'startBranch');
    }
    const custom = { ...config, developBranch: 'dev' };
    assert.equal(only(openPullRequestGate(local({ branch: 'dev' }), custom)).code, 'onLongLivedBranch');
  });

  it('refuses a branch without commits', () => {
    const f = only(openPullRequestGate(local({ headSha: undefined, tests: { state: 'notRun' } }), config));
    assert.equal(f.code, 'noCommits');
  });

  it('needs GitHub: sign in when signed out or the token was rejected, and says so when local only', () => {
    const signedOut = only(openPullRequestGate(connected({ state: 'signedOut' }), config));
    assert.deepEqual([signedOut.code, signedOut.fix.action], ['signedOut', 'signIn']);
    const rejected = only(
      openPullRequestGate(
        connected({ state: 'error', kind: 'unauthorized', message: 'Bad credentials' }, true),
        config,
      ),
    );
    assert.deepEqual([rejected.code, rejected.fix.action], ['signedOut', 'signIn']);
    const localOnly = only(
      openPullRequestGate(connected({ state: 'localOnly', reason: 'The remote origin is not on GitHub.' }), config),
    );
    assert.equal(localOnly.code, 'localOnly');
    assert.match(localOnly.reason, /locally only \(The remote origin is not on GitHub\)/);
  });

  it('leaves transient GitHub errors to the attempt itself', () => {
    assert.equal(
      openPullRequestGate(connected({ state: 'error', kind: 'offline', message: 'Offline.' }, true), config).ok,
      true,
    );
  });

  it('refuses a dirty tree with the count of changes, when the setting asks for a clean one', () => {
    const dirty = local({ changes: { staged: 1, unstaged: 2, untracked: 0, conflicted: 1 } });
    const f = only(openPullRequestGate(dirty, config));
    assert.equal(f.code, 'dirtyTree');
    assert.match(f.reason, /4 uncommitted changes, 1 of them conflicted/);
    assert.equal(f.fix.action, 'commitOrStash');
    assert.equal(openPullRequestGate(dirty, { ...config, requireCleanTree: false }).ok, true);
    assert.match(
      only(openPullRequestGate(local({ changes: { staged: 0, unstaged: 1, untracked: 0, conflicted: 0 } }), config))
        .reason,
      /1 uncommitted change;/,
    );
  });

  it('requires local tests that ran for this commit', () => {
    const notRun = only(openPullRequestGate(local({ tests: { state: 'notRun' } }), config));
    assert.equal(notRun.code, 'testsNotRun');
    assert.match(notRun.reason, /not run for 1111111\./);
    assert.equal(notRun.fix.action, 'runTests');

    const record = {
      outcome: 'failed' as const,
      commit: SHA.head,
      treeFingerprint: 'f1',
      command: 'npm test',
      failed: 3,
      durationMs: 900,
      finishedAt: iso(1),
    };
    const failed = only(openPullRequestGate(local({ tests: { state: 'failed', record } }), config));
    assert.equal(failed.code, 'testsFailed');
    assert.match(failed.reason, /failed for 1111111 \(3 tests failed\)/);
    assert.equal(failed.fix.action, 'runTests');

    assert.equal(
      openPullRequestGate(local({ tests: { state: 'notRun' } }), { ...config, requireLocalTests: false }).ok,
      true,
    );
  });

  it('says why a test result went stale: HEAD moved, or the tree changed', () => {
    const base = {
      outcome: 'passed' as const,
      treeFingerprint: 'f0',
      command: 'npm test',
      durationMs: 900,
      finishedAt: iso(30),
    };
    const moved = only(
      openPullRequestGate(local({ tests: { state: 'stale', record: { ...base, commit: SHA.previous } } }), config),
    );
    assert.equal(moved.code, 'testsStale');
    assert.match(moved.reason, /tested 4444444 and HEAD is now 1111111/);
    const edited = only(
      openPullRequestGate(local({ tests: { state: 'stale', record: { ...base, commit: SHA.head } } }), config),
    );
    assert.match(edited.reason, /working tree changed since the last run on 1111111/);
    assert.equal(edited.fix.action, 'runTests');
  });

  it('refuses a branch behind develop, offering to update from it', () => {
    const f = only(openPullRequestGate(local({ behindDevelop: 3 }), config));
    assert.equal(f.code, 'behindBase');
    assert.match(f.reason, /feature\/login is 3 commits behind develop/);
    assert.deepEqual(f.fix, { label: 'Update from develop', action: 'updateFromBase' });
  });

  it('refuses a branch with nothing to propose', () => {
    assert.equal(only(openPullRequestGate(local({ aheadOfDevelop: 0 }), config)).code, 'nothingToPropose');
  });

  it('refuses when the remote branch has commits the push would overwrite', () => {
    const f = only(openPullRequestGate(local({ behindUpstream: 2 }), config));
    assert.equal(f.code, 'behindUpstream');
    assert.match(f.reason, /origin\/feature\/login has 2 commits this branch lacks/);
  });

  it('compares a hotfix with production when the caller measured it, and skips develop', () => {
    const hotfix = local({ branch: 'hotfix/crash', behindDevelop: 7, aheadOfDevelop: 0 });
    assert.equal(openPullRequestGate(hotfix, config, { hotfix: true }).ok, true, 'develop does not matter to a hotfix');
    const behind = only(openPullRequestGate(hotfix, config, { hotfix: true, baseDivergence: { ahead: 1, behind: 2 } }));
    assert.match(behind.reason, /hotfix\/crash is 2 commits behind main/);
    assert.equal(
      only(openPullRequestGate(hotfix, config, { hotfix: true, baseDivergence: { ahead: 0, behind: 0 } })).code,
      'nothingToPropose',
    );
  });

  it('lists every problem at once, each with a reason and a fix', () => {
    const result = openPullRequestGate(
      snapshot({
        rest: { connection: { state: 'signedOut' } },
        local: {
          changes: { staged: 0, unstaged: 2, untracked: 1, conflicted: 0 },
          tests: { state: 'notRun' },
          behindDevelop: 1,
        },
      }),
      config,
    );
    assert.deepEqual(codes(result), ['signedOut', 'dirtyTree', 'testsNotRun', 'behindBase']);
  });
});

describe('promoteGate', () => {
  it('opens when develop is green and deployed at its head', () => {
    assert.deepEqual(promoteGate(snapshot(), config), { ok: true, warnings: [] });
  });

  it('refuses when develop does not exist', () => {
    const f = only(promoteGate(snapshot({ development: { exists: false, head: undefined } }), config));
    assert.equal(f.code, 'developMissing');
  });

  it('says plainly when there is nothing to promote, whatever else is true', () => {
    const f = only(
      promoteGate(
        snapshot({
          development: { awaitingPromotion: { count: 0, commits: [] }, checks: checks('failing', ['lint']) },
        }),
        config,
      ),
    );
    assert.equal(f.code, 'nothingToPromote');
    assert.match(f.reason, /main already has every commit on develop/);
  });

  it('refuses failing checks, naming them', () => {
    const f = only(promoteGate(snapshot({ development: { checks: checks('failing', ['lint', 'unit']) } }), config));
    assert.equal(f.code, 'developChecksFailing');
    assert.match(f.reason, /develop \(2222222\): lint, unit\./);
    assert.equal(f.fix.action, 'openChecks');
  });

  it('refuses running or missing checks', () => {
    assert.equal(
      only(promoteGate(snapshot({ development: { checks: checks('pending') } }), config)).code,
      'developChecksPending',
    );
    assert.equal(
      only(promoteGate(snapshot({ development: { checks: checks('none') } }), config)).code,
      'developChecksMissing',
    );
    assert.equal(
      only(promoteGate(snapshot({ development: { checks: undefined } }), config)).code,
      'developChecksMissing',
    );
  });

  it("requires the development deployment of develop's head to have succeeded", () => {
    const dev = (d: Parameters<typeof deployment>[0] | undefined) =>
      promoteGate(
        snapshot({
          development: { deployment: d && deployment({ environment: 'development', sha: SHA.develop, ...d }) },
        }),
        config,
      );
    assert.equal(only(dev(undefined)).code, 'developmentNotDeployed');
    const outdated = only(dev({ sha: SHA.previous }));
    assert.equal(outdated.code, 'developmentDeploymentOutdated');
    assert.match(outdated.reason, /development runs 4444444, not develop's head 2222222/);
    assert.equal(outdated.fix.action, 'openDeployment');
    for (const state of ['queued', 'pending', 'in_progress', 'none'] as const) {
      assert.equal(only(dev({ state })).code, 'developmentDeploymentInProgress', state);
    }
    for (const state of ['failure', 'error', 'inactive'] as const) {
      const f = only(dev({ state }));
      assert.equal(f.code, 'developmentDeploymentFailed', state);
      assert.match(f.reason, new RegExp(`ended in ${state}`));
    }
  });

  it('needs GitHub, and then does not guess at checks it cannot see', () => {
    const signedOut = snapshot({
      rest: { connection: { state: 'signedOut' } },
      development: { checks: undefined, deployment: undefined },
    });
    assert.deepEqual(codes(promoteGate(signedOut, config)), ['signedOut']);
  });

  it('warns about pull requests into develop still in flight, without closing the gate', () => {
    const result = promoteGate(
      snapshot({
        development: {
          pullRequests: [
            pullRequest({ number: 13 }),
            pullRequest({ number: 14, draft: true }),
            pullRequest({ number: 15 }),
          ],
        },
      }),
      config,
    );
    assert.equal(result.ok, true);
    assert.deepEqual(result.warnings, [
      '2 pull requests into develop are still open (#13, #15); this release will not include them.',
    ]);
    const failing = promoteGate(
      snapshot({ development: { checks: checks('pending'), pullRequests: [pullRequest({ number: 13 })] } }),
      config,
    );
    assert.equal(failing.ok, false);
    assert.match(failing.warnings[0] ?? '', /1 pull request into develop is still open \(#13\)/);
  });
});

describe('rollbackGate', () => {
  it('opens with a target other than what production runs', () => {
    assert.deepEqual(rollbackGate(snapshot()), { ok: true, warnings: [] });
  });

  it('needs GitHub', () => {
    assert.deepEqual(codes(rollbackGate(connected({ state: 'signedOut' }))), ['signedOut']);
    assert.deepEqual(codes(rollbackGate(connected({ state: 'localOnly', reason: 'No GitHub remote.' }))), [
      'localOnly',
    ]);
  });

  it('refuses without a rollback target', () => {
    assert.equal(only(rollbackGate(snapshot({ production: { rollbackTarget: undefined } }))).code, 'noRollbackTarget');
  });

  it('refuses a target that production already runs', () => {
    const target = {
      sha: SHA.main,
      source: 'backup' as const,
      tag: 'backup/production-20261128T100000Z',
      createdAt: iso(120),
    };
    const f = only(rollbackGate(snapshot({ production: { rollbackTarget: target } })));
    assert.equal(f.code, 'targetIsCurrent');
    assert.match(f.reason, /already runs 3333333/);
    const undeployed = snapshot({ production: { rollbackTarget: target, deployment: undefined } });
    assert.equal(
      only(rollbackGate(undeployed)).code,
      'targetIsCurrent',
      'without deployments, the branch head is what runs',
    );
  });

  it('warns when a production deployment is still running', () => {
    const result = rollbackGate(snapshot({ production: { deployment: deployment({ state: 'in_progress' }) } }));
    assert.equal(result.ok, true);
    assert.match(result.warnings[0] ?? '', /deployment of 3333333 is still running/);
  });
});

describe('describeGateFailures', () => {
  it('puts each failure on its own line with its fix', () => {
    const result = openPullRequestGate(local({ tests: { state: 'notRun' }, behindDevelop: 2 }), config);
    assert.equal(
      describeGateFailures(failures(result)),
      [
        '• The local tests have not run for 1111111. → Run the tests.',
        '• feature/login is 2 commits behind develop; the tests did not see that code. → Update from develop.',
      ].join('\n'),
    );
  });

  it('is empty for no failures', () => {
    assert.equal(describeGateFailures([]), '');
  });
});

describe('gates (properties)', () => {
  it('give every failure a code, one sentence and a fix, and stay consistent with ok', () => {
    const arbitraryLocal = fc.record({
      detached: fc.boolean(),
      branch: fc.constantFrom('feature/login', 'develop', 'main', 'hotfix/crash'),
      aheadOfDevelop: fc.nat(3),
      behindDevelop: fc.nat(3),
      behindUpstream: fc.nat(2),
      changes: fc.record({ staged: fc.nat(2), unstaged: fc.nat(2), untracked: fc.nat(2), conflicted: fc.nat(1) }),
      tests: fc.constantFrom<LocalPart['tests']>(
        { state: 'notRun' },
        { state: 'stale' },
        { state: 'failed' },
        { state: 'passed' },
      ),
    });
    const connection = fc.constantFrom<GitHubConnection>(
      { state: 'ok' },
      { state: 'signedOut' },
      { state: 'localOnly', reason: 'No remote.' },
    );
    fc.assert(
      fc.property(arbitraryLocal, connection, fc.boolean(), (l, c, hotfix) => {
        const s = snapshot({ local: l, rest: { connection: c } });
        for (const result of [openPullRequestGate(s, config, { hotfix }), promoteGate(s, config), rollbackGate(s)]) {
          assert.equal(result.ok, failures(result).length === 0);
          for (const f of failures(result)) {
            assert.match(f.code, /^[a-z][A-Za-z]+$/);
            assert.match(f.reason, /^[^\n]+[.]$/);
            assert.ok(f.fix.label.length > 0);
          }
        }
      }),
    );
  });
});
