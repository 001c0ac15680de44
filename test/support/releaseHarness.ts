/**
 * What the release suites share: a fixture repository opened through EnvFlow's git
 * layer with every git argument list recorded and checked for history rewriting, and
 * the GitHub API server serving the fixture's bare origin.
 */
import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../src/core/model/flowConfig';
import type { DeploymentInfo } from '../../src/core/model/snapshot';
import { openRepository, type GitRepository, type OpenRepositoryOptions } from '../../src/core/git/repository';
import { GitHubClient } from '../../src/core/github/client';
import { historyReader, type HistoryReader } from '../../src/core/release/historyReader';
import { createFixtureRepo, git, type FixtureOptions, type FixtureRepo } from './gitFixtures';
import { forbiddenGit } from './gitSafety';
import { startGitHubServer, type GitHubServer } from '../../tools/githubServer/index';
import { layerEnv } from './openRepository';

export const TOKEN = 'ghs_envflowReleaseToken0123456789abcdef';
export const OWNER = 'octo';
export const REPO = 'service';
export const config = defaultFlowConfig;

export { forbiddenGit };

export interface GuardedRepository {
  readonly repo: GitRepository;
  readonly history: HistoryReader;
  /** Every git argument list EnvFlow ran, in order. */
  readonly processes: (readonly string[])[];
  /** Fails the test when any recorded process could rewrite history. */
  assertNothingForced(): void;
}

/** Opens `path` through EnvFlow's git layer, recording every process (the HistoryReader's too). */
export async function openGuarded(path: string): Promise<GuardedRepository> {
  const processes: (readonly string[])[] = [];
  const options: OpenRepositoryOptions = { env: layerEnv, onProcess: (args) => processes.push([...args]) };
  const repo = await openRepository(path, options);
  if (!repo) {
    throw new Error(`${path} is not a repository`);
  }
  return {
    repo,
    history: historyReader(repo.root, options),
    processes,
    assertNothingForced() {
      assert.ok(processes.length > 0, 'no git process was recorded: the guard saw nothing');
      const bad = processes.map((args) => [forbiddenGit(args), args.join(' ')] as const).filter(([why]) => why);
      assert.deepEqual(bad, [], 'EnvFlow ran git commands that could rewrite or destroy history');
    },
  };
}

export interface Hub {
  readonly server: GitHubServer;
  readonly client: GitHubClient;
  close(): Promise<void>;
}

/** The GitHub API server over the fixture's bare origin, and a client of it. */
export async function startHub(fixture: FixtureRepo): Promise<Hub> {
  const server = await startGitHubServer({ owner: OWNER, repo: REPO, bareRepo: fixture.origin, token: TOKEN });
  const client = new GitHubClient({ apiUrl: server.url, owner: OWNER, repo: REPO, token: TOKEN, retryBaseMs: 10 });
  return { server, client, close: () => server.close() };
}

/** git in the fixture's bare origin: what everyone else sees. */
export function origin(fixture: FixtureRepo, ...args: string[]): Promise<string> {
  return git(fixture.base, ['--git-dir', fixture.origin, ...args]);
}

/** Tag names under `prefix` in a repository (`--git-dir` for the origin). */
export async function tagsIn(fixture: FixtureRepo, where: 'local' | 'origin', prefix = 'backup/'): Promise<string[]> {
  const output =
    where === 'origin'
      ? await origin(fixture, 'tag', '--list', `${prefix}*`)
      : await fixture.git('tag', '--list', `${prefix}*`);
  return output.split('\n').filter(Boolean);
}

/**
 * Production history as the snapshot holds it right after activation: deployments
 * newest first with their states not read yet (`none`), so planRollback reads them.
 */
export async function unresolvedHistory(client: GitHubClient): Promise<DeploymentInfo[]> {
  const deployments = await client.listDeployments(config.productionEnvironment, 10);
  return deployments.data.map((raw) => ({ ...raw, state: 'none' as const }));
}

/** Commits `files` on `branch` in the working clone and pushes it; returns the new commit. */
export async function commitAndPush(
  fixture: FixtureRepo,
  branch: string,
  message: string,
  files: Record<string, string>,
): Promise<string> {
  await fixture.git('fetch', '--quiet', 'origin');
  const exists = (await fixture.git('branch', '--list', branch)) !== '';
  const remote = (await fixture.git('branch', '--remotes', '--list', `origin/${branch}`)) !== '';
  if (exists) {
    await fixture.git('switch', '--quiet', branch);
    if (remote) {
      await fixture.git('merge', '--quiet', '--ff-only', `origin/${branch}`);
    }
  } else {
    await fixture.git('switch', '--quiet', '--create', branch, ...(remote ? [`origin/${branch}`] : []));
  }
  const sha = await fixture.commit(message, files);
  await fixture.git('push', '--quiet', 'origin', `${branch}:${branch}`);
  return sha;
}

export interface ReleaseFixture {
  readonly fixture: FixtureRepo;
  readonly guarded: GuardedRepository;
  /** Absent for suites that opt out of the GitHub server. */
  readonly hub?: Hub;
}

export interface OpenReleaseFixture extends ReleaseFixture {
  /** Checks nothing was forced when `check` is true (a failed test has its own story), then removes everything. */
  dispose(check: boolean): Promise<void>;
}

/** A fresh fixture repository opened through the guard and, unless `withHub` is false, the GitHub server over its origin. */
export async function openReleaseFixture(options: FixtureOptions, withHub = true): Promise<OpenReleaseFixture> {
  const fixture = await createFixtureRepo(options);
  const guarded = await openGuarded(fixture.root);
  const hub = withHub ? await startHub(fixture) : undefined;
  return {
    fixture,
    guarded,
    hub,
    dispose: async (check) => {
      try {
        if (check) {
          guarded.assertNothingForced();
        }
      } finally {
        await hub?.close();
        await fixture.dispose();
      }
    },
  };
}

/**
 * Each test gets a fresh release fixture (see openReleaseFixture); after a passing test the
 * guard checks nothing was forced; everything is removed after each test.
 */
export function useReleaseFixture(
  options: FixtureOptions,
  onReady: (ready: ReleaseFixture) => void | Promise<void>,
  withHub = true,
): void {
  let current: OpenReleaseFixture | undefined;
  beforeEach(async () => {
    current = await openReleaseFixture(options, withHub);
    await onReady(current);
  });
  afterEach(async function () {
    await current?.dispose(this.currentTest?.state === 'passed');
  });
}
