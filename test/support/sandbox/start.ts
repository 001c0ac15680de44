/**
 * `npm start`: EnvFlow from this checkout in a real VS Code on a generated sandbox
 * repository (develop and main, a bare origin), so anyone can try it without a
 * GitHub account or a real project.
 *   default     code-server on 127.0.0.1, open the printed URL in a browser
 *   --desktop   desktop VS Code (`code` on PATH) with --extensionDevelopmentPath
 * Ctrl+C stops it and removes the sandbox.
 */
import { spawn } from 'node:child_process';
import { createFixtureRepo } from '../gitFixtures';
import { startCodeServer } from '../launch/codeServer';
import { repositoryRoot } from '../launch/hostRun';

async function main(): Promise<void> {
  const desktop = process.argv.includes('--desktop');
  const repo = await createFixtureRepo({ name: 'sandbox', developAhead: 2 });
  await repo.git('switch', '--quiet', '--create', 'feature/welcome');
  await repo.commit('Add a welcome message', { 'welcome.txt': 'Hello from the EnvFlow sandbox\n' });
  console.log(`[sandbox] repository: ${repo.root} (origin: ${repo.origin})`);

  const cleanups: (() => Promise<void>)[] = [() => repo.dispose()];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => undefined);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (desktop) {
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${repositoryRoot}`, repo.root], {
      stdio: 'inherit',
    });
    code.on('error', (error) => {
      console.error(`[sandbox] could not start desktop VS Code (${error.message}); run without --desktop for code-server.`);
      void stop();
    });
    console.log('[sandbox] desktop VS Code started; press Ctrl+C here to remove the sandbox.');
    return;
  }
  const port = Number(process.env.ENVFLOW_PORT ?? 0) || undefined;
  const server = await startCodeServer({ workspace: repo.root, port, verbose: process.argv.includes('--verbose') });
  cleanups.push(() => server.stop());
  console.log('\n[sandbox] EnvFlow is running in VS Code (code-server). Open this URL in a browser:\n');
  console.log(`  ${server.workbenchUrl({ extensionDevelopmentPath: repositoryRoot })}\n`);
  console.log('[sandbox] `npm run watch` in another terminal rebuilds on change; reload the window to pick it up.');
  console.log('[sandbox] Ctrl+C stops code-server and removes the sandbox.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
