import * as assert from 'node:assert/strict';
import { pushTriggers, type PushFilters } from '../../../tools/pipeline/pushTriggers';

/** Which pushes start a workflow, by its on.push filters, as GitHub's docs state them. */
describe('the sandbox runner: which pushes start a workflow', () => {
  const cases: [string, PushFilters | null | undefined, string, boolean][] = [
    ['no push trigger', undefined, 'refs/heads/main', false],
    ['on: push with no filters takes a branch', null, 'refs/heads/main', true],
    ['on: push with no filters takes a tag', {}, 'refs/tags/v1', true],
    ['a listed branch', { branches: ['main'] }, 'refs/heads/main', true],
    ['another branch', { branches: ['main'] }, 'refs/heads/develop', false],
    ['branch filters only: a tag push starts nothing', { branches: ['main'] }, 'refs/tags/backup/x', false],
    ['tag filters only: a branch push starts nothing', { tags: ['v*'] }, 'refs/heads/main', false],
    ['* stops at a slash', { branches: ['release/*'] }, 'refs/heads/release/1/hotfix', false],
    ['** crosses slashes', { branches: ['release/**'] }, 'refs/heads/release/1/hotfix', true],
    ['a later ! pattern excludes', { branches: ['feature/*', '!feature/wip'] }, 'refs/heads/feature/wip', false],
    ['branches-ignore', { 'branches-ignore': ['develop'] }, 'refs/heads/develop', false],
    ['branches-ignore lets others through', { 'branches-ignore': ['develop'] }, 'refs/heads/main', true],
    ['a dot is literal', { branches: ['v1.0'] }, 'refs/heads/v1x0', false],
    ['not a branch or a tag', {}, 'refs/pull/1/head', false],
  ];
  for (const [title, filters, ref, expected] of cases) {
    it(`${title}: ${ref} → ${expected ? 'starts' : 'does not start'}`, () => {
      assert.equal(pushTriggers(filters, ref), expected);
    });
  }
});
