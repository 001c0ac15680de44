/**
 * Inside the extension host: what the bench suites share. A suite writes what it
 * measured to the JSON file named by $ENVFLOW_BENCH_OUT, which the launcher reads.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { RepositorySnapshot } from '../../../src/envflow';

/** Merges `values` into the suite's output file. */
export async function recordMeasurements(values: Record<string, unknown>): Promise<void> {
  const file = process.env.ENVFLOW_BENCH_OUT;
  if (!file) {
    throw new Error('ENVFLOW_BENCH_OUT is not set: run the bench through `npm run bench`');
  }
  const previous = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...previous, ...values }, null, 2));
}

/** The sandbox story as the tree shows it once everything loaded: local, develop and production from GitHub. */
export function showsFullState(s: RepositorySnapshot): boolean {
  return (
    s.connection.state === 'ok' &&
    s.local.pullRequest !== undefined &&
    s.development.checks !== undefined &&
    s.development.deployment !== undefined &&
    s.production.deployment !== undefined &&
    s.production.rollbackTarget !== undefined &&
    s.production.backup !== undefined &&
    s.production.security !== undefined
  );
}
