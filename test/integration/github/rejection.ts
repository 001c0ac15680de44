import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/core/github/errors';

/** The GitHubError a call fails with; fails the test when it succeeds or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<GitHubError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected a GitHubError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
