/**
 * API text with Markdown and HTML in it (PR titles, check names, deployment descriptions)
 * goes from the GitHub server through the client and the snapshot into the tree's real
 * TreeItems. Every tooltip is an untrusted MarkdownString without HTML, and the hostile
 * text in it is escaped: no `command:` link can be clicked, no `<img>` is rendered.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EnvFlowApi, RepositorySnapshot } from '../../../src/envflow';
import { EnvElement, EnvironmentsTreeProvider } from '../../../src/ui/views/environmentsTree';
import { buildTree, type TreeNodeData } from '../../../src/ui/views/treeModel';
import { adoptFixtureRepo, git } from '../../support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../support/githubFixture';
import { activateEnvFlow, waitForSnapshot } from '../../support/host/hostSupport';

const HOSTILE = '[Run me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> $(zap)';

/** Every row of the tree as VS Code receives it. */
function treeItems(snapshot: RepositorySnapshot): vscode.TreeItem[] {
  const provider = new EnvironmentsTreeProvider();
  const items: vscode.TreeItem[] = [];
  const walk = (nodes: readonly TreeNodeData[], parent?: EnvElement): void => {
    for (const node of nodes) {
      const element = new EnvElement(node, parent);
      items.push(provider.getTreeItem(element));
      walk(node.children ?? [], element);
    }
  };
  walk(buildTree([snapshot], Date.now()));
  provider.dispose();
  return items;
}

describe('tooltips of API text in the tree', function () {
  this.timeout(90_000);
  let api: EnvFlowApi;
  let fx: GitHubFixture;
  const config = () => vscode.workspace.getConfiguration('envflow');

  before(async () => {
    api = await activateEnvFlow();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fx = await createGitHubFixture({ repo: adoptFixtureRepo(root) });
    await git(root, ['switch', '--quiet', '--force-create', 'feature/hostile-tooltip', 'origin/develop']);
    await git(root, ['commit', '--quiet', '--allow-empty', '-m', 'Hostile tooltip']);
    await git(root, ['push', '--quiet', 'origin', 'feature/hostile-tooltip']);
    fx.server.openPullRequest({ head: 'feature/hostile-tooltip', base: 'develop', title: HOSTILE });
    const developSha = await git(root, ['rev-parse', 'origin/develop']);
    fx.server.addCheckRun(developSha, {
      name: HOSTILE,
      status: 'completed',
      conclusion: 'failure',
      details_url: 'https://ci.example/run/1',
    });
    const deployment = fx.server.addDeployment({ ref: 'main', environment: 'production', description: HOSTILE });
    fx.server.addDeploymentStatus(deployment, {
      state: 'failure',
      description: HOSTILE,
      log_url: 'https://ci.example/logs/1',
      environment_url: 'https://prod.example',
    });
    await config().update('github.apiUrl', fx.apiUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.signIn, { token: fx.token });
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.signOut);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await fx?.server.close();
  });

  it('renders every tooltip as untrusted Markdown without HTML, with the API text escaped', async () => {
    await vscode.commands.executeCommand(Commands.refresh);
    const snapshot = await waitForSnapshot(
      api,
      (s) =>
        s.development.pullRequests.some((p) => p.title === HOSTILE) &&
        s.development.checks?.failing.includes(HOSTILE) === true &&
        s.production.deployment?.description === HOSTILE,
      45_000,
    );
    const items = treeItems(snapshot);
    const tooltips = items.map((item) => item.tooltip).filter((tooltip) => tooltip !== undefined);
    assert.ok(tooltips.length > 5);
    for (const tooltip of tooltips) {
      assert.ok(tooltip instanceof vscode.MarkdownString, 'a tooltip as Markdown');
      assert.ok(!tooltip.isTrusted, `a trusted tooltip: ${tooltip.value}`);
      assert.ok(!tooltip.supportHtml, `a tooltip with HTML: ${tooltip.value}`);
      assert.doesNotMatch(tooltip.value, /\]\(command:|(?<!\\)<img|(?<!\\)\$\(zap/, tooltip.value);
    }
    const showingHostile = tooltips.filter((tooltip) => (tooltip as vscode.MarkdownString).value.includes('onerror'));
    // The pull request row, develop's checks, the production deployment (and its history row).
    assert.ok(showingHostile.length >= 3, `hostile text reached ${showingHostile.length} tooltips`);
    for (const item of items) {
      assert.ok(
        item.command === undefined || item.command.command.startsWith('envflow.'),
        `a row runs ${item.command?.command}`,
      );
    }
  });
});
