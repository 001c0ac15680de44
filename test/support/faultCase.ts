/**
 * One fault case's world: a copy of its command's template repository (cheaper than
 * building one per case), the GitHub API server over the copy's origin behind a port
 * that can be closed, and clients of it with fast retries and a short timeout.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubClient } from '../../src/core/github/client';
import { openClosablePort, type ClosablePort } from './closablePort';
import { adoptFixtureRepo, createFixtureRepo, type FixtureOptions, type FixtureRepo } from './gitFixtures';
import { startGitHubServer, type GitHubServer } from '../../tools/githubServer/index';
import { OWNER, REPO, TOKEN, openGuarded, type GuardedRepository } from './releaseHarness';

/**
 * Per-attempt timeout of the clients: the `timeout` fault waits this long per attempt.
 * Short, but far above a loaded machine's slowest real answer (400 ms was not).
 */
export const CLIENT_TIMEOUT_MS = 2000;

export interface CaseContext {
  readonly fixture: FixtureRepo;
  readonly guarded: GuardedRepository;
  readonly server: GitHubServer;
  /** The API's port: closing it is the "connection refused" fault. */
  readonly port: ClosablePort;
  /** A new client of the API (each command run makes its own, as the UI does per command). */
  client(): GitHubClient;
  /** Added to the clock commands and models read (to step past a rate-limit reset). */
  clockOffsetMs: number;
  now(): Date;
  /** Values the command's template recorded (e.g. the rollback target's SHA). */
  readonly facts: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

export interface Template {
  readonly root: string;
  readonly facts: Record<string, string>;
  dispose(): Promise<void>;
}

/** Builds a command's template repository once: the fixture plus what `prepare` adds. */
export async function buildTemplate(
  name: string,
  options: FixtureOptions,
  prepare?: (repo: FixtureRepo) => Promise<Record<string, string> | void>,
): Promise<Template> {
  const repo = await createFixtureRepo({ name: `faults-${name}`, ...options });
  const facts = (await prepare?.(repo)) ?? {};
  return { root: repo.base, facts, dispose: () => repo.dispose() };
}

export async function openCase(template: Template): Promise<CaseContext> {
  const base = await mkdtemp(join(tmpdir(), 'envflow-fault-'));
  await cp(template.root, base, { recursive: true });
  const fixture = adoptFixtureRepo(join(base, 'work'));
  // The copy's origin is its own bare repository, not the template's.
  await fixture.git('remote', 'set-url', 'origin', fixture.origin);
  const guarded = await openGuarded(fixture.root);
  const server = await startGitHubServer({ owner: OWNER, repo: REPO, bareRepo: fixture.origin, token: TOKEN });
  const port = await openClosablePort(server.url);
  const context: CaseContext = {
    fixture,
    guarded,
    server,
    port,
    facts: template.facts,
    clockOffsetMs: 0,
    now: () => new Date(Date.now() + context.clockOffsetMs),
    client: () =>
      new GitHubClient({
        apiUrl: port.url,
        owner: OWNER,
        repo: REPO,
        token: TOKEN,
        retryBaseMs: 1,
        requestTimeoutMs: CLIENT_TIMEOUT_MS,
        writePacing: 'none',
      }),
    dispose: async () => {
      await port.dispose();
      await server.close();
      await rm(base, { recursive: true, force: true });
    },
  };
  return context;
}
