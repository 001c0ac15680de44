/**
 * The world one sequence runs in: a copy of a template repository (a working clone and
 * its bare origin, built once), the GitHub API server over that origin, and EnvFlow's
 * git layer on the clone with every git argument list recorded.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { GitHubClient } from '../../../src/core/github/client';
import { fixtureServices, type FixtureServices } from '../../support/usecases/fixtureServices';
import { adoptFixtureRepo, createFixtureRepo, git, type FixtureRepo } from '../../support/gitFixtures';
import { startGitHubServer, type GitHubServer } from '../../support/githubServer/index';
import { openGuarded, type GuardedRepository } from '../release/harness';

export const config = defaultFlowConfig;
const OWNER = 'acme';
const REPO = 'shop';
const TOKEN = 'ghs_envflowPropertyToken0123456789abcdef';

/** Paths the user edits: tracked everywhere, differing between develop and main, develop-only, untracked. */
export const PATHS = ['app.txt', 'README.md', 'scratch.txt', 'notes.txt', 'dir/new.bin'] as const;
export type UserPath = (typeof PATHS)[number];

/**
 * main: Release 1 and Release 2 of app.txt (both deployed to production);
 * develop: its own app.txt (an add/add conflict with main) and scratch.txt;
 * feature/existing: one commit on develop. origin is `../origin.git`, so a copy works as is.
 */
export interface Template {
  readonly dir: string;
  /** Release 1 and Release 2 on main. */
  readonly releases: readonly string[];
  dispose(): Promise<void>;
}

export async function createTemplate(): Promise<Template> {
  const repo = await createFixtureRepo({ name: 'property-template' });
  await repo.git('switch', '--quiet', 'main');
  await repo.commit('Release 1', { 'app.txt': 'production v1\n' });
  await repo.commit('Release 2', { 'app.txt': 'production v2\n' });
  await repo.git('push', '--quiet', 'origin', 'main');
  await repo.git('switch', '--quiet', 'develop');
  await repo.commit('Develop the app', { 'app.txt': 'development\n', 'scratch.txt': 'develop scratch\n' });
  await repo.git('push', '--quiet', 'origin', 'develop');
  await repo.git('switch', '--quiet', '--create', 'feature/existing');
  await repo.commit('Existing feature', { 'feature.txt': 'feature\n' });
  await repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature/existing');
  await repo.git('switch', '--quiet', 'develop');
  await repo.git('remote', 'set-url', 'origin', '../origin.git');
  await repo.git('gc', '--quiet');
  await git(repo.origin, ['gc', '--quiet']);
  // Fewer files to copy per sequence: the sample hooks are never used.
  await Promise.all([rm(join(repo.root, '.git', 'hooks'), { recursive: true }), rm(join(repo.origin, 'hooks'), { recursive: true })]);
  const releases = (await repo.git('rev-list', '--max-count=2', 'main')).split('\n').reverse();
  return { dir: repo.base, releases, dispose: () => repo.dispose() };
}

export interface World {
  readonly fixture: FixtureRepo;
  readonly server: GitHubServer;
  readonly client: GitHubClient;
  readonly guarded: GuardedRepository;
  /** What EnvFlow's commands act through: the use cases' services over this world's repository and server. */
  readonly services: FixtureServices;
  /** Counter for unique branch names within the sequence. */
  branches: number;
  dispose(): Promise<void>;
}

/** A fresh copy of the template with production deployments of Release 1 and Release 2. */
export async function createWorld(template: Template, parent: string): Promise<World> {
  const base = await mkdtemp(join(parent, 'seq-'));
  await cp(template.dir, base, { recursive: true });
  const fixture = adoptFixtureRepo(join(base, 'work'));
  const server = await startGitHubServer({ owner: OWNER, repo: REPO, bareRepo: fixture.origin, token: TOKEN });
  for (const sha of template.releases) {
    const id = server.addDeployment({ ref: sha, sha, environment: config.productionEnvironment, production_environment: true });
    server.addDeploymentStatus(id, { state: 'success' });
  }
  const client = new GitHubClient({ apiUrl: server.url, owner: OWNER, repo: REPO, token: TOKEN, retryBaseMs: 1, writePacing: 'none' });
  const guarded = await openGuarded(fixture.root);
  return {
    fixture,
    server,
    client,
    guarded,
    services: fixtureServices({ git: guarded.repo, history: guarded.history, config, client: () => client, now: () => new Date() }),
    branches: 0,
    dispose: async () => {
      await server.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

export async function createRunDir(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'envflow-property-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}
