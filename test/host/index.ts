/**
 * Entry point that VS Code loads as `extensionTestsPath`: runs the mocha suite named
 * by $ENVFLOW_HOST_SUITE inside the real extension host, reporting through
 * scripts/mocha-reporter.cjs into $ENVFLOW_RESULTS_FILE.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const suite = process.env.ENVFLOW_HOST_SUITE ?? 'trusted';
  const suiteDir = join(__dirname, suite);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: resolve(__dirname, '..', '..', '..', 'scripts', 'mocha-reporter.cjs'),
  });
  const files = (await readdir(suiteDir, { recursive: true })).filter((f) => f.endsWith('.test.js')).sort();
  for (const file of files) {
    mocha.addFile(join(suiteDir, file));
  }
  await new Promise<void>((resolvePromise, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host test(s) failed`)) : resolvePromise()));
  });
}
