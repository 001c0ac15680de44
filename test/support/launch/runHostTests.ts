/**
 * `npm test`'s host layer: every host suite in its own fresh VS Code window, each on
 * its own fixture repository. Prints each test, writes the totals to
 * $ENVFLOW_RESULTS_FILE for scripts/test.mjs, and exits non-zero on any failure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createFixtureRepo } from '../gitFixtures';
import { forbiddenGitInvocations } from '../gitSafety';
import { createGitWrapper } from './gitWrapper';
import { pickHost, runHostSuite, type TestResults } from './hostRun';

interface SuitePlan {
  readonly suite: string;
  readonly trusted: boolean;
}

const plans: SuitePlan[] = [
  { suite: 'trusted', trusted: true },
  { suite: 'github', trusted: true },
  { suite: 'setup', trusted: true },
  { suite: 'untrusted', trusted: false },
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
    const started = Date.now();
    console.log(`\n[host] suite "${plan.suite}" in ${host} (${plan.trusted ? 'trusted' : 'untrusted'} workspace)`);
    try {
      const wrapper = createGitWrapper();
      const results = await runHostSuite(
        {
          suite: plan.suite,
          workspace: repo.root,
          trusted: plan.trusted,
          // The extension host resolves PATH from a login shell, so EnvFlow is pointed at the
          // logging git through `git.path`, which it honours like VS Code's git extension.
          settings: { ...hostSettings, 'git.path': `${wrapper.binDir}/git` },
          env: { PATH: `${wrapper.binDir}:${process.env.PATH ?? ''}`, ENVFLOW_GIT_LOG: wrapper.log },
        },
        host,
      );
      // EnvFlow's own git processes (fixtures log nothing) must never force or rewrite.
      const violations = forbiddenGitInvocations(readFileSync(wrapper.log, 'utf8'));
      const gitCount = readFileSync(wrapper.log, 'utf8').split('\n').filter(Boolean).length;
      results.results.push({ title: `git safety: none of EnvFlow's ${gitCount} git processes forced or rewrote anything`, state: violations.length ? 'failed' : 'passed' });
      results.tests += 1;
      if (violations.length) {
        results.failures += 1;
        results.failureDetails.push({ title: 'git safety', message: violations.join('\n'), stack: violations.join('\n') });
      } else {
        results.passes += 1;
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

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
