// `npm start`: build, then run EnvFlow in a real VS Code on a sandbox repository
// (tools/sandbox/start.ts). Arguments pass through, e.g. `npm start -- --desktop`.
import { spawnSync } from 'node:child_process';
import { preflight } from './preflight.mjs';

preflight('start', process.argv.slice(2));

const step = (command, args) => {
  // Windows runs the .cmd shims of node_modules/.bin only through a shell.
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
};
step('node_modules/.bin/tsc', ['-p', '.']);
step('node', ['esbuild.mjs']);
step('node', ['out/tools/sandbox/start.js', ...process.argv.slice(2)]);
