import type { CaseContext } from '../faultCase';
import { config } from '../releaseHarness';
import { fixtureServices, type FixtureServices, type FixtureWorld } from './fixtureServices';

/** The use cases' services over a fault case's repository, API server and clock; `overrides` change any part. */
export function caseServices(c: CaseContext, overrides: Partial<FixtureWorld> = {}): FixtureServices {
  return fixtureServices({
    git: c.guarded.repo,
    history: c.guarded.history,
    config,
    client: () => c.client(),
    now: () => c.now(),
    ...overrides,
  });
}
