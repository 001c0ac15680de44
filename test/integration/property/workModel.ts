/**
 * The model of "what the user had": for each path, the latest content the user left in
 * the working tree and in the index, the stashes the user made, and every commit the
 * user made. A newer edit or `git add` of a path supersedes its older content (the
 * user chose to overwrite it); EnvFlow's own actions never change the model, so
 * whatever they move must stay reachable.
 */
import type { Reachable } from './reachability';

export class WorkModel {
  /** `wt:<path>` / `idx:<path>` → blob ids the user has there now. */
  private readonly slots = new Map<string, Set<string>>();
  /** Stash entries and commits the user made: each must stay reachable, with all it holds. */
  private readonly kept = new Map<string, string>();

  setWorktree(path: string, blob: string | undefined): void {
    this.slots.set(`wt:${path}`, new Set(blob ? [blob] : []));
  }

  setIndex(path: string, blobs: Iterable<string>): void {
    this.slots.set(`idx:${path}`, new Set(blobs));
  }

  keep(sha: string, what: string): void {
    this.kept.set(sha, what);
  }

  /** One line per piece of the user's work that is nowhere to be found. */
  missing(reachable: Reachable): string[] {
    const lost: string[] = [];
    for (const [slot, blobs] of this.slots) {
      for (const blob of blobs) {
        if (!reachable.has(blob)) {
          lost.push(`content ${blob.slice(0, 10)} the user had at ${slot}`);
        }
      }
    }
    for (const [sha, what] of this.kept) {
      if (!reachable.objects.has(sha)) {
        lost.push(`${what} ${sha.slice(0, 10)} is reachable from no ref and no stash`);
      }
    }
    return lost;
  }
}
