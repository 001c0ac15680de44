/**
 * Code scanning and secret scanning beside Dependabot, CodeQL default setup, the alert
 * gate of Promote and the release body's vulnerable dependencies, from the GitHub API
 * server through the client to EnvFlow's core.
 */
import * as assert from 'node:assert/strict';
import { GitHubClient } from '../../../src/core/github/client';
import {
  alertOverrideLine,
  alertsBlockPromotion,
  alertThresholdOf,
  type AlertCounts,
} from '../../../src/core/flow/alertGate';
import { readScanningSummary } from '../../../src/core/flow/scanning';
import {
  readVulnerableAdditions,
  vulnerableDependenciesSection,
  vulnerableDependencyLines,
} from '../../../src/core/release/vulnerableDependencies';
import { startGitHubServer, type GitHubServer } from '../../../tools/githubServer/index';
import { createFixtureRepo, type FixtureRepo } from '../../support/gitFixtures';

const TOKEN = 'ghs_envflowScanningToken0123456789abcdef';

describe('code scanning, secret scanning and vulnerable dependencies', function () {
  this.timeout(30_000);
  let fixture: FixtureRepo;
  let server: GitHubServer;
  let client: GitHubClient;

  before(async () => {
    fixture = await createFixtureRepo({ name: 'scanning', developAhead: 1 });
  });
  beforeEach(async () => {
    server = await startGitHubServer({ owner: 'octo', repo: 'service', bareRepo: fixture.origin, token: TOKEN });
    client = new GitHubClient({
      apiUrl: server.url,
      owner: 'octo',
      repo: 'service',
      token: TOKEN,
      retryBaseMs: 10,
      writePacing: 'none',
    });
  });
  afterEach(async () => {
    await server.close();
  });
  after(async () => {
    await fixture.dispose();
  });

  it('counts open alerts by severity, each row linking to GitHub’s filtered list', async () => {
    server.addCodeScanningAlert({ severity: 'critical' });
    server.addCodeScanningAlert({ severity: 'critical', path: 'src/admin.js' });
    server.addCodeScanningAlert({ severity: 'medium' });
    server.addCodeScanningAlert({ severity: 'high', state: 'fixed' });
    server.addSecretScanningAlert();
    server.addSecretScanningAlert({ state: 'resolved' });
    const { codeScanning, secretScanning } = (await readScanningSummary(client.securityScanning, client.webUrl)).data;
    assert.ok(codeScanning.available);
    assert.equal(codeScanning.total, 3);
    assert.deepEqual(codeScanning.rows, [
      {
        severity: 'critical',
        count: 2,
        url: `${client.webUrl}/security/code-scanning?query=is:open+severity:critical`,
      },
      { severity: 'medium', count: 1, url: `${client.webUrl}/security/code-scanning?query=is:open+severity:medium` },
    ]);
    assert.deepEqual(secretScanning, { available: true, total: 1, url: `${client.webUrl}/security/secret-scanning` });
  });

  it('an unchanged read costs no rate limit: both requests answer 304', async () => {
    server.addCodeScanningAlert({ severity: 'low' });
    await readScanningSummary(client.securityScanning, client.webUrl);
    const requests = client.requestCount;
    const notModified = client.notModifiedCount;
    assert.equal((await readScanningSummary(client.securityScanning, client.webUrl)).notModified, true);
    assert.equal(client.requestCount - requests, 2);
    assert.equal(client.notModifiedCount - notModified, 2);
  });

  it('says "not enabled" and "no access" plainly, with who can fix it', async () => {
    const summary = async () => (await readScanningSummary(client.securityScanning, client.webUrl)).data;
    server.setCodeScanning('noAnalysis');
    server.setSecretScanning('disabled');
    let { codeScanning, secretScanning } = await summary();
    assert.deepEqual(codeScanning.available ? undefined : codeScanning.reason, 'notEnabled');
    assert.equal(
      codeScanning.available ? '' : codeScanning.sentence,
      "Code scanning is not enabled for this repository: a repository admin can turn on CodeQL default setup from Set Up or the repository's security settings.",
    );
    assert.equal(secretScanning.available ? undefined : secretScanning.reason, 'notEnabled');
    server.setCodeScanning('disabled');
    ({ codeScanning } = await summary());
    assert.equal(codeScanning.available ? undefined : codeScanning.reason, 'notEnabled');
    server.setCodeScanning('forbidden');
    server.setSecretScanning('forbidden');
    ({ codeScanning, secretScanning } = await summary());
    assert.equal(codeScanning.available ? undefined : codeScanning.reason, 'noAccess');
    assert.equal(
      secretScanning.available ? '' : secretScanning.sentence,
      'Secret scanning alerts are hidden from you: a repository admin can grant your account, or the token, access to security alerts.',
    );
  });

  it('a rate-limited 403 is not taken for "no access"', async () => {
    server.faults.inject({ kind: 'rateLimitPrimary', resetInSeconds: 600, match: { path: /\/code-scanning\/alerts/ } });
    await assert.rejects(
      readScanningSummary(client.securityScanning, client.webUrl),
      (error: Error & { kind?: string }) => error.kind === 'rateLimited',
    );
  });

  it('turns on CodeQL default setup, once; says why where the plan does not allow it', async () => {
    const started = await client.securityScanning.enableCodeQLDefaultSetup();
    assert.equal(started.state, 'started');
    assert.equal(server.state.security.defaultSetup.state, 'configured');
    assert.deepEqual(await client.securityScanning.enableCodeQLDefaultSetup(), { state: 'unchanged' });
    server.setCodeScanning('disabled');
    const refused = await client.securityScanning.enableCodeQLDefaultSetup();
    assert.deepEqual(refused, {
      state: 'refused',
      reason: 'notEnabled',
      githubMessage: 'Advanced Security must be enabled for this repository to use code scanning.',
    });
  });

  it('lists the dependencies a release adds with known vulnerabilities, as release body lines', async () => {
    server.setDependencyChanges('main...develop', [
      {
        changeType: 'added',
        name: 'lodash',
        version: '4.17.20',
        vulnerabilities: [
          { severity: 'high', ghsaId: 'GHSA-p6mc-m468-83gw', summary: 'Prototype pollution in <lodash>' },
        ],
      },
      { changeType: 'added', name: 'left-pad', version: '1.3.0' },
      {
        changeType: 'removed',
        name: 'minimist',
        version: '0.0.8',
        vulnerabilities: [{ severity: 'critical', ghsaId: 'GHSA-vh95-rmgr-6w4m', summary: 'Prototype pollution' }],
      },
    ]);
    const added = await readVulnerableAdditions(client.securityScanning, 'main', 'develop');
    assert.deepEqual(
      added.map((change) => change.name),
      ['lodash'],
    );
    assert.deepEqual(vulnerableDependencyLines(added), [
      '- `lodash@4.17.20` (npm, package-lock.json): **high**, [GHSA-p6mc-m468-83gw](https://github.com/advisories/GHSA-p6mc-m468-83gw) Prototype pollution in &lt;lodash&gt;',
    ]);
    assert.match(
      vulnerableDependenciesSection(added) ?? '',
      /^### Dependencies added with known vulnerabilities\n\n- `lodash@4\.17\.20`/,
    );
    assert.equal(vulnerableDependenciesSection([]), undefined);
    await assert.rejects(client.securityScanning.compareDependencies('main', '../x'), /not a branch or ref name/);
  });

  describe('the alert gate of Promote', () => {
    const counts = (source: string, critical: number, high: number, medium: number, low: number): AlertCounts => ({
      source,
      bySeverity: { critical, high, medium, low },
    });
    const cases: { threshold: ReturnType<typeof alertThresholdOf>; alerts: AlertCounts[]; blocked: number }[] = [
      { threshold: 'critical', alerts: [counts('Dependabot', 0, 3, 2, 1)], blocked: 0 },
      {
        threshold: 'critical',
        alerts: [counts('Dependabot', 1, 0, 0, 0), counts('code scanning', 2, 1, 0, 0)],
        blocked: 3,
      },
      { threshold: 'high', alerts: [counts('Dependabot', 0, 3, 2, 1)], blocked: 3 },
      { threshold: 'medium', alerts: [counts('Dependabot', 0, 3, 2, 1)], blocked: 5 },
      {
        threshold: 'low',
        alerts: [counts('Dependabot', 0, 3, 2, 1), counts('code scanning', 0, 0, 0, 4)],
        blocked: 10,
      },
      { threshold: 'off', alerts: [counts('Dependabot', 9, 9, 9, 9)], blocked: 0 },
    ];
    for (const testCase of cases) {
      it(`${testCase.threshold}: ${testCase.blocked} blocking`, () => {
        const verdict = alertsBlockPromotion(testCase.alerts, testCase.threshold);
        assert.equal(verdict.blocked ? verdict.count : 0, testCase.blocked);
      });
    }

    it('says what blocks and the ways out, and the override line names who promoted', async () => {
      server.addCodeScanningAlert({ severity: 'critical' });
      const summary = (await readScanningSummary(client.securityScanning, client.webUrl)).data;
      assert.ok(summary.codeScanning.available);
      const verdict = alertsBlockPromotion(
        [{ source: 'code scanning', bySeverity: summary.codeScanning.bySeverity }],
        alertThresholdOf('critical'),
      );
      assert.ok(verdict.blocked);
      assert.equal(
        verdict.sentence,
        '1 open critical security alert (code scanning) stops the promotion: fix or dismiss it on GitHub, promote anyway, or change envflow.gate.blockOnAlerts.',
      );
      assert.equal(
        alertOverrideLine(verdict, 'ada'),
        '> **Security gate overridden:** @\u200bada promoted with 1 open alert at or above the configured severity (code scanning).',
      );
    });

    it('an unknown setting value falls back to critical', () => {
      assert.equal(alertThresholdOf('severe'), 'critical');
      assert.equal(alertThresholdOf('off'), 'off');
    });
  });
});
