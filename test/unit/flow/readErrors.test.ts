/** Which rows a failed read marks, and the one sentence it says. */
import * as assert from 'node:assert/strict';
import { ReadFailures } from '../../../src/core/flow/readFailures';
import { GitHubError } from '../../../src/core/github/errors';
import { readErrorFor, readErrorMessage, readLabels } from '../../../src/core/model/readErrors';
import type { ReadErrors } from '../../../src/core/model/snapshot';

const server = () =>
  new GitHubError(
    'server',
    'GitHub is having trouble (HTTP 500): try again in a minute; the view keeps retrying on its own.',
    { status: 500 },
  );

describe('read errors', () => {
  it('words a failure as one sentence naming the read', () => {
    assert.equal(
      readErrorMessage('reviews', 'GitHub refused access: sign in with an account that has permission.'),
      'Could not read reviews: GitHub refused access: sign in with an account that has permission.',
    );
    assert.equal(
      readErrorMessage('checkRuns', "Can't reach api.github.com: check your connection."),
      "Could not read check runs: can't reach api.github.com: check your connection.",
    );
    assert.ok(Object.values(readLabels).every((label) => label().length > 0));
  });

  it('gathers the items of one read, and a whole-read failure covers them all', () => {
    const failures = new ReadFailures();
    failures.add('checkRuns', server(), 'b'.repeat(40));
    failures.add('checkRuns', server(), 'a'.repeat(40));
    failures.add('deployments', server(), 'production');
    failures.add('deployments', server());
    const errors = failures.toReadErrors();
    assert.deepEqual(
      errors.checkRuns?.about,
      ['a'.repeat(40), 'b'.repeat(40)],
      'sorted, so equal refreshes compare equal',
    );
    assert.equal(errors.deployments?.about, undefined);
    assert.equal(errors.checkRuns?.status, 500);
  });

  it("throws what is not one read's failure", () => {
    const failures = new ReadFailures();
    assert.throws(
      () =>
        failures.add(
          'reviews',
          new GitHubError('unauthorized', 'GitHub rejected the token: sign in again.', { status: 401 }),
        ),
      /sign in again/,
    );
    assert.throws(
      () => failures.add('reviews', new GitHubError('rateLimited', "GitHub's rate limit is used up.", { status: 429 })),
      /rate limit/,
    );
    assert.throws(() => failures.add('reviews', new TypeError('a bug')), TypeError);
    failures.add('reviews', new GitHubError('unauthorized', 'GitHub refused access.', { status: 403 }), 12);
    assert.deepEqual(failures.toReadErrors().reviews?.about, ['12']);
  });

  it('finds the failure that concerns a row, by any of its items', () => {
    const errors: ReadErrors = {
      checkRuns: { kind: 'offline', message: 'Could not read check runs: x.', about: ['abc'] },
      deploymentStatuses: {
        kind: 'server',
        status: 500,
        message: 'Could not read deployment statuses: y.',
        about: ['7'],
      },
      pullRequests: { kind: 'server', status: 502, message: 'Could not read pull requests: z.' },
    };
    assert.equal(readErrorFor(errors, ['checkRuns', 'commitStatuses'], ['abc'])?.about?.[0], 'abc');
    assert.equal(readErrorFor(errors, ['checkRuns', 'commitStatuses'], ['def']), undefined, 'another commit is fresh');
    assert.equal(readErrorFor(errors, ['deployments', 'deploymentStatuses'], ['production', 7])?.status, 500);
    assert.equal(readErrorFor(errors, ['pullRequests'])?.status, 502, 'a whole-read failure concerns every row');
    assert.equal(readErrorFor({}, ['pullRequests']), undefined);
  });
});
