/**
 * The services a use case receives, over a fixture repository and the GitHub API
 * server instead of VS Code: the same RepositoryModel the extension refreshes, its
 * remote presented as GitHub's, its test record kept in memory.
 */
import { Commands } from '../../../src/constants';
import type { FlowConfig } from '../../../src/core/model/flowConfig';
import type { LocalTestRecord } from '../../../src/core/model/snapshot';
import { RepositoryModel, type GitReadPort } from '../../../src/core/flow/repositoryModel';
import type { GitRepository } from '../../../src/core/git/repository';
import type { GitHubClient } from '../../../src/core/github/client';
import type { HistoryReader } from '../../../src/core/release/historyReader';
import type { Outcome } from '../../../src/core/usecases/outcome';
import type { FollowUp } from '../../../src/core/usecases/port';
import { Presenter } from '../../../src/core/usecases/presenter';
import { runTests, type TestRunnerPort } from '../../../src/core/usecases/runTests';
import type { RepositoryServices, UseCaseInput } from '../../../src/core/usecases/services';
import { userMessage } from '../../../src/core/util/userMessage';
import { runShellCommand } from '../../../src/core/testing/shellProcess';
import { withRemotes } from '../openRepository';
import { ScriptedPort, type Script } from './scriptedPort';

export interface FixtureWorld {
  readonly git: GitRepository;
  readonly history: HistoryReader;
  readonly config: FlowConfig;
  /** A new client per command run, as the extension makes one per connection; undefined when signed out. */
  client(): GitHubClient | undefined;
  now(): Date;
  /** The test command the Run Tests use case runs (default `true`). */
  readonly testCommand?: string;
  /** The model's background fetch (see RepositoryModel); default none: origin is what the user last fetched. */
  readonly fetchEvery?: number;
}

export interface FixtureServices {
  readonly repo: RepositoryServices;
  readonly model: RepositoryModel;
  /** Runs a use case as the command pipeline does: errors become the `failed` outcome and its sentence. */
  run<T>(
    useCase: (input: UseCaseInput) => Promise<Outcome<T>>,
    args?: unknown,
    script?: Script,
  ): Promise<{ outcome: Outcome<T>; port: ScriptedPort }>;
}

/** Run Tests' runner as a plain shell process (the extension runs it as a VS Code task). */
export function shellTests(command: string): TestRunnerPort {
  return {
    isRunning: () => false,
    resolve: async () => ({ command, label: 'envflow.testCommand' }),
    run: (source, cwd) => runShellCommand({ command: source.command, cwd }),
    showOutput: () => ({ kind: 'local', run: async () => undefined }),
  };
}

/** A model's git port whose origin is presented as github.com/octo/service (its API is the test server). */
function asGitHub(repo: GitRepository): GitReadPort {
  return withRemotes(repo, async () => [
    {
      name: 'origin',
      fetchUrl: 'https://github.com/octo/service.git',
      pushUrl: 'https://github.com/octo/service.git',
    },
  ]);
}

export function fixtureServices(world: FixtureWorld): FixtureServices {
  let record: LocalTestRecord | undefined;
  const model = new RepositoryModel({
    git: asGitHub(world.git),
    config: () => world.config,
    connect: async () => world.client(),
    testRecord: () => record,
    now: () => world.now().getTime(),
    fetchEvery: world.fetchEvery ?? 0,
  });
  const repo: RepositoryServices = {
    root: world.git.root,
    git: world.git,
    config: world.config,
    history: world.history,
    refresh: async (kind) => (await model.refresh(kind)).snapshot,
    lastSnapshot: () => model.snapshot,
    github: async () => world.client() ?? { reason: new Presenter(world.config).signInFirst() },
    testRecord: () => record,
    saveTestRecord: async (saved) => {
      record = saved;
    },
    pollSoon: () => undefined,
    recheckChecks: () => model.recheckChecks(),
    now: () => world.now(),
  };
  const tests = shellTests(world.testCommand ?? 'true');
  const services: FixtureServices = {
    repo,
    model,
    async run(useCase, args, script = {}) {
      // A gate's "Run the tests" runs the Run Tests use case, as the command would.
      const follow = async (followUp: FollowUp) => {
        if (followUp.kind === 'command' && followUp.command === Commands.runTests) {
          await services.run(runTests(tests));
        }
        await script.follow?.(followUp);
      };
      const port = new ScriptedPort({ ...script, follow });
      const say = new Presenter(world.config);
      let outcome;
      try {
        outcome = await useCase({ port, repo, say, args });
      } catch (error) {
        outcome = { kind: 'failed' as const, sentence: userMessage(error) };
      }
      return { outcome, port };
    },
  };
  return services;
}
