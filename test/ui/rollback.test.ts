import * as assert from 'node:assert/strict';
import { git } from '../support/gitFixtures';
import { ROLLOUT_FAILURE } from '../../tools/sandbox/story';
import {
  useSandboxWorkbench,
  clickInlineAction,
  modalDialog,
  notification,
  pickOption,
  statusBarItem,
  treeRow,
  UI_TIMEOUT,
} from './uiSupport';

/** A background poll (pollInterval 10 s) plus the deploy workflow's own steps. */
const POLL_TIMEOUT = 60_000;

/**
 * The whole production story by clicks: production is green, a user promotes
 * develop, the release fails in production, and they roll it back in three clicks
 * from the failure notification and watch production turn green again.
 */
describe('promoting, a failing release and rolling back in the workbench', function () {
  this.timeout(300_000);
  const env = useSandboxWorkbench({ production: 'success', pollInterval: 10 }, 'rollback-failure');

  it('promotes develop, sees production fail, redeploys the previous release in three clicks and sees it green', async () => {
    const { page } = env.workbench;
    const sandbox = env.sandbox;
    const workbench = env.workbench;
    const fx = sandbox.fx!;
    const story = sandbox.story!;
    // Production runs the 1.1 release; develop carries a change on top of it.
    const previous = story.sha.release.slice(0, 7);
    fx.server.resetRequests();

    await workbench.openEnvFlow();
    await treeRow(page, /^Production, main$/).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(page, new RegExp(`^Deployment succeeded, ${previous} · Live`)).waitFor({
      timeout: UI_TIMEOUT,
    });
    const tagsBefore = await backupTags(sandbox.repo.origin);

    // 1. Promote: the inline action on the commits waiting for promotion, then confirm.
    await clickInlineAction(
      treeRow(page, /^\d+ commits? waiting for promotion, develop ahead of main/),
      'Promote Develop to Production…',
    );
    // The sandbox's leaked secret (secret scanning) stops the promotion until the user overrides it.
    const blocked = modalDialog(page).filter({ hasText: /stops the promotion/ });
    await blocked.waitFor({ timeout: UI_TIMEOUT });
    assert.match((await blocked.textContent()) ?? '', /1 open critical security alert \(secret scanning\)/);
    await blocked.getByRole('button', { name: 'Promote Anyway', exact: true }).click();
    const promote = modalDialog(page).filter({ hasText: /Promote develop to main\?/ });
    await promote.waitFor({ timeout: UI_TIMEOUT });
    await promote.getByRole('button', { name: 'Back Up and Open the Pull Request', exact: true }).click();
    await promote.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    const opened = notification(
      page,
      /Opened release pull request #\d+ \(develop → main\)\. Production was backed up first as backup\/production-/,
    );
    await opened.waitFor({ timeout: UI_TIMEOUT });
    const openedText = (await opened.textContent()) ?? '';
    const number = Number(/#(\d+)/.exec(openedText)?.[1]);
    const tag = /(backup\/production-[0-9TZ]+)/.exec(openedText)?.[1];
    await workbench.screenshot('promote-release-pr');
    // The command is over once it says so: no "Promoting to production" progress left spinning.
    await notification(page, /Promoting to production/).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    const pullPosts = fx.server.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/pulls');
    assert.equal(pullPosts.length, 1, 'one POST /repos/acme/shop/pulls');
    const release = fx.server.state.pulls.find((p) => p.number === number);
    assert.ok(release, `release pull request #${number} is on the server`);
    assert.equal(release.head, 'develop');
    assert.equal(release.base, 'main');
    assert.match(release.body ?? '', new RegExp(escape(tag ?? '<no tag in the notification>')));
    assert.match(
      release.body ?? '',
      /Security gate overridden:.* promoted with 1 open alert at or above the configured severity \(secret scanning\)/,
    );
    const tagsAfter = await backupTags(sandbox.repo.origin);
    const newTags = [...tagsAfter.keys()].filter((name) => !tagsBefore.has(name));
    assert.deepEqual(newTags, [tag], 'the backup tag the notification names was pushed to origin');
    assert.equal(tagsAfter.get(tag!), story.sha.release, 'the backup records production before the release');

    // 2. GitHub merges the release and its deploy workflow fails at 50%.
    const merged = await fx.server.mergePullRequest(number);
    const bad = merged.slice(0, 7);
    const failedDeployment = fx.server.addDeployment({ ref: 'main', environment: 'production' });
    fx.server.scriptDeployment(failedDeployment, [
      { afterMs: 300, state: 'in_progress', description: 'Rolling out · 10 %' },
      { afterMs: 300, state: 'in_progress', description: 'Rolling out · 50 %' },
      { afterMs: 300, state: 'failure', description: ROLLOUT_FAILURE },
    ]);
    assert.equal(
      fx.server.state.deployments.find((d) => d.id === failedDeployment)?.sha,
      merged,
      'the deployment is of the merged release',
    );

    const failed = treeRow(page, new RegExp(`^Deployment failed, ${bad} · ${escape(ROLLOUT_FAILURE)}`));
    await failed.waitFor({ timeout: POLL_TIMEOUT });
    await treeRow(page, /^Production, main · failing$/).waitFor({ timeout: UI_TIMEOUT });
    await statusBarItem(page, /^EnvFlow production: deployment failed/).waitFor({ timeout: UI_TIMEOUT });
    const alert = notification(page, new RegExp(`Production deployment of ${bad} failed: ${escape(ROLLOUT_FAILURE)}`));
    await alert.waitFor({ timeout: UI_TIMEOUT });
    await workbench.screenshot('production-failed-alert');
    // The tree offers the same rollback on the failed row, and nothing still running disables it.
    await failed.hover();
    assert.ok(
      await failed.getByRole('button', { name: 'Roll Back Production…', exact: true }).isEnabled(),
      'Roll Back Production… is enabled on the failed row',
    );

    // 3. Roll back in three clicks. Click 1: "Roll Back…" on the failure notification.
    await alert.getByRole('button', { name: 'Roll Back…', exact: true }).click();
    // Click 2: the previous release, the deployment that last succeeded.
    await pickOption(page, new RegExp(`${previous}.*deployment #${story.productionDeployment}`));
    const confirm = modalDialog(page);
    await confirm.waitFor({ timeout: UI_TIMEOUT });
    assert.match((await confirm.textContent()) ?? '', new RegExp(`Roll back production to ${previous}\\?`));
    // Click 3: confirm the redeploy.
    await confirm.getByRole('button', { name: `Redeploy ${previous}`, exact: true }).click();
    await confirm.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    await notification(page, new RegExp(`Started the production workflow to roll back to ${previous}`)).waitFor({
      timeout: UI_TIMEOUT,
    });
    // The sandbox plays the production workflow EnvFlow dispatched: the deployment it records ends Live.
    await treeRow(page, new RegExp(`^Deployment succeeded, ${previous} · Live`)).waitFor({
      timeout: POLL_TIMEOUT,
    });
    await treeRow(page, /^Production, main$/).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(
      page,
      new RegExp(`^Rolled back to ${previous}, main and develop still carry the change that failed`),
    ).waitFor({ timeout: UI_TIMEOUT });
    await statusBarItem(page, /^EnvFlow production: deployment succeeded/).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(
      await statusBarItem(page, /^EnvFlow production: deployment failed/).count(),
      0,
      'the production item no longer says failing',
    );
    await workbench.screenshot('rollback-green');

    // EnvFlow records no deployment itself: it starts the production workflow once, which records it.
    // The workflow's own steps (curl on the sandbox's runner) post the record; EnvFlow never does.
    const posted = fx.server.requests.filter((r) => r.method === 'POST' && !r.userAgent?.startsWith('curl/'));
    assert.equal(
      posted.filter((r) => r.path === '/repos/acme/shop/deployments').length,
      0,
      'EnvFlow created no deployment',
    );
    assert.equal(
      posted.filter((r) => r.path === '/repos/acme/shop/actions/workflows/deploy.yml/dispatches').length,
      1,
      'exactly one dispatch of the production workflow',
    );
    assert.deepEqual(fx.server.state.workflowDispatches.at(-1)?.inputs.target, story.sha.release);
    const deployment = fx.server.state.deployments.at(-1)!;
    assert.equal(deployment.environment, 'production');
    assert.equal(deployment.sha, story.sha.release);
  });
});

/** The backup tags in a repository, each with the commit it points at. */
async function backupTags(repository: string): Promise<Map<string, string>> {
  const lines = await git(repository, [
    'for-each-ref',
    '--format=%(refname:short) %(*objectname) %(objectname)',
    'refs/tags/backup',
  ]);
  // Annotated tags peel to their commit (%(*objectname)); lightweight ones have none.
  return new Map(
    lines
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, peeled, object] = line.split(' ');
        return [name, peeled || object];
      }),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
