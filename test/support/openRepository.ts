/** Opens a fixture repository through EnvFlow's git layer, counting the git processes it starts. */
import type { GitReadPort } from '../../src/core/flow/repositoryModel';
import { openRepository, type GitRepository } from '../../src/core/git/repository';

/**
 * The fixtures' identity, without user or system config. GIT_CONFIG_GLOBAL is one of the
 * variables simple-git refuses without an `unsafe` option, so HOME points nowhere instead.
 */
export const layerEnv: NodeJS.ProcessEnv = {
  HOME: '/nonexistent-envflow-home',
  XDG_CONFIG_HOME: '/nonexistent-envflow-home',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada Developer',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Developer',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

export interface CountedRepository {
  readonly repo: GitRepository;
  /** Arguments of every git process started since the last `reset()`. */
  readonly processes: (readonly string[])[];
  reset(): void;
}

export async function openCounted(
  path: string,
  options: { maxConcurrentProcesses?: number } = {},
): Promise<CountedRepository> {
  const processes: (readonly string[])[] = [];
  const repo = await openRepository(path, { env: layerEnv, onProcess: (args) => processes.push(args), ...options });
  if (!repo) {
    throw new Error(`${path} is not a repository`);
  }
  return { repo, processes, reset: () => processes.splice(0) };
}

/** A model's git port over `repo` whose remotes come from `remotes` (origin as GitHub, or held back). */
export function withRemotes(repo: GitRepository, remotes: GitReadPort['remotes']): GitReadPort {
  return {
    root: repo.root,
    readState: (develop, main) => repo.readState(develop, main),
    fetch: (remote) => repo.fetch(remote),
    treeFingerprint: () => repo.treeFingerprint(),
    remotes,
  };
}
