/**
 * A ready-to-open sandbox: a repository and, unless local-only, the GitHub API server
 * playing the story, plus the user settings and environment that point a VS Code
 * window at them. `npm start` and the UI tests open it in code-server.
 */
import { createFixtureRepo, type FixtureRepo } from '../../test/support/gitFixtures';
import { createGitHubFixture, type GitHubFixture } from '../../test/support/githubFixture';
import { playStory, type Story, type StoryOptions } from './story';

export interface SandboxOptions extends Partial<StoryOptions> {
  /** false: origin is a plain folder, so EnvFlow works local-only. */
  readonly github?: boolean;
  /** false: the server is there but EnvFlow has no token. */
  readonly signedIn?: boolean;
  /** Seconds between polls (default: the product default). */
  readonly pollInterval?: number;
  readonly latencyMs?: number;
}

export interface Sandbox {
  readonly repo: FixtureRepo;
  readonly fx?: GitHubFixture;
  readonly story?: Story;
  /** User settings for the window. */
  readonly settings: Record<string, unknown>;
  /** Environment for code-server and its extension host. */
  readonly env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const repo = await createFixtureRepo({ name: 'sandbox', developAhead: 1 });
  const settings: Record<string, unknown> = options.pollInterval
    ? { 'envflow.pollInterval': options.pollInterval }
    : {};
  if (options.github === false) {
    await repo.git('switch', '--quiet', '--create', 'feature/welcome');
    await repo.commit('Add a welcome banner', { 'welcome.txt': 'Welcome!\n' });
    return { repo, settings, env: {}, dispose: () => repo.dispose() };
  }
  const fx = await createGitHubFixture({ repo, latencyMs: options.latencyMs });
  const story = await playStory(fx, {
    production: options.production ?? 'failure',
    rolloutStepMs: options.rolloutStepMs,
    branch: options.branch,
    failingCheck: options.failingCheck,
    workflowsOnPush: options.workflowsOnPush,
  });
  settings['envflow.github.apiUrl'] = fx.apiUrl;
  // Honoured by EnvFlow only for a loopback API URL (src/ui/auth.ts).
  const env: NodeJS.ProcessEnv = options.signedIn === false ? {} : { ENVFLOW_SANDBOX_TOKEN: fx.token };
  return {
    repo,
    fx,
    story,
    settings,
    env,
    dispose: async () => {
      await fx.server.close();
      await repo.dispose();
    },
  };
}
