import * as assert from 'node:assert/strict';
import { git } from '../support/gitFixtures';
import {
  useSandboxWorkbench,
  clickInlineAction,
  modalDialog,
  notification,
  statusBarItem,
  treeRow,
  UI_TIMEOUT,
} from './uiSupport';

/** A background poll (pollInterval 10 s) plus the deploy workflow's own steps. */
const POLL_TIMEOUT = 60_000;

/**
 * The whole production story by clicks, on a sandbox where pushes and merges run the
 * workflows Set Up writes: production is green, a user promotes develop, GitHub merges
 * the release, deploy.yml rolls it out, its health check fails at 50 % and the workflow
 * rolls production back by itself; EnvFlow shows the failed commit, what is live and
 * that an automatic rollback happened, and alerts once.
 */
describe('promoting, a failing release and its automatic rollback in the workbench', function () {
  this.timeout(300_000);
  const env = useSandboxWorkbench(
    { production: 'success', pollInterval: 10, workflowsOnPush: true },
    'rollback-failure',
  );

  it('promotes develop, the merged release fails at 50 % and deploy.yml rolls production back by itself', async () => {
    const { page } = env.workbench;
    const sandbox = env.sandbox;
    const workbench = env.workbench;
    const fx = sandbox.fx!;
    const story = sandbox.story!;
    // Production runs the 1.1 release, rolled out by deploy.yml on its push; develop carries a change on top of it.
    const live = story.sha.release.slice(0, 7);
    fx.server.resetRequests();

    await workbench.openEnvFlow();
    await treeRow(page, /^Production, main$/).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(page, new RegExp(`^Deployment succeeded, ${live} · Live`)).waitFor({
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

    // 2. GitHub merges the release; its push runs deploy.yml, whose health check fails at 50 %.
    story.runner.unhealthyAt = 50;
    const merged = await fx.server.mergePullRequest(number);
    const bad = merged.slice(0, 7);

    // 3. The workflow's own rollback: a new deployment of what was live, the failed one kept as failed.
    await treeRow(page, new RegExp(`^Rolled back automatically from ${bad}, live: ${live}`)).waitFor({
      timeout: POLL_TIMEOUT,
    });
    await treeRow(page, new RegExp(`^Deployment succeeded, ${live} · Rolled back automatically from ${bad}`)).waitFor({
      timeout: UI_TIMEOUT,
    });
    await notification(
      page,
      new RegExp(`Production was rolled back automatically: the deployment of ${bad} failed and ${live} is live again`),
    ).waitFor({ timeout: UI_TIMEOUT });
    await statusBarItem(page, /^EnvFlow production: deployment succeeded/).waitFor({ timeout: UI_TIMEOUT });
    await workbench.screenshot('automatic-rollback-after-promote');
    assert.equal(
      await treeRow(page, new RegExp(`^Rollback target ${bad}`)).count(),
      0,
      'the commit whose rollout failed is no rollback target',
    );
    await story.runner.idle();
    story.runner.unhealthyAt = undefined;

    // The merge's push started deploy.yml once; EnvFlow dispatched nothing and recorded no deployment itself.
    const pushed = story.runner.played.filter((run) => run.event.name === 'push' && run.event.sha === merged);
    assert.deepEqual(
      pushed.map((run) => run.workflow),
      ['deploy.yml'],
    );
    const posted = fx.server.requests.filter((r) => r.method === 'POST' && !r.userAgent?.startsWith('curl/'));
    assert.equal(
      posted.filter((r) => r.path === '/repos/acme/shop/deployments').length,
      0,
      'EnvFlow created no deployment',
    );
    assert.equal(fx.server.state.workflowDispatches.length, 0, 'no dispatch: the workflow rolled back by itself');
    const records = fx.server.state.deployments.filter(
      (d) => d.environment === 'production' && (d.payload as { envflow?: number }).envflow === 1,
    );
    const [failed, automatic] = records.slice(-2);
    assert.deepEqual([failed.sha, automatic.sha], [merged, story.sha.release]);
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
