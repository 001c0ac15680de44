/**
 * Starts the test GitHub server from the command line and prints its URL (the first line
 * of stdout), for the sandbox:
 *
 *   node out/tools/githubServer/cli.js --bare <path> --owner o --repo r [--port n] [--token t]
 *     [--poll-interval s] [--latency ms] [--web-url https://github.com]
 *
 * It runs until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startGitHubServer } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bare: { type: 'string' },
      owner: { type: 'string', default: 'octo' },
      repo: { type: 'string', default: 'service' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      'poll-interval': { type: 'string' },
      latency: { type: 'string' },
      'web-url': { type: 'string' },
    },
    strict: true,
  });
  if (!values.bare) {
    throw new Error('--bare <path of the bare repository> is required');
  }
  const server = await startGitHubServer({
    bareRepo: values.bare,
    owner: values.owner ?? 'octo',
    repo: values.repo ?? 'service',
    port: Number(values.port),
    ...(values.token ? { token: values.token } : {}),
    ...(values['poll-interval'] ? { pollIntervalSeconds: Number(values['poll-interval']) } : {}),
    ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
    ...(values['web-url'] ? { webUrl: values['web-url'] } : {}),
  });
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
