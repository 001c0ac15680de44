import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import {
  useSandboxWorkbench,
  answerInputBox,
  clickInlineAction,
  clickViewTitleAction,
  modalDialog,
  notification,
  pickOption,
  statusBarItem,
  treeRow,
  UI_TIMEOUT,
} from './uiSupport';

/** The sandbox's `npm test` runs test.js; these are what the developer writes into it. */
const FAILING_TEST = "console.log('0 passing');\nconsole.log('1 failing');\nprocess.exit(1);\n";
const PASSING_TEST = "console.log('1 passing');\n";

/**
 * The dev loop a newcomer walks by clicks and keystrokes: start a branch, see
 * the tests fail, be stopped at the pull request gate, fix, pass, open the pull request.
 */
describe('the dev loop in the workbench', function () {
  this.timeout(300_000);
  const name = 'welcome-message';
  const branch = `feature/${name}`;
  const env = useSandboxWorkbench({ production: 'success', branch: 'develop' }, 'devloop-failure');

  it('starts a branch, is stopped by failing tests, fixes them and opens a pull request', async () => {
    const { page } = env.workbench;
    const sandbox = env.sandbox;
    const workbench = env.workbench;
    const { repo } = sandbox;
    const fx = sandbox.fx!;
    await workbench.openEnvFlow();
    await treeRow(page, /^develop, 0 ahead, 0 behind develop/).waitFor({ timeout: UI_TIMEOUT });

    // 1. Start a branch from the view's title bar: prefix, name, Enter.
    await clickViewTitleAction(page, 'Start Branch from Develop…');
    await pickOption(page, /^feature\b/);
    await answerInputBox(page, name);
    await treeRow(page, new RegExp(`^${branch}, 0 ahead, 0 behind develop`)).waitFor({ timeout: UI_TIMEOUT });

    // 2. The developer writes a test that fails and commits it.
    await repo.commit('Greet returning customers', { 'test.js': FAILING_TEST });
    await treeRow(page, new RegExp(`^${branch}, 1 ahead, 0 behind develop`)).waitFor({ timeout: UI_TIMEOUT });

    // 3. Run the tests from the tests row.
    await clickInlineAction(treeRow(page, /^Tests not run for this commit/), 'Run Tests Locally');
    await treeRow(page, /^Tests failed, 0 passed, 1 failed/).waitFor({ timeout: 60_000 });
    await statusBarItem(page, new RegExp(`^EnvFlow: ${branch}, tests failed`)).waitFor({ timeout: UI_TIMEOUT });

    // 4. The gate refuses the pull request, says why, and offers to run the tests.
    await clickInlineAction(treeRow(page, /^No pull request, open one into develop/), 'Open Pull Request…');
    const gate = modalDialog(page);
    await gate.waitFor({ timeout: UI_TIMEOUT });
    await assertText(gate, /The pull request gate is closed\./);
    await assertText(gate, /The local tests failed for [0-9a-f]{7} \(1 test failed\)\./);
    await gate.getByRole('button', { name: /run the tests/i }).waitFor();
    await workbench.screenshot('devloop-gate-refused');
    await gate.getByRole('button', { name: 'Cancel' }).click();
    await gate.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    assert.ok(
      !fx.server.requests.some((r) => r.method === 'POST' && r.path.endsWith('/pulls')),
      'no pull request was created while the gate was closed',
    );

    // 5. Fix the test, commit, run the tests again from the status bar.
    const head = await repo.commit('Make the greeting test pass', { 'test.js': PASSING_TEST });
    await treeRow(page, new RegExp(`^${branch}, 2 ahead, 0 behind develop`)).waitFor({ timeout: UI_TIMEOUT });
    await statusBarItem(page, new RegExp(`^EnvFlow: ${branch}, tests not run for the current changes`)).click({
      timeout: UI_TIMEOUT,
    });
    await treeRow(page, /^Tests passed, 1 passed/).waitFor({ timeout: 60_000 });

    // 6. Open the pull request: the gate is open now.
    await clickInlineAction(treeRow(page, /^No pull request, open one into develop/), 'Open Pull Request…');
    await pickOption(page, /Create Pull Request/);
    const opened = notification(page, /Opened pull request #\d+ into develop\./);
    await opened.waitFor({ timeout: 60_000 });
    const number = Number(/#(\d+)/.exec((await opened.textContent()) ?? '')?.[1]);
    const prRow = treeRow(page, new RegExp(`^#${number} Welcome message, into develop`));
    await prRow.waitFor({ timeout: UI_TIMEOUT });
    // Selecting the row also takes focus back from the status bar item, whose hover would cover it.
    await prRow.click();
    await workbench.screenshot('devloop-pr-opened');

    // What GitHub received: one pull request carrying the local test receipt, and the status.
    const posts = fx.server.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/pulls');
    assert.equal(posts.length, 1, 'one POST /repos/acme/shop/pulls');
    const pull = fx.server.state.pulls.find((p) => p.number === number);
    assert.ok(pull, `pull request #${number} is on the server`);
    assert.equal(pull.head, branch);
    assert.equal(pull.base, 'develop');
    assert.equal(pull.headSha, head);
    assert.match(pull.body ?? '', /### Local tests/);
    assert.match(pull.body ?? '', /\| Result \| ✅ passed \|/);
    assert.match(pull.body ?? '', new RegExp(`\\| Commit \\| ${head.slice(0, 12)} \\|`));
    assert.match(pull.body ?? '', /\| Counts \| 1 passed/);
    const status = fx.server.state.commitStatuses.find((s) => s.sha === head && s.context === 'envflow/local-tests');
    assert.ok(status, 'envflow/local-tests was posted on the tested commit');
    assert.equal(status.state, 'success');
  });
});

async function assertText(locator: Locator, expected: RegExp): Promise<void> {
  const text = (await locator.textContent()) ?? '';
  assert.match(text, expected);
}
