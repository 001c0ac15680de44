import * as assert from 'node:assert/strict';
import { mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createFixtureRepo,
  createShallowClone,
  createUnbornRepo,
  detachHead,
  git,
  type FixtureRepo,
} from '../../support/gitFixtures';
import { openCounted } from '../../support/openRepository';

const SHA = /^[0-9a-f]{40}$/;

describe('GitRepository.readState', () => {
  let fixture: FixtureRepo;

  beforeEach(async () => {
    // main ← develop (+2) ← feature/login (+1, with local changes)
    fixture = await createFixtureRepo({ name: 'state', developAhead: 2 });
  });
  afterEach(() => fixture.dispose());

  it('costs at most 3 git processes in steady state (2 with nothing moved)', async () => {
    const { repo, processes, reset } = await openCounted(fixture.root);
    await repo.readState('develop', 'main');
    const first = processes.length;
    reset();
    await repo.readState('develop', 'main');
    const steady = processes.length;
    reset();
    await fixture.commit('Work on develop', { 'w.txt': 'w\n' });
    await fixture.git('switch', '--quiet', 'main');
    await repo.readState('develop', 'main');
    const headMoved = processes.length;
    console.log(`      readState git processes: first ${first}, steady ${steady}, after HEAD moved ${headMoved}`);
    assert.ok(steady <= 3, `steady state used ${steady} processes`);
    assert.equal(steady, 2);
    assert.ok(headMoved <= 3, `a moved HEAD used ${headMoved} processes`);
    assert.ok(first <= 4, `the first read used ${first} processes`);
    assert.deepEqual(processes.map((args) => args.find((a) => !a.startsWith('-'))).sort(), [
      'for-each-ref',
      'rev-list',
      'status',
    ]);
  });

  it('reads only develop, production and backups for a refresh, so many branches cost it nothing', async () => {
    const mainSha = await fixture.git('rev-parse', 'main');
    await fixture.git('branch', 'feature/other', 'develop');
    await fixture.git('branch', 'develop-old', 'develop');
    await fixture.git('tag', 'v1.0', mainSha);
    await fixture.git('tag', '-a', '-m', 'Backup', 'backup/production-20261128T100000Z', mainSha);
    const { repo } = await openCounted(fixture.root);
    const all = await repo.readState('develop', 'main');
    const flow = await repo.readState('develop', 'main', 'flow');
    assert.ok(
      all.refs.some((r) => r.name === 'refs/heads/feature/other'),
      'commands still see every branch',
    );
    assert.deepEqual(flow.refs.map((r) => r.name).sort(), [
      'refs/heads/develop',
      'refs/heads/main',
      'refs/remotes/origin/develop',
      'refs/remotes/origin/main',
      'refs/tags/backup/production-20261128T100000Z',
    ]);
    assert.deepEqual({ ...flow, refs: [] }, { ...all, refs: [] }, 'the same state otherwise');
  });

  it('reports every field of a feature branch with local changes, an upstream, develop and main', async () => {
    const mainSha = await fixture.git('rev-parse', 'main');
    const developSha = await fixture.git('rev-parse', 'develop');
    await fixture.git('switch', '--quiet', '--create', 'feature/login', 'develop');
    const featureSha = await fixture.commit('Login form', { 'login.txt': 'form\n', 'tracked.txt': 'one\n' });
    await fixture.git('push', '--quiet', '--set-upstream', 'origin', 'feature/login');
    const localOnlySha = await fixture.commit('Not pushed yet', { 'later.txt': 'later\n' });
    await fixture.write('tracked.txt', 'two\n'); // unstaged
    await fixture.write('staged.txt', 'staged\n');
    await fixture.git('add', 'staged.txt'); // staged
    await fixture.write('notes/untracked-a.txt', 'a\n');
    await fixture.write('untracked-b.txt', 'b\n');
    await fixture.git('tag', '-a', '-m', 'Backup of production', 'backup/production-20261128T100000Z', mainSha);
    await fixture.git('tag', 'v1.0', mainSha);

    const { repo } = await openCounted(fixture.root);
    const state = await repo.readState('develop', 'main');

    assert.equal(state.branch, 'feature/login');
    assert.equal(state.detached, false);
    assert.equal(state.headSha, localOnlySha);
    assert.equal(state.upstream, 'origin/feature/login');
    assert.equal(state.aheadOfUpstream, 1);
    assert.equal(state.behindUpstream, 0);
    // untracked counts entries as `git status` lists them: the notes/ folder is one.
    assert.deepEqual(state.changes, { staged: 1, unstaged: 1, untracked: 2, conflicted: 0 });
    assert.equal(state.aheadOfDevelop, 2);
    assert.equal(state.behindDevelop, 0);
    assert.deepEqual(state.develop && { ...state.develop, date: undefined }, {
      ref: 'refs/remotes/origin/develop',
      sha: developSha,
      subject: 'Develop change 2',
      author: 'Ada Developer',
      date: undefined,
    });
    assert.match(state.develop!.date!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    assert.equal(state.production?.ref, 'refs/remotes/origin/main');
    assert.equal(state.production?.sha, mainSha);
    assert.equal(state.production?.subject, 'Initial commit');
    assert.equal(state.awaitingPromotion.count, 2);
    assert.deepEqual(
      state.awaitingPromotion.commits.map((c) => c.subject),
      ['Develop change 2', 'Develop change 1'],
    );
    assert.ok(state.awaitingPromotion.commits.every((c) => SHA.test(c.sha) && c.author === 'Ada Developer' && c.date));
    assert.deepEqual(
      state.backups.map((b) => ({ tag: b.tag, sha: b.sha })),
      [{ tag: 'backup/production-20261128T100000Z', sha: mainSha }],
    );
    assert.ok(!Number.isNaN(Date.parse(state.backups[0]!.createdAt)));

    const names = state.refs.map((r) => r.name);
    for (const name of [
      'refs/heads/main',
      'refs/heads/develop',
      'refs/heads/feature/login',
      'refs/remotes/origin/main',
      'refs/remotes/origin/develop',
      'refs/remotes/origin/feature/login',
      'refs/tags/v1.0',
    ]) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
    const tag = state.refs.find((r) => r.name === 'refs/tags/backup/production-20261128T100000Z')!;
    assert.equal(tag.peeledSha, mainSha);
    assert.notEqual(tag.sha, mainSha, 'an annotated tag points at its tag object');
    assert.equal(state.refs.find((r) => r.name === 'refs/remotes/origin/feature/login')?.sha, featureSha);
  });

  it('lists at most 20 commits awaiting promotion but counts them all, and follows a moved develop', async () => {
    for (let i = 3; i <= 23; i++) {
      await fixture.git('commit', '--quiet', '--allow-empty', '-m', `Develop change ${i}`);
    }
    const { repo, processes, reset } = await openCounted(fixture.root);
    let state = await repo.readState('develop', 'main');
    // Local develop is 21 commits ahead of origin's, and EnvFlow reads origin's (what the team sees).
    assert.equal(state.develop?.ref, 'refs/remotes/origin/develop');
    assert.equal(state.awaitingPromotion.count, 2);
    assert.equal(state.aheadOfDevelop, 21);
    await fixture.git('push', '--quiet', 'origin', 'develop');
    reset();
    state = await repo.readState('develop', 'main');
    assert.equal(
      processes.length,
      3,
      'develop moved: status, for-each-ref and the promotion log (HEAD equals develop)',
    );
    assert.equal(state.awaitingPromotion.count, 23);
    assert.equal(state.awaitingPromotion.commits.length, 20);
    assert.equal(state.awaitingPromotion.commits[0]!.subject, 'Develop change 23');
    assert.equal(state.aheadOfDevelop, 0);
  });

  it('uses local develop when origin has none, and reports behind develop', async () => {
    await fixture.git('push', '--quiet', 'origin', '--delete', 'develop');
    await fixture.git('fetch', '--quiet', '--prune', 'origin');
    await fixture.git('switch', '--quiet', 'main');
    const { repo } = await openCounted(fixture.root);
    const state = await repo.readState('develop', 'main');
    assert.equal(state.develop?.ref, 'refs/heads/develop');
    assert.equal(state.aheadOfDevelop, 0);
    assert.equal(state.behindDevelop, 2);
  });

  it('reports a missing develop without failing', async () => {
    const noDevelop = await createFixtureRepo({ name: 'nodevelop', withDevelop: false });
    try {
      const { repo } = await openCounted(noDevelop.root);
      const state = await repo.readState('develop', 'main');
      assert.equal(state.develop, undefined);
      assert.equal(state.aheadOfDevelop, undefined);
      assert.equal(state.behindDevelop, undefined);
      assert.deepEqual(state.awaitingPromotion, { count: 0, commits: [] });
      assert.equal(state.production?.ref, 'refs/remotes/origin/main');
      assert.equal(state.branch, 'main');
      assert.equal(state.upstream, 'origin/main');
    } finally {
      await noDevelop.dispose();
    }
  });

  it('reports a detached HEAD', async () => {
    const sha = await detachHead(fixture, 'main');
    const { repo } = await openCounted(fixture.root);
    const state = await repo.readState('develop', 'main');
    assert.equal(state.detached, true);
    assert.equal(state.branch, undefined);
    assert.equal(state.headSha, sha);
    assert.equal(state.upstream, undefined);
    assert.equal(state.behindDevelop, 2);
  });

  it('reports a conflicted file', async () => {
    await fixture.commit('Develop edits readme', { 'README.md': 'develop\n' });
    await fixture.git('switch', '--quiet', 'main');
    await fixture.commit('Main edits readme', { 'README.md': 'main\n' });
    await assert.rejects(fixture.git('merge', '--quiet', 'develop'));
    const { repo } = await openCounted(fixture.root);
    const state = await repo.readState('develop', 'main');
    assert.equal(state.changes.conflicted, 1);
  });

  it('reads an unborn branch of a fresh git init', async () => {
    const unborn = await createUnbornRepo();
    try {
      await writeFile(join(unborn.root, 'a.txt'), 'a\n');
      const { repo, processes } = await openCounted(unborn.root);
      processes.splice(0);
      const state = await repo.readState('develop', 'main');
      assert.equal(state.branch, 'main');
      assert.equal(state.headSha, undefined);
      assert.equal(state.detached, false);
      assert.deepEqual(state.refs, []);
      assert.equal(state.develop, undefined);
      assert.equal(state.production, undefined);
      assert.deepEqual(state.changes, { staged: 0, unstaged: 0, untracked: 1, conflicted: 0 });
      assert.deepEqual(state.backups, []);
      assert.equal(processes.length, 2);
      assert.match(await repo.treeFingerprint(), /^[0-9a-f]{64}$/);
    } finally {
      await unborn.dispose();
    }
  });

  it('reads a shallow clone', async () => {
    const shallow = await createShallowClone(fixture, { branch: 'develop' });
    await git(shallow, ['fetch', '--quiet', '--depth', '1', 'origin', 'main:refs/remotes/origin/main']);
    const { repo } = await openCounted(shallow);
    const state = await repo.readState('develop', 'main');
    assert.equal(state.branch, 'develop');
    assert.equal(state.develop?.ref, 'refs/remotes/origin/develop');
    assert.equal(state.production?.ref, 'refs/remotes/origin/main');
    assert.equal(state.aheadOfDevelop, 0);
    // Shallow history cannot reach the merge base: the count is what git can see, never a failure.
    assert.ok(state.awaitingPromotion.count >= 1);
  });

  it('keeps reading while another git process holds index.lock', async () => {
    await writeFile(join(fixture.root, '.git', 'index.lock'), '');
    const { repo } = await openCounted(fixture.root);
    const state = await repo.readState('develop', 'main');
    assert.equal(state.branch, 'develop');
    await rm(join(fixture.root, '.git', 'index.lock'));
  });

  it('works from a subfolder and reports the top level as root', async () => {
    await mkdir(join(fixture.root, 'src', 'deep'), { recursive: true });
    const { repo } = await openCounted(join(fixture.root, 'src', 'deep'));
    assert.equal(repo.root, await realpath(fixture.root));
  });
});
