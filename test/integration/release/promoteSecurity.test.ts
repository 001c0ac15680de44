/**
 * Promote reads security just before it opens the release pull request: open alerts at
 * or above envflow.gate.blockOnAlerts stop it unless the user promotes anyway (which the
 * release pull request records), and dependencies the release adds with known
 * vulnerabilities are listed in its body.
 */
import * as assert from 'node:assert/strict';
import { promote } from '../../../src/core/usecases/promote';
import type { FixtureServices } from '../../support/usecases/fixtureServices';
import { caseServices } from '../../support/usecases/caseServices';
import { buildTemplate, openCase, type CaseContext, type Template } from '../../support/faultCase';
import { config } from '../../support/releaseHarness';

describe('Promote and open security alerts', function () {
  this.timeout(60_000);
  let template: Template;

  before(async () => {
    template = await buildTemplate('promote-security', { developAhead: 2 });
  });
  after(() => template?.dispose());

  async function greenCase(): Promise<{ c: CaseContext; services: FixtureServices }> {
    const c = await openCase(template);
    const head = (await c.fixture.git('rev-parse', 'origin/develop')).trim();
    c.server.addCheckRun(head, { name: 'ci', status: 'completed', conclusion: 'success' });
    const deployment = c.server.addDeployment({
      ref: 'develop',
      sha: head,
      environment: config.developmentEnvironment,
    });
    c.server.addDeploymentStatus(deployment, { state: 'success' });
    const services = caseServices(c);
    return { c, services };
  }

  it('a critical code scanning alert stops it; declining the override opens nothing', async () => {
    const { c, services } = await greenCase();
    try {
      c.server.addCodeScanningAlert({ severity: 'critical' });
      const { outcome, port } = await services.run(promote, undefined, {
        confirm: (question) => (question.message.includes('security alert') ? undefined : (true as never)),
      });
      assert.equal(outcome.kind, 'refused', JSON.stringify(outcome));
      assert.match(
        outcome.kind === 'refused' ? outcome.sentence : '',
        /^1 open critical security alert \(code scanning\) stops the promotion/,
      );
      assert.ok(port.questions.some((q) => q.includes('security alert')));
      assert.equal(c.server.state.pulls.filter((p) => p.base === 'main').length, 0, 'no release pull request');
    } finally {
      await c.dispose();
    }
  });

  it('promoting anyway records the override and lists vulnerable additions in the release body', async () => {
    const { c, services } = await greenCase();
    try {
      c.server.addCodeScanningAlert({ severity: 'critical' });
      c.server.setDependencyChanges('main...develop', [
        {
          changeType: 'added',
          name: 'lodash',
          version: '4.17.20',
          ecosystem: 'npm',
          manifest: 'package-lock.json',
          vulnerabilities: [{ severity: 'high', ghsaId: 'GHSA-p6mc-m468-83gw', summary: 'Prototype pollution' }],
        },
      ]);
      const { outcome } = await services.run(promote);
      assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
      const release = c.server.state.pulls.find((p) => p.base === 'main');
      assert.ok(release, 'the release pull request was opened');
      assert.match(release.body ?? '', /Security gate overridden:.*1 open alert/);
      assert.match(
        release.body ?? '',
        /### Dependencies added with known vulnerabilities\n\n- `lodash@4\.17\.20`.*\*\*high\*\*.*GHSA-p6mc-m468-83gw/,
      );
    } finally {
      await c.dispose();
    }
  });

  it('with the gate off, alerts do not stop it', async () => {
    const { c } = await greenCase();
    try {
      c.server.addCodeScanningAlert({ severity: 'critical' });
      const services = caseServices(c, { config: { ...config, blockOnAlerts: 'off' } });
      const { outcome, port } = await services.run(promote);
      assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
      assert.ok(!port.questions.some((q) => q.includes('security alert')));
    } finally {
      await c.dispose();
    }
  });
});
