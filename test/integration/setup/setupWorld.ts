/**
 * What a Set Up suite plans against: a release fixture (a repository opened through the
 * guarded git layer, which refuses any forced push, and the GitHub API server over its
 * origin) and the context Set Up reads it through.
 */
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import type { SetupContext } from '../../../src/core/setup/plan';
import type { FixtureRepo } from '../../support/gitFixtures';
import { openReleaseFixture, type GuardedRepository, type Hub } from '../../support/releaseHarness';

export interface SetupWorld {
  readonly fixture: FixtureRepo;
  readonly hub: Hub;
  readonly guarded: GuardedRepository;
  /** What Set Up plans with: this repository, signed in, the default flow config. */
  context(overrides?: Partial<SetupContext>): SetupContext;
  /** The requests that could change something on GitHub, as `METHOD path`. */
  writes(): string[];
  /** Fails if anything was forced, then closes the server and removes the repository. */
  dispose(): Promise<void>;
}

export async function openSetupWorld(options: {
  readonly name: string;
  readonly withDevelop: boolean;
}): Promise<SetupWorld> {
  const opened = await openReleaseFixture(options);
  const { fixture, guarded } = opened;
  const hub = opened.hub!;
  return {
    fixture,
    hub,
    guarded,
    context: (overrides = {}) => ({
      root: fixture.root,
      git: guarded.repo,
      client: hub.client,
      config: defaultFlowConfig,
      ...overrides,
    }),
    writes: () =>
      hub.server.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.path}`),
    dispose: () => opened.dispose(true),
  };
}
