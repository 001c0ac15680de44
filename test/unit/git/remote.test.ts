import * as assert from 'node:assert/strict';
import { parseGitHubRemote, type GitHubRemote } from '../../../src/core/git/remote';

const dotcom = (owner: string, repo: string): GitHubRemote => ({
  host: 'github.com',
  owner,
  repo,
  webUrl: `https://github.com/${owner}/${repo}`,
  apiUrl: 'https://api.github.com',
});

describe('parseGitHubRemote', () => {
  const cases: [string, GitHubRemote][] = [
    ['https://github.com/octo/hello.git', dotcom('octo', 'hello')],
    ['https://github.com/octo/hello', dotcom('octo', 'hello')],
    ['https://github.com/octo/hello/', dotcom('octo', 'hello')],
    ['https://GitHub.com/Octo/Hello.World.git', dotcom('Octo', 'Hello.World')],
    ['https://x-access-token:ghp_abcdefghijklmnopqrstuvwxyz123456@github.com/octo/hello.git', dotcom('octo', 'hello')],
    ['https://user@github.com/octo/hello.git', dotcom('octo', 'hello')],
    ['ssh://git@github.com/octo/hello.git', dotcom('octo', 'hello')],
    ['ssh://git@ssh.github.com:443/octo/hello.git', dotcom('octo', 'hello')],
    ['git@github.com:octo/hello.git', dotcom('octo', 'hello')],
    ['git@github.com:octo/hello', dotcom('octo', 'hello')],
    ['github.com:octo/my-repo_1.git', dotcom('octo', 'my-repo_1')],
    ['git://github.com/octo/hello.git', dotcom('octo', 'hello')],
  ];
  for (const [url, expected] of cases) {
    it(`parses ${url.replace(/ghp_\w+/, 'ghp_…')}`, () => {
      assert.deepEqual(parseGitHubRemote(url), expected);
    });
  }

  it('never keeps embedded credentials', () => {
    const parsed = parseGitHubRemote('https://me:s3cret-token@github.com/octo/hello.git');
    assert.ok(!JSON.stringify(parsed).includes('s3cret'));
    assert.ok(!JSON.stringify(parsed).includes('me:'));
  });

  it('maps a GitHub Enterprise Server host to the configured API URL when the hosts match', () => {
    const expected = {
      host: 'ghe.corp.example',
      owner: 'team',
      repo: 'svc',
      webUrl: 'https://ghe.corp.example/team/svc',
      apiUrl: 'https://ghe.corp.example/api/v3',
    };
    assert.deepEqual(
      parseGitHubRemote('https://ghe.corp.example/team/svc.git', 'https://ghe.corp.example/api/v3/'),
      expected,
    );
    assert.deepEqual(
      parseGitHubRemote('git@ghe.corp.example:team/svc.git', 'https://ghe.corp.example/api/v3'),
      expected,
    );
    assert.deepEqual(
      parseGitHubRemote('ssh://git@GHE.corp.example:2222/team/svc', 'https://ghe.corp.example/api/v3'),
      expected,
    );
  });

  it('maps a GHE.com host whose API is api.<host>', () => {
    const parsed = parseGitHubRemote('https://octocorp.ghe.com/team/svc.git', 'https://api.octocorp.ghe.com');
    assert.deepEqual(parsed, {
      host: 'octocorp.ghe.com',
      owner: 'team',
      repo: 'svc',
      webUrl: 'https://octocorp.ghe.com/team/svc',
      apiUrl: 'https://api.octocorp.ghe.com',
    });
  });

  it('gives a reason for a host that is not GitHub', () => {
    assert.deepEqual(parseGitHubRemote('https://gitlab.com/group/project.git'), {
      reason: 'origin points to gitlab.com, which is not GitHub: EnvFlow works in local-only mode.',
    });
    assert.deepEqual(parseGitHubRemote('git@bitbucket.org:team/repo.git'), {
      reason: 'origin points to bitbucket.org, which is not GitHub: EnvFlow works in local-only mode.',
    });
    // A GHES API URL for another host does not make an unrelated host GitHub.
    assert.ok('reason' in parseGitHubRemote('https://gitlab.com/a/b', 'https://ghe.corp.example/api/v3'));
  });

  const localOnly = [
    '/srv/git/repo.git',
    './origin.git',
    '../origin.git',
    'file:///srv/git/repo.git',
    'C:\\repos\\origin.git',
    'C:/repos/origin.git',
    '',
  ];
  for (const url of localOnly) {
    it(`gives a reason for the local URL ${JSON.stringify(url)}`, () => {
      const parsed = parseGitHubRemote(url);
      assert.ok('reason' in parsed);
      assert.match(parsed.reason, /local-only mode\.$/);
    });
  }

  it('gives a reason for paths that are not owner/repo and for unknown transports', () => {
    for (const url of [
      'https://github.com/octo',
      'https://github.com/octo/hello/tree/main',
      'https://github.com/-bad/hello',
      'ftp://github.com/octo/hello',
      'https://github.com/octo/..',
    ]) {
      const parsed = parseGitHubRemote(url);
      assert.ok('reason' in parsed, url);
      assert.match(parsed.reason, /local-only mode\.$/);
    }
  });

  it('ignores an unparsable configured API URL', () => {
    assert.ok('reason' in parseGitHubRemote('https://ghe.corp.example/a/b', 'not a url'));
    assert.equal(
      (parseGitHubRemote('https://github.com/a/b', 'not a url') as GitHubRemote).apiUrl,
      'https://api.github.com',
    );
  });
});
