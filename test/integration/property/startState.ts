/**
 * Random starting states of the user's repository: on develop, main, a feature branch or
 * a detached HEAD; with stashes, a merge stopped on a conflict, staged, unstaged and
 * untracked changes (some of them in files that differ on develop and main).
 */
import * as fc from 'fast-check';
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { git } from '../../support/gitFixtures';
import { blobId, fileBlob, indexBlobs, indexByPath, stashEntries } from './reachability';
import { WorkModel } from './workModel';
import { PATHS, type UserPath, type World } from './world';

export interface FileWrite {
  readonly path: UserPath;
  readonly content: Uint8Array;
}

export interface StartState {
  readonly head: 'develop' | 'main' | 'feature/existing' | 'detached';
  readonly stashes: readonly FileWrite[];
  readonly mergeConflict: boolean;
  readonly staged: readonly FileWrite[];
  readonly unstaged: readonly FileWrite[];
}

const encoder = new TextEncoder();

/** Contents that collide with what the branches hold, and arbitrary bytes. */
export const contentArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('development\n', 'production v2\n', 'develop scratch\n', 'mine\n', '')
      .map((s) => encoder.encode(s)),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 48 }) },
);

export const writeArb: fc.Arbitrary<FileWrite> = fc.record({ path: fc.constantFrom(...PATHS), content: contentArb });

export const startStateArb: fc.Arbitrary<StartState> = fc.record({
  head: fc.constantFrom('develop' as const, 'main' as const, 'feature/existing' as const, 'detached' as const),
  stashes: fc.array(writeArb, { maxLength: 2 }),
  mergeConflict: fc.boolean(),
  staged: fc.array(writeArb, { maxLength: 2 }),
  unstaged: fc.array(writeArb, { maxLength: 3 }),
});

/** Runs the user's own git (not EnvFlow's); a refusal is part of the story, not an error. */
export async function userGit(world: World, ...args: string[]): Promise<boolean> {
  try {
    await git(world.fixture.root, args);
    return true;
  } catch {
    return false;
  }
}

/** The user writes `content` to `path` in the work tree. */
export async function edit(world: World, model: WorkModel, write: FileWrite): Promise<void> {
  const file = join(world.fixture.root, write.path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, write.content);
  model.setWorktree(write.path, blobId(write.content));
}

/** The user stages `path` (a deletion too); its staged content becomes what the index now holds. */
export async function stage(world: World, model: WorkModel, path: UserPath): Promise<void> {
  await userGit(world, 'add', '--all', '--', path);
  model.setIndex(path, await indexBlobs(world.fixture.root, [path]));
}

/** The user commits what is staged; the commit joins what must stay reachable. */
export async function commit(world: World, model: WorkModel, message: string): Promise<void> {
  if (await userGit(world, 'commit', '--quiet', '--no-verify', '-m', message)) {
    model.keep(await git(world.fixture.root, ['rev-parse', 'HEAD']), 'a commit the user made');
  }
}

/** Builds the starting state and the model of what the user has in it. */
export async function applyStartState(world: World, start: StartState): Promise<WorkModel> {
  const model = new WorkModel();
  const root = world.fixture.root;
  if (start.head === 'detached') {
    await userGit(world, 'switch', '--quiet', '--detach', 'origin/main~1');
  } else if (start.head !== 'develop') {
    await userGit(world, 'switch', '--quiet', start.head);
  }
  for (const [i, write] of start.stashes.entries()) {
    await edit(world, model, write);
    if (await userGit(world, 'stash', 'push', '--quiet', '--include-untracked', `--message=user stash ${i}`)) {
      const [top] = await stashEntries(root);
      if (top) {
        model.keep(top, 'a stash the user made');
      }
    }
  }
  if (start.mergeConflict) {
    // develop and main both added app.txt: merging one into the other stops on a conflict.
    const other = start.head === 'develop' || start.head === 'feature/existing' ? 'origin/main' : 'origin/develop';
    await userGit(world, 'merge', '--no-edit', other);
  }
  for (const write of start.staged) {
    await edit(world, model, write);
    await stage(world, model, write.path);
  }
  for (const write of start.unstaged) {
    await edit(world, model, write);
  }
  // Whatever else the tree and index hold now is the user's too (conflict markers, leftovers).
  const index = await indexByPath(root);
  for (const path of PATHS) {
    model.setWorktree(path, await fileBlob(root, path));
    model.setIndex(path, index.get(path) ?? []);
  }
  return model;
}
