import * as assert from 'node:assert/strict';
import { ciItem, gateItem, productionItem } from '../../../src/ui/statusbar/presentation';
import { checks, deployment, SHA, snapshot, T0 } from '../../support/snapshotFactory';

describe('status bar items', () => {
  it("gate: local test state without the branch name VS Code's git item already shows; click runs the tests", () => {
    const item = gateItem(snapshot(), T0);
    assert.equal(item.text, '$(pass) tests');
    assert.doesNotMatch(item.text, /feature\/login/);
    assert.match(item.tooltip, /feature\/login/);
    assert.equal(item.command, 'envflow.runTests');
    assert.match(item.accessibilityLabel, /feature\/login, tests passed/);
  });

  it('gate: failed and not-run states read differently', () => {
    assert.match(gateItem(snapshot({ local: { tests: { state: 'failed' } } }), T0).text, /\$\(error\) tests$/);
    assert.match(
      gateItem(snapshot({ local: { tests: { state: 'notRun' } } }), T0).accessibilityLabel,
      /not run for this commit/,
    );
  });

  it('CI: n failing, with a warning background', () => {
    const item = ciItem(snapshot({ local: { checks: checks('failing', ['lint', 'unit']) } }));
    assert.equal(item?.text, '$(error) 2 failing');
    assert.equal(item?.background, 'warning');
    assert.equal(item?.command, 'envflow.showChecks');
  });

  it('CI: hidden without GitHub', () => {
    assert.equal(ciItem(snapshot({ rest: { connection: { state: 'signedOut' } } })), undefined);
  });

  it('CI and production say when their read failed alone', () => {
    const checksFailed = {
      checkRuns: {
        kind: 'offline',
        message: "Could not read check runs: can't reach api.github.com.",
        about: [SHA.head],
      },
    } as const;
    const ci = ciItem(snapshot({ rest: { readErrors: checksFailed } }));
    assert.equal(ci?.text, '$(pass) CI', 'the last known state stays');
    assert.match(ci?.accessibilityLabel ?? '', /may be out of date/);
    assert.match(ci?.tooltip ?? '', /Could not read check runs/);
    assert.equal(
      ciItem(snapshot({ local: { checks: undefined }, rest: { readErrors: checksFailed } }))?.text,
      '$(warning) CI unknown',
    );
    const statusesFailed = {
      deploymentStatuses: {
        kind: 'server',
        status: 500,
        message: 'Could not read deployment statuses: GitHub is having trouble (HTTP 500).',
        about: ['7'],
      },
    } as const;
    const prod = productionItem(snapshot({ rest: { readErrors: statusesFailed } }), T0);
    assert.match(prod?.tooltip ?? '', /Could not read deployment statuses/);
    assert.match(prod?.accessibilityLabel ?? '', /may be out of date/);
    assert.doesNotMatch(productionItem(snapshot(), T0)?.accessibilityLabel ?? '', /out of date/);
  });

  it('production: error background while production is failing', () => {
    const item = productionItem(snapshot({ production: { deployment: deployment({ state: 'error' }) } }), T0);
    assert.equal(item?.text, '$(error) prod failing');
    assert.equal(item?.background, 'error');
    assert.equal(item?.command, 'envflow.showProduction');
  });

  it('production: succeeded without background', () => {
    const item = productionItem(snapshot(), T0);
    assert.equal(item?.text, '$(pass) prod succeeded');
    assert.equal(item?.background, undefined);
  });
});
