/**
 * `npm start`: EnvFlow from this checkout in a real VS Code on a generated sandbox —
 * a repository with develop, main and a feature branch whose origin is a local GitHub
 * API server (develop green, a PR open whose unit tests fail with a log to read) where
 * every push, merge and Roll Back runs the workflows Set Up writes, as GitHub would: the
 * release's push rolls out, fails its health check at 50 % and rolls back by itself.
 * Anyone can try every state without a GitHub account.
 *   default      code-server on 127.0.0.1: open the printed URL in a browser
 *   --desktop    desktop VS Code (`code` on PATH) with --extensionDevelopmentPath
 *   --local-only no GitHub server: origin is a plain folder
 * Ctrl+C stops everything and removes the sandbox.
 */
import { spawn } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startCodeServer } from '../../test/support/launch/codeServer';
import { repositoryRoot } from '../../test/support/launch/hostRun';
import { createSandbox } from './sandbox';

async function main(): Promise<void> {
  const desktop = process.argv.includes('--desktop');
  const sandbox = await createSandbox({
    github: !process.argv.includes('--local-only'),
    production: 'failure',
    rolloutStepMs: 8000,
    failingCheck: true,
    workflowsOnPush: true,
  });
  console.log(`[sandbox] repository: ${sandbox.repo.root}`);
  if (sandbox.fx) {
    console.log(`[sandbox] GitHub API server: ${sandbox.fx.apiUrl} (origin ${sandbox.fx.apiUrl}/acme/shop.git)`);
    console.log(
      `[sandbox] merge a pull request as GitHub's merge button does: curl -X PUT -H 'Authorization: Bearer ${sandbox.fx.token}' ${sandbox.fx.apiUrl}/repos/acme/shop/pulls/NUMBER/merge`,
    );
    console.log(
      '[sandbox] story: the release’s push runs deploy.yml: it backs up, rolls out 10% → 50% over the next ~30 s, fails its health check and rolls back by itself. Promote, merge and Roll Back run the same workflows. The PR’s unit tests fail: click the CI item to read the log.',
    );
  }
  const cleanups: (() => Promise<void>)[] = [() => sandbox.dispose()];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => undefined);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (desktop) {
    // Desktop VS Code reads workspace settings; the sandbox token comes from the environment.
    await mkdir(join(sandbox.repo.root, '.vscode'), { recursive: true });
    await writeFile(join(sandbox.repo.root, '.vscode', 'settings.json'), JSON.stringify(sandbox.settings, null, 2));
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${repositoryRoot}`, sandbox.repo.root], {
      stdio: 'inherit',
      env: { ...process.env, ...sandbox.env },
    });
    code.on('error', (error) => {
      console.error(
        `[sandbox] could not start desktop VS Code (${error.message}); run without --desktop for code-server.`,
      );
      void stop();
    });
    console.log('[sandbox] desktop VS Code started; press Ctrl+C here to remove the sandbox.');
    return;
  }
  const port = Number(process.env.ENVFLOW_PORT ?? 0) || undefined;
  const server = await startCodeServer({
    workspace: sandbox.repo.root,
    port,
    settings: sandbox.settings,
    env: sandbox.env,
    verbose: process.argv.includes('--verbose'),
  });
  cleanups.push(() => server.stop());
  console.log('\n[sandbox] EnvFlow is running in VS Code (code-server). Open this URL in a browser:\n');
  console.log(`  ${server.workbenchUrl({ extensionDevelopmentPath: repositoryRoot })}\n`);
  console.log('[sandbox] `npm run watch` in another terminal rebuilds on change; reload the window to pick it up.');
  console.log('[sandbox] Ctrl+C stops code-server and the GitHub server and removes the sandbox.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
