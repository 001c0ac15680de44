/**
 * `npm test`'s host layer: every host suite in its own fresh VS Code window, each on
 * its own fixture repository. Prints each test, writes the totals to
 * $ENVFLOW_RESULTS_FILE for scripts/test.mjs, and exits non-zero on any failure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createFixtureRepo, type FixtureRepo } from '../gitFixtures';
import { forbiddenGitInvocations } from '../gitSafety';
import { delimiter, dirname, join } from 'node:path';
import { DISTINCTIVE_TOKEN, filesHolding } from '../secretScan';
import { createGitWrapper } from './gitWrapper';
import { armHostileWorkspace, MARKER } from './hostileWorkspace';
import { pickHost, runHostSuite, type TestResults } from './hostRun';

interface SuitePlan {
  readonly suite: string;
  readonly trusted: boolean;
  /** Extra setup of the suite's fixture repository; `after` adds runner-side checks once the window closed. */
  readonly fixture?: (repo: FixtureRepo) => Promise<FixtureHook>;
}

interface FixtureHook {
  /** What the window opens instead of the repository's folder (a `.code-workspace` file). */
  readonly workspace?: string;
  readonly env?: Record<string, string>;
  readonly settings?: Record<string, unknown>;
  /** Reads the closed window's user-data folder (state files flushed). */
  afterWindow?(userDataDir: string): Promise<void>;
  after?(): Promise<{ title: string; failure?: string }[]>;
  dispose(): Promise<void>;
}

/**
 * The hostile repository (hostileWorkspace.ts), polled every 10 s (the lowest interval) so a
 * minute holds several ticks, with background fetching on (the untrusted window must still
 * not fetch; the trusted one fetches from the hostile origin). It opens as a multi-root workspace, where folders come and go
 * without restarting the extension host, with a second hostile repository at hand
 * ($ENVFLOW_EXTRA_FOLDER) for the tests to add.
 */
async function hostileFixture(repo: FixtureRepo): Promise<FixtureHook> {
  const hostile = await armHostileWorkspace(repo);
  const extra = await createFixtureRepo({ name: 'host-added-folder' });
  await hostile.armAnother(extra);
  const workspace = join(dirname(repo.root), 'hostile.code-workspace');
  // The workspace file carries the folder's hostile settings too: in a multi-root workspace
  // window-scoped settings (envflow.github.apiUrl) come from it, never from a folder.
  const settings: unknown = JSON.parse(await readFile(join(repo.root, '.vscode', 'settings.json'), 'utf8'));
  await writeFile(workspace, JSON.stringify({ folders: [{ path: repo.root }], settings }, null, 2));
  return {
    workspace,
    env: { ...hostile.env, ENVFLOW_EXTRA_FOLDER: extra.root },
    settings: { 'envflow.pollInterval': 10, 'envflow.autoFetch': 'on' },
    dispose: async () => {
      await hostile.dispose();
      await extra.dispose();
      await rm(workspace, { force: true });
    },
    after: () => provesTrapArmed(repo, hostile.markers),
  };
}

/** The control: the same git status EnvFlow never ran does run the repository's fsmonitor program. */
async function provesTrapArmed(
  repo: FixtureRepo,
  markers: () => Promise<string[]>,
): Promise<{ title: string; failure?: string }[]> {
  await repo.git('status', '--porcelain');
  const armed = (await markers()).includes(MARKER.fsmonitor);
  return [
    {
      title: 'control: a git status in the hostile repository does run its core.fsmonitor program',
      failure: armed ? undefined : 'no fsmonitor marker after git status',
    },
  ];
}

/**
 * After the github suite (test/host/github/secrets.test.ts signs in with DISTINCTIVE_TOKEN):
 * once the window closed and VS Code flushed its state databases, neither they, the logs,
 * the settings nor the repository hold the token.
 */
async function secretsFixture(repo: FixtureRepo): Promise<FixtureHook> {
  let found: { files: number; holding: string[] } | undefined;
  return {
    afterWindow: async (userDataDir) => {
      found = await filesHolding(DISTINCTIVE_TOKEN, [userDataDir, dirname(repo.root)]);
    },
    after: async () => [
      {
        title: `secrets: the closed window's ${found?.files ?? 0} files (logs, settings, state.vscdb) and the repository hold no token`,
        failure: !found
          ? 'the user-data folder was not searched'
          : found.holding.length
            ? `token found in ${found.holding.join(', ')}`
            : undefined,
      },
    ],
    dispose: async () => undefined,
  };
}

