import * as assert from 'node:assert/strict';
import type { CommitInfo } from '../../../src/core/model/snapshot';
import {
  kindOfBranch,
  mergedPullRequestOf,
  releaseBody,
  releaseContents,
  releaseTitle,
} from '../../../src/core/release/releaseNotes';

const sha = (n: number): string => n.toString(16).padStart(7, '0').padEnd(40, 'a');
const commit = (n: number, subject: string): CommitInfo => ({ sha: sha(n), subject });

/** As compare(main, develop) lists them: oldest first, merge commits after what they merged. */
const carried: CommitInfo[] = [
  commit(1, 'Add the login form'),
  commit(2, 'Merge pull request #12 from octo/feature/login'),
  commit(3, 'Guard against an empty cart'),
  commit(4, 'Merge pull request #13 from octo/fix/empty-cart'),
  commit(5, 'Merge pull request #14 from octo/hotfix/tax-rate'),
  commit(6, 'feat(api): expose orders (#15)'),
  commit(7, 'Bump the version'),
  commit(8, "Merge branch 'main' into develop"),
  commit(9, 'Merge pull request #16 from someone/docs/readme'),
];

describe('release notes', () => {
  it('recognises merge and squash commits as pull requests, and nothing else', () => {
    assert.deepEqual(mergedPullRequestOf(carried[1]!), {
      number: 12,
      branch: 'feature/login',
      kind: 'feature',
      sha: sha(2),
    });
    assert.deepEqual(mergedPullRequestOf(carried[5]!), {
      number: 15,
      title: 'feat(api): expose orders',
      kind: 'feature',
      sha: sha(6),
    });
    assert.equal(mergedPullRequestOf(carried[0]!), undefined);
    assert.equal(mergedPullRequestOf(carried[7]!), undefined, "git's own merge subjects are not pull requests");
  });

  it('tells the kind from the branch prefix', () => {
    assert.deepEqual(['feature/a', 'feat/b', 'fix/c', 'bugfix/d', 'hotfix/e', 'docs/f', 'main'].map(kindOfBranch), [
      'feature',
      'feature',
      'fix',
      'fix',
      'hotfix',
      'other',
      'other',
    ]);
  });

  it('keeps every non-merge commit and counts pull requests as the changes', () => {
    const contents = releaseContents(carried);
    assert.deepEqual(
      contents.pullRequests.map((p) => p.number),
      [12, 13, 14, 15, 16],
    );
    assert.deepEqual(
      contents.commits.map((c) => c.subject),
      ['Add the login form', 'Guard against an empty cart', 'feat(api): expose orders (#15)', 'Bump the version'],
    );
    assert.equal(releaseTitle(contents, new Date('2026-11-28T23:59:00Z')), 'Release 2026-11-28: 5 changes');
  });

  it('counts commits as the changes when no pull request was merged', () => {
    assert.equal(
      releaseTitle(releaseContents([commit(1, 'One')]), new Date('2026-01-02T00:00:00Z')),
      'Release 2026-01-02: 1 change',
    );
  });

  it('groups the body by kind, lists the commits and names the backup', () => {
    const body = releaseBody({
      developBranch: 'develop',
      productionBranch: 'main',
      commits: carried,
      backup: { tag: 'backup/production-20261128T100000Z', sha: sha(99) },
      date: new Date('2026-11-28T10:00:00Z'),
    });
    const section = (heading: string): string => {
      const start = body.indexOf(`### ${heading}\n`);
      assert.ok(start >= 0, `no ${heading} section in:\n${body}`);
      const end = body.indexOf('\n### ', start + 1);
      return body.slice(start, end < 0 ? undefined : end);
    };
    assert.match(section('Features'), /- #12 `feature\/login` \(0000002\)/);
    assert.match(section('Features'), /- #15 feat\(api\): expose orders/);
    assert.match(section('Fixes'), /- #13 `fix\/empty-cart`/);
    assert.match(section('Hotfixes'), /- #14 `hotfix\/tax-rate`/);
    assert.match(section('Other pull requests'), /- #16 `docs\/readme`/);
    assert.doesNotMatch(section('Features'), /#13|#14/);
    assert.match(section('Commits'), /4 commits/);
    assert.match(section('Commits'), /Bump the version/);
    assert.match(section('Backup'), /`backup\/production-20261128T100000Z`/);
    assert.match(body, /5 pull requests and 9 commits/);
  });

  it('says when GitHub listed only part of the commits, and keeps subjects from mentioning or opening HTML', () => {
    const body = releaseBody({
      developBranch: 'develop',
      productionBranch: 'main',
      commits: [commit(1, 'Thanks @octocat for <script>')],
      totalCommits: 300,
      date: new Date('2026-11-28T10:00:00Z'),
    });
    assert.match(body, /first 1 of 300 commits/);
    assert.match(body, /@\u200boctocat for &lt;script&gt;/);
    assert.match(body, /No backup was recorded/);
  });
});
