/**
 * How each git fault is caused in a case's repository and how the user clears it, the
 * way the sentence tells them to (pull and merge, delete the lock, resolve the conflict).
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../../support/gitFixtures';
import { origin } from '../../support/releaseHarness';
import type { CaseContext } from '../../support/faultCase';

/** A git fault that cannot happen in this command, and why (listed in the table, not dropped). */
export interface NotApplicable {
  readonly notApplicable: string;
}

export interface GitFaultPlan {
  arm(context: CaseContext): Promise<void>;
  clear(context: CaseContext): Promise<void>;
  /** Set when the command is expected to succeed despite the fault, with the reason. */
  readonly unaffected?: string;
}

export type GitPlan = NotApplicable | GitFaultPlan;

/** origin cannot be reached: for fetch and push (`all`) or only for pushes (fetch works, the push fails half-way). */
export function unreachable(which: 'all' | 'push'): GitFaultPlan {
  const flag = which === 'push' ? ['--push'] : [];
  return {
    arm: (c) =>
      c.fixture
        .git('remote', 'set-url', ...flag, 'origin', join(c.fixture.base, 'unreachable.git'))
        .then(() => undefined),
    clear: (c) => c.fixture.git('remote', 'set-url', ...flag, 'origin', c.fixture.origin).then(() => undefined),
  };
}

/** Another git process's `.git/index.lock`; the user deletes it once no git runs. */
export function indexLock(unaffected?: string): GitFaultPlan {
  const lock = (c: CaseContext) => join(c.fixture.root, '.git', 'index.lock');
  return {
    arm: (c) => writeFile(lock(c), ''),
    clear: (c) => rm(lock(c), { force: true }),
    ...(unaffected ? { unaffected } : {}),
  };
}

/** A teammate pushed to `branch` meanwhile; the user merges it, as the sentence says, and pushes again. */
export function pushRejected(branch: string): GitFaultPlan {
  return {
    arm: async (c) => {
      const tip = await origin(c.fixture, 'rev-parse', `refs/heads/${branch}`);
      const tree = await origin(c.fixture, 'rev-parse', `${tip}^{tree}`);
      const theirs = await origin(c.fixture, 'commit-tree', tree, '-p', tip, '-m', "A teammate's commit");
      await origin(c.fixture, 'update-ref', `refs/heads/${branch}`, theirs, tip);
    },
    clear: async (c) => {
      await c.fixture.git('fetch', '--quiet', 'origin');
      await c.fixture.git('merge', '--quiet', '--no-edit', `origin/${branch}`);
    },
  };
}

/** develop on origin changes `file` the way the user's branch does not; the user resolves by keeping theirs. */
export function developConflict(file: string): GitFaultPlan {
  return {
    arm: async (c) => {
      const other = join(c.fixture.base, 'teammate');
      await git(c.fixture.base, ['clone', '--quiet', '--branch', 'develop', '--', c.fixture.origin, other]);
      await writeFile(join(other, file), 'develop changed this line\n');
      await git(other, ['add', '--', file]);
      await git(other, ['commit', '--quiet', '-m', `Change ${file} on develop`]);
      await git(other, ['push', '--quiet', 'origin', 'develop']);
    },
    clear: async (c) => {
      await c.fixture.write(file, 'resolved: both changes kept\n');
      await c.fixture.git('add', '--', file);
      await c.fixture.git('commit', '--quiet', '--no-edit');
    },
  };
}

export function isApplicable(plan: GitPlan): plan is GitFaultPlan {
  return !('notApplicable' in plan);
}
