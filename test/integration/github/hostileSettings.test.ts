/**
 * Settings are input: a committed `.vscode/settings.json` (honoured once the folder is
 * trusted) can hold any text. A branch or environment name holding `..`, an option or a
 * newline must not retarget a request. Each hostile value goes through the model (what
 * every refresh and command starts from) and straight to the client (the last line of
 * defence), and the test reads back the request paths the GitHub API server saw.
 */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import { createGitHubFixture, FIXTURE_OWNER, FIXTURE_REPO, type GitHubFixture } from '../../support/githubFixture';
import { fixtureClient, githubModel } from '../../support/githubModel';
import { openCounted } from '../../support/openRepository';

const hostileBranches = [
  '..',
  'main/../../x',
  '../../../user',
  'main/./..',
  '--upload-pack=touch /tmp/x',
  'main\nx',
  'a//b',
  '.',
];
const hasDotSegment = (name: string): boolean =>
  name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
const hostileEnvironments = ['..', '../../../user', 'prod\n', ' production'];

const hostileSettings: [string, Partial<FlowConfig>][] = [
  ...hostileBranches.map((value): [string, Partial<FlowConfig>] => ['developBranch', { developBranch: value }]),
  ...hostileBranches.map((value): [string, Partial<FlowConfig>] => ['productionBranch', { productionBranch: value }]),
  ...hostileBranches.map((value): [string, Partial<FlowConfig>] => [
    'branchPrefixes',
    { branchPrefixes: ['feature', value] },
  ]),
  ...hostileEnvironments.map((value): [string, Partial<FlowConfig>] => [
    'environments.development',
    { developmentEnvironment: value },
  ]),
  ...hostileEnvironments.map((value): [string, Partial<FlowConfig>] => [
    'environments.production',
    { productionEnvironment: value },
  ]),
];

describe('hostile setting values', function () {
  this.timeout(60_000);
  let fx: GitHubFixture;
  let refused = 0;
  const repositoryPath = `/repos/${FIXTURE_OWNER}/${FIXTURE_REPO}/`;

  before(async () => {
    fx = await createGitHubFixture({ name: 'hostile-settings' });
  });
  after(async () => {
    await fx.dispose();
    console.log(
      `hostile settings: ${hostileSettings.length + hostileBranches.filter(hasDotSegment).length} cases, ${refused} refused before a request`,
    );
  });

  it('keeps the repository local-only, naming the setting, and sends GitHub no request', async () => {
    const { repo } = await openCounted(fx.repo.root);
    for (const [setting, values] of hostileSettings) {
      const config: FlowConfig = { ...defaultFlowConfig, apiUrl: fx.apiUrl, ...values };
      const model = githubModel(fx, {
        git: repo,
        config: () => config,
        fetchEvery: 0,
      });
      fx.server.resetRequests();
      const remote = await model.githubRemote();
      assert.ok('reason' in remote, `${setting} = ${JSON.stringify(values)} was accepted`);
      assert.match(
        remote.reason,
        new RegExp(`^The setting envflow\\.${setting.replace('.', '\\.')} is not usable: .*local-only mode\\.$`),
      );
      // A refresh may refuse the bad branch name locally too; either way GitHub hears nothing.
      const refresh = await model.refresh('full').then(
        (r) => r.snapshot.connection,
        (error: unknown) => error,
      );
      assert.deepEqual(
        fx.server.requests.map((r) => `${r.method} ${r.path}`),
        [],
        `${setting} = ${JSON.stringify(values)} (refresh: ${JSON.stringify(refresh)})`,
      );
      refused++;
    }
  });

  it('reaches no other endpoint even when a hostile branch name gets past the settings check', async () => {
    const client = fixtureClient(fx);
    const protection = {
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
    };
    fx.server.resetRequests();
    for (const branch of hostileBranches) {
      const before = fx.server.requests.length;
      await Promise.allSettled([
        client.getBranchProtection(branch),
        client.updateBranchProtection(branch, protection),
        client.getRef(`heads/${branch}`),
      ]);
      const sent = fx.server.requests.length - before;
      if (hasDotSegment(branch)) {
        assert.equal(sent, 0, `${JSON.stringify(branch)} reached the server`);
        refused++;
      }
    }
    // The rest are percent-encoded into one branch's path: none leaves the repository or climbs out of it.
    const paths = fx.server.requests.map((r) => r.path);
    assert.ok(paths.length > 0, 'the control: names without a dot segment are sent, encoded');
    assert.deepEqual(
      paths.filter((path) => !path.startsWith(repositoryPath) || /\/\.{1,2}(?:\/|\?|$)|%2e%2e|\n/i.test(path)),
      [],
    );
  });
});