const plans: SuitePlan[] = [
  { suite: 'trusted', trusted: true },
  { suite: 'github', trusted: true, fixture: secretsFixture },
  { suite: 'setup', trusted: true },
  { suite: 'untrusted', trusted: false, fixture: hostileFixture },
  // A host test cannot click VS Code's trust editor (test/ui/trustGrant.test.ts does, with
  // Playwright); here the same hostile fixture opened trusted in a second window stands in
  // for "after the user grants trust", with the extension API at hand.
  { suite: 'trustGranted', trusted: true, fixture: hostileFixture },
];

/**
 * VS Code's own git extension would run git in the same window; it is switched off so
 * the git log holds EnvFlow's processes only.
 */
const hostSettings = { 'git.enabled': false };

async function main(): Promise<number> {
  const host = pickHost();
  const total: TestResults = { passes: 0, failures: 0, pending: 0, tests: 0, failureDetails: [], results: [] };
  // ENVFLOW_HOST_SUITES=github runs only that suite (a debugging aid).
  const only = process.env.ENVFLOW_HOST_SUITES?.split(',');
  for (const plan of plans.filter((p) => !only || only.includes(p.suite))) {
    const repo = await createFixtureRepo({ name: `host-${plan.suite}`, developAhead: 1 });
    const hook = await plan.fixture?.(repo);
    const started = Date.now();
    console.log(`\n[host] suite "${plan.suite}" in ${host} (${plan.trusted ? 'trusted' : 'untrusted'} workspace)`);
    try {
      const wrapper = createGitWrapper();
      const results = await runHostSuite(
        {
          suite: plan.suite,
          workspace: hook?.workspace ?? repo.root,
          trusted: plan.trusted,
          // The extension host resolves PATH from a login shell, so EnvFlow is pointed at the
          // logging git through `git.path`, which it honours like VS Code's git extension.
          settings: { ...hostSettings, ...hook?.settings, 'git.path': `${wrapper.binDir}/git` },
          env: {
            ...hook?.env,
            PATH: `${wrapper.binDir}${delimiter}${process.env.PATH ?? ''}`,
            ENVFLOW_GIT_LOG: wrapper.log,
          },
          afterWindow: hook?.afterWindow,
        },
        host,
      );
      // EnvFlow's own git processes (fixtures log nothing) must never force or rewrite.
      const violations = forbiddenGitInvocations(readFileSync(wrapper.log, 'utf8'));
      const gitCount = readFileSync(wrapper.log, 'utf8').split('\n').filter(Boolean).length;
      addCheck(results, {
        title: `git safety: none of EnvFlow's ${gitCount} git processes forced or rewrote anything`,
        failure: violations.length ? violations.join('\n') : undefined,
      });
      for (const check of (await hook?.after?.()) ?? []) {
        addCheck(results, check);
      }
      for (const test of results.results) {
        const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
        console.log(`  ${mark} ${test.title}${test.ms !== undefined ? ` (${test.ms} ms)` : ''}`);
        for (const line of test.output ?? []) {
          console.log(`      ${line}`);
        }
      }
      for (const failure of results.failureDetails) {
        console.log(`\n  FAILED ${failure.title}\n  ${failure.stack.split('\n').join('\n  ')}`);
      }
      total.passes += results.passes;
      total.failures += results.failures;
      total.pending += results.pending;
      total.tests += results.tests;
      total.failureDetails.push(...results.failureDetails);
      total.results.push(...results.results);
    } catch (error) {
      console.error(`  ✘ ${String(error instanceof Error ? error.message : error)}`);
      total.failures += 1;
      total.tests += 1;
      total.failureDetails.push({ title: `host suite ${plan.suite}`, message: String(error), stack: String(error) });
    } finally {
      await hook?.dispose();
      await repo.dispose();
    }
    console.log(`[host] suite "${plan.suite}" took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\n[host] ${total.passes} passing, ${total.failures} failing, ${total.pending} pending`);
  if (process.env.ENVFLOW_RESULTS_FILE) {
    writeFileSync(process.env.ENVFLOW_RESULTS_FILE, JSON.stringify(total, null, 2));
  }
  return total.failures === 0 && total.tests > 0 ? 0 : 1;
}

/** A check made by the runner, counted like a test of the suite. */
function addCheck(results: TestResults, check: { title: string; failure?: string }): void {
  results.results.push({ title: check.title, state: check.failure ? 'failed' : 'passed' });
  results.tests += 1;
  if (check.failure) {
    results.failures += 1;
    results.failureDetails.push({ title: check.title, message: check.failure, stack: check.failure });
  } else {
    results.passes += 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
