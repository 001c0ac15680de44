import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, type GitErrorCode } from '../../../src/core/git/errors';
import { GitRepository, openRepository } from '../../../src/core/git/repository';
import { createFixtureRepo, createUnbornRepo, git, type FixtureRepo } from '../../support/gitFixtures';
import { layerEnv, openCounted } from '../../support/openRepository';

const failsWith =
  (code: GitErrorCode) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof GitError, `expected a GitError, got ${String(error)}`);
    assert.equal(error.code, code, `${error.message}\n${error.stderr ?? ''}`);
    return true;
  };

describe('GitRepository operations', () => {
  let fixture: FixtureRepo;
  let repo: GitRepository;

  beforeEach(async () => {
    fixture = await createFixtureRepo({ name: 'ops', developAhead: 1 });
    repo = (await openCounted(fixture.root)).repo;
  });
  afterEach(() => fixture.dispose());

  /** A second developer's clone of the same origin. */
  async function teammateClone(): Promise<string> {
    const clone = join(fixture.base, 'teammate');
    await git(fixture.base, ['clone', '--quiet', '--', fixture.origin, clone]);
    return clone;
  }

  describe('openRepository', () => {
    it('gives undefined outside a work tree: missing folder, plain folder, .git folder', async () => {
      const plain = mkdtempSync(join(tmpdir(), 'envflow-plain-'));
      try {
        assert.equal(await openRepository(join(plain, 'missing'), { env: layerEnv }), undefined);
        assert.equal(await openRepository(plain, { env: layerEnv }), undefined);
        assert.equal(await openRepository(join(fixture.root, '.git'), { env: layerEnv }), undefined);
      } finally {
        rmSync(plain, { recursive: true, force: true });
      }
    });

    it('reports NotARepository when a repository disappears, and a missing git binary as a GitError', async () => {
      const plain = mkdtempSync(join(tmpdir(), 'envflow-plain-'));
      try {
        await assert.rejects(
          new GitRepository(plain, { env: layerEnv }).readState('develop', 'main'),
          failsWith('NotARepository'),
        );
        await assert.rejects(openRepository(fixture.root, { gitPath: '/nonexistent/bin/git' }), (error: unknown) => {
          assert.ok(error instanceof GitError);
          assert.match(error.message, /Git could not be started/);
          return true;
        });
      } finally {
        rmSync(plain, { recursive: true, force: true });
      }
    });
  });

  describe('remotes', () => {
    it('lists none, one, or several remotes with separate push URLs and hides credentials', async () => {
      const unborn = await createUnbornRepo();
      try {
        assert.deepEqual(await (await openCounted(unborn.root)).repo.remotes(), []);
      } finally {
        await unborn.dispose();
      }
      assert.deepEqual(await repo.remotes(), [{ name: 'origin', fetchUrl: fixture.origin, pushUrl: fixture.origin }]);
      await fixture.git(
        'remote',
        'add',
        'upstream',
        'https://x-access-token:ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/octo/hello.git',
      );
      await fixture.git('remote', 'set-url', '--push', 'upstream', 'git@github.com:me/hello.git');
      const remotes = await repo.remotes();
      assert.deepEqual(remotes[1], {
        name: 'upstream',
        fetchUrl: 'https://***@github.com/octo/hello.git',
        pushUrl: 'git@github.com:me/hello.git',
      });
      assert.ok(!JSON.stringify(remotes).includes('ghp_'));
    });
  });

  describe('branches', () => {
    it('creates a branch from origin/develop without tracking it, pushes it with an upstream, and switches back', async () => {
      await repo.createAndSwitchBranch('feature/login', 'origin/develop');
      let state = await repo.readState('develop', 'main');
      assert.equal(state.branch, 'feature/login');
      assert.equal(state.upstream, undefined);
      assert.equal(state.headSha, state.develop?.sha);
      await fixture.commit('Login', { 'login.txt': 'x\n' });
      await repo.push('origin', 'feature/login', { setUpstream: true });
      state = await repo.readState('develop', 'main');
      assert.equal(state.upstream, 'origin/feature/login');
      assert.equal(state.aheadOfUpstream, 0);
      assert.equal(await repo.branchExists('feature/login', { remote: 'origin' }), true);
      await repo.switchBranch('main');
      assert.equal((await repo.readState('develop', 'main')).branch, 'main');
    });

    it('refuses to recreate an existing branch', async () => {
      await assert.rejects(repo.createAndSwitchBranch('main', 'develop'), failsWith('BranchExists'));
    });

    it('refuses to switch over local changes it would overwrite', async () => {
      await fixture.commit('Develop edits readme', { 'README.md': 'develop\n' });
      await fixture.write('README.md', 'local edit\n');
      await assert.rejects(repo.switchBranch('main'), failsWith('LocalChangesOverwritten'));
      assert.equal(readFileSync(join(fixture.root, 'README.md'), 'utf8'), 'local edit\n');
    });

    it('fails with IndexLocked while another git process holds index.lock', async () => {
      writeFileSync(join(fixture.root, '.git', 'index.lock'), '');
      const error = await repo.createAndSwitchBranch('feature/x', 'main').then(
        () => assert.fail('expected IndexLocked'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof GitError);
      assert.equal(error.code, 'IndexLocked');
      assert.match(error.message, /Another git process is running in this repository \(\.git\/index\.lock exists\)/);
      rmSync(join(fixture.root, '.git', 'index.lock'));
    });

    it('answers hasRef and branchExists for local, remote and missing refs', async () => {
      assert.equal(await repo.hasRef('develop'), true);
      assert.equal(await repo.hasRef('origin/main'), true);
      assert.equal(await repo.hasRef('refs/heads/nope'), false);
      assert.equal(await repo.branchExists('develop'), true);
      assert.equal(await repo.branchExists('nope'), false);
      assert.equal(await repo.branchExists('develop', { remote: 'origin' }), true);
      assert.equal(await repo.branchExists('nope', { remote: 'origin' }), false);
    });
  });

  describe('merge', () => {
    it('stops on a conflict with Conflict (git reports it on stdout) and keeps both sides', async () => {
      const teammate = await teammateClone();
      await git(teammate, ['switch', '--quiet', 'develop']);
      writeFileSync(join(teammate, 'README.md'), 'theirs\n');
      await git(teammate, ['commit', '--quiet', '--all', '-m', 'Teammate edits the readme']);
      await git(teammate, ['push', '--quiet', 'origin', 'develop']);
      const mine = await fixture.commit('I edit the readme', { 'README.md': 'mine\n' });
      await fixture.git('fetch', '--quiet', 'origin');
      await assert.rejects(repo.merge('origin/develop'), failsWith('Conflict'));
      assert.equal(await fixture.git('rev-parse', 'HEAD'), mine, 'my commit stays');
      assert.match(readFileSync(join(fixture.root, 'README.md'), 'utf8'), /mine[\s\S]*theirs/);
    });
  });

  describe('push and fetch', () => {
    it('never forces: a diverged remote branch gives PushRejected and stays as it was', async () => {
      const teammate = await teammateClone();
      await git(teammate, ['switch', '--quiet', 'develop']);
      await git(teammate, ['commit', '--quiet', '--allow-empty', '-m', 'Teammate change']);
      await git(teammate, ['push', '--quiet', 'origin', 'develop']);
      const remoteBefore = await git(fixture.origin, ['rev-parse', 'develop']);
      await fixture.commit('My change', { 'mine.txt': 'mine\n' });
      await assert.rejects(repo.push('origin', 'develop'), failsWith('PushRejected'));
      assert.equal(await git(fixture.origin, ['rev-parse', 'develop']), remoteBefore);
    });

    it('fetches all or named branches and reports an unreachable remote', async () => {
      const teammate = await teammateClone();
      await git(teammate, ['switch', '--quiet', 'develop']);
      await git(teammate, ['commit', '--quiet', '--allow-empty', '-m', 'Teammate change']);
      await git(teammate, ['push', '--quiet', 'origin', 'develop']);
      const remoteDevelop = await git(teammate, ['rev-parse', 'HEAD']);
      await repo.fetch('origin', ['develop']);
      assert.equal(await fixture.git('rev-parse', 'origin/develop'), remoteDevelop);
      await git(teammate, ['switch', '--quiet', '--create', 'feature/t']);
      await git(teammate, ['push', '--quiet', 'origin', 'feature/t']);
      await repo.fetch();
      assert.equal(await repo.branchExists('feature/t', { remote: 'origin' }), true);
      await fixture.git('remote', 'add', 'gone', join(fixture.base, 'no-such-origin.git'));
      await assert.rejects(repo.fetch('gone'), failsWith('RemoteUnreachable'));
      await assert.rejects(repo.fetch('origin', ['no-such-branch']), failsWith('InvalidRef'));
    });
  });

  describe('tags', () => {
    it('creates and pushes an annotated backup tag, and never moves an existing one', async () => {
      const mainSha = await fixture.git('rev-parse', 'main');
      await repo.createAnnotatedTag('backup/production-20261128T100000Z', mainSha, 'Backup before promotion');
      await repo.pushTag('origin', 'backup/production-20261128T100000Z');
      assert.equal(await git(fixture.origin, ['rev-parse', 'backup/production-20261128T100000Z^{commit}']), mainSha);
      assert.equal(await fixture.git('cat-file', '-t', 'backup/production-20261128T100000Z'), 'tag');
      const state = await repo.readState('develop', 'main');
      assert.equal(state.backups[0]?.sha, mainSha);

      await assert.rejects(
        repo.createAnnotatedTag('backup/production-20261128T100000Z', 'develop', 'again'),
        failsWith('TagExists'),
      );
      assert.equal(await fixture.git('rev-parse', 'backup/production-20261128T100000Z^{commit}'), mainSha);

      // Someone else's tag of the same name on the remote is left alone too.
      await fixture.git('tag', '--delete', 'backup/production-20261128T100000Z');
      await repo.createAnnotatedTag('backup/production-20261128T100000Z', 'develop', 'other');
      await assert.rejects(repo.pushTag('origin', 'backup/production-20261128T100000Z'), failsWith('TagExists'));
      assert.equal(await git(fixture.origin, ['rev-parse', 'backup/production-20261128T100000Z^{commit}']), mainSha);
    });
  });

  describe('history', () => {
    it('reverts commits with new commits and returns the new HEAD', async () => {
      const bad = await fixture.commit('Bad change', { 'README.md': 'broken\n' });
      const head = await repo.revert([bad]);
      assert.equal(head, await fixture.git('rev-parse', 'HEAD'));
      assert.equal(readFileSync(join(fixture.root, 'README.md'), 'utf8'), '# Sandbox service\n');
      assert.match(await fixture.git('log', '-1', '--format=%s'), /^Revert "Bad change"$/);
      assert.equal(await repo.isAncestor(bad, head), true, 'history is kept, not rewritten');
    });

    it('reverts a merge commit with a mainline parent', async () => {
      await fixture.git('switch', '--quiet', 'main');
      await fixture.git('merge', '--quiet', '--no-ff', '-m', 'Release', 'develop');
      const merge = await fixture.git('rev-parse', 'HEAD');
      await assert.rejects(repo.revert([merge]), (e: unknown) => e instanceof GitError);
      await fixture.git('revert', '--abort').catch(() => undefined);
      await repo.revert([merge], { mainline: 1 });
      assert.throws(() => readFileSync(join(fixture.root, 'feature-1.txt')));
    });

    it('stops on a conflicting revert with Conflict', async () => {
      const first = await fixture.commit('First', { 'README.md': 'first\n' });
      await fixture.commit('Second', { 'README.md': 'second\n' });
      await assert.rejects(repo.revert([first]), failsWith('Conflict'));
      assert.equal((await repo.readState('develop', 'main')).changes.conflicted, 1);
    });

    it('finds merge bases, ancestry and logs ranges', async () => {
      const mainSha = await fixture.git('rev-parse', 'main');
      const developSha = await fixture.git('rev-parse', 'develop');
      assert.equal(await repo.mergeBase('main', 'develop'), mainSha);
      assert.equal(await repo.isAncestor('main', 'develop'), true);
      assert.equal(await repo.isAncestor('develop', 'main'), false);
      assert.deepEqual(
        (await repo.log('main..develop', 10)).map((c) => c.sha),
        [developSha],
      );
      assert.deepEqual(
        (await repo.log('develop...main', 10)).map((c) => c.subject),
        ['Develop change 1'],
      );
      const all = await repo.log('develop', 1);
      assert.equal(all.length, 1);
      assert.equal(all[0]?.author, 'Ada Developer');
      await fixture.git('switch', '--quiet', '--orphan', 'unrelated');
      await fixture.commit('Unrelated root');
      assert.equal(await repo.mergeBase('unrelated', 'main'), undefined);
      await assert.rejects(repo.mergeBase('main', 'no-such-ref'), failsWith('InvalidRef'));
      await assert.rejects(repo.log('no-such-ref', 1), failsWith('InvalidRef'));
    });
  });

  describe('stash', () => {
    it('stashes tracked and untracked changes, lists them, and says when there was nothing to stash', async () => {
      assert.equal(await repo.stashPush('EnvFlow: nothing'), undefined);
      assert.deepEqual(await repo.stashList(), []);
      await fixture.write('README.md', 'edit\n');
      await fixture.write('untracked.txt', 'new\n');
      const pushed = await repo.stashPush('EnvFlow: before switching', { includeUntracked: true });
      const [entry, ...rest] = await repo.stashList();
      assert.equal(pushed, entry?.sha);
      assert.deepEqual(rest, []);
      assert.equal(entry?.ref, 'stash@{0}');
      assert.match(entry?.message ?? '', /EnvFlow: before switching/);
      assert.match(entry?.sha ?? '', /^[0-9a-f]{40}$/);
      const state = await repo.readState('develop', 'main');
      assert.deepEqual(state.changes, { staged: 0, unstaged: 0, untracked: 0, conflicted: 0 });
    });
  });

  it('runs concurrent calls with a bounded pool, and one failure does not break the others', async () => {
    const { repo: narrow, processes } = await openCounted(fixture.root, { maxConcurrentProcesses: 1 });
    const results = await Promise.allSettled([
      narrow.hasRef('develop'),
      narrow.mergeBase('main', 'no-such-ref'),
      narrow.isAncestor('main', 'develop'),
      narrow.readState('develop', 'main'),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    assert.ok(processes.length >= 5);
  });
});
