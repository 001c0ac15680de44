import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../src/core/monitor/requestBudget';

const MINUTE = 60_000;

describe('RequestBudget', () => {
  it('lets a burst through at once, then makes the next poll wait for its requests to refill', () => {
    const budget = new RequestBudget(180, 40);
    budget.spend(30, 0);
    assert.equal(budget.waitMs(10, 0), 0, '10 of the remaining 10 fit');
    budget.spend(10, 0);
    // 180 an hour is one every 20 s: five requests take 100 s to refill.
    assert.equal(budget.waitMs(5, 0), 100_000);
    assert.equal(budget.waitMs(5, 100_000), 0);
  });

  it('never holds back polls that cost nothing', () => {
    const budget = new RequestBudget(180, 40);
    budget.spend(500, 0);
    assert.equal(budget.waitMs(0, 0), 0);
  });

  it('refills no further than the burst', () => {
    const budget = new RequestBudget(180, 40);
    budget.spend(40, 0);
    assert.equal(budget.waitMs(41, 600 * MINUTE), 20_000, 'full at 40 after any wait; the 41st takes 20 s more');
  });
});
