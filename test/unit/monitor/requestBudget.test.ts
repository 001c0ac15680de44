import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../src/core/monitor/requestBudget';

describe('RequestBudget', () => {
  it('lets a burst through at once, then makes the next poll wait until the overdraft is paid back', () => {
    const budget = new RequestBudget(180, 40);
    budget.spend(30, 0);
    assert.equal(budget.waitMs(0), 0, 'within the burst');
    budget.spend(15, 0);
    // 5 over; 180 an hour is one every 20 s.
    assert.equal(budget.waitMs(0), 100_000);
    assert.equal(budget.waitMs(100_000), 0);
  });

  it('refills no further than the burst', () => {
    const budget = new RequestBudget(180, 40);
    budget.spend(40, 0);
    budget.waitMs(10 * 3_600_000);
    budget.spend(41, 10 * 3_600_000);
    assert.equal(budget.waitMs(10 * 3_600_000), 20_000, 'full at 40 after any wait; one over takes 20 s');
  });

  it('holds the long-run rate to the hourly budget, however much each poll costs', () => {
    const budget = new RequestBudget(180, 40);
    let now = 0;
    let spent = 0;
    while (now < 3_600_000) {
      budget.spend(7, now);
      spent += 7;
      now += Math.max(30_000, budget.waitMs(now));
    }
    assert.ok(spent <= 180 + 40 + 7, `${spent} requests in an hour`);
  });
});
