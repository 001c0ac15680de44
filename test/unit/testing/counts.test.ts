import * as assert from 'node:assert/strict';
import { parseTestCounts, stripAnsi } from '../../../src/core/testing/counts';

// Outputs pasted from real runs (mocha 11, node 20 node:test, pytest 9, cargo 1.x);
// jest, vitest and go from their documented output, which these tools print verbatim.

const mocha = `

  s
    ✔ a
    ✔ b
    - c
    1) d


  2 passing (5ms)
  1 pending
  1 failing

  1) s
       d:

      AssertionError [ERR_ASSERTION]: 1 == 2
      + expected - actual

      -1
      +2
`;

const mochaGreen = `
  EnvFlow
    ✔ works (12ms)


  14 passing (1s)

`;

const nodeTap = `TAP version 13
# Subtest: a
ok 1 - a
  ---
  duration_ms: 0.105718
  ...
1..3
# tests 3
# suites 0
# pass 1
# fail 1
# cancelled 0
# skipped 1
# todo 0
# duration_ms 104.457919
`;

const nodeSpec = `✔ a (0.5ms)
✖ b (1.2ms)
﹣ c (0.1ms) # SKIP
ℹ tests 3
ℹ suites 0
ℹ pass 1
ℹ fail 1
ℹ cancelled 0
ℹ skipped 1
ℹ todo 0
ℹ duration_ms 99.731506
`;

const jest = `FAIL ./sum.test.js
  ● adds 1 + 2 to equal 4

    expect(received).toBe(expected) // Object.is equality

PASS ./mul.test.js

Test Suites: 1 failed, 1 passed, 2 total
Tests:       1 failed, 1 skipped, 3 passed, 5 total
Snapshots:   2 passed, 2 total
Time:        0.512 s, estimated 1 s
Ran all test suites.
`;

const vitest = `\x1b[31m ❯\x1b[39m sum.test.ts \x1b[2m(\x1b[22m\x1b[2m5 tests\x1b[22m\x1b[2m | \x1b[22m\x1b[31m1 failed\x1b[39m\x1b[2m)\x1b[22m\x1b[90m 5\x1b[2mms\x1b[22m\x1b[39m

\x1b[2m Test Files \x1b[22m \x1b[1m\x1b[31m1 failed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[1m\x1b[32m1 passed\x1b[39m\x1b[22m\x1b[90m (2)\x1b[39m
\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[31m1 failed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[1m\x1b[32m3 passed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[33m1 skipped\x1b[39m\x1b[90m (5)\x1b[39m
\x1b[2m   Start at \x1b[22m 10:00:00
\x1b[2m   Duration \x1b[22m 312ms\x1b[2m (transform 20ms, setup 0ms, collect 15ms, tests 5ms)\x1b[22m
`;

const pytest = `============================= test session starts ==============================
platform linux -- Python 3.12.3, pytest-9.0.3, pluggy-1.6.0
collected 4 items

test_x.py .F.s                                                           [100%]

=================================== FAILURES ===================================
____________________________________ test_b ____________________________________

    def test_b(): assert 1 == 2
E   assert 1 == 2

test_x.py:3: AssertionError
=========================== short test summary info ============================
FAILED test_x.py::test_b - assert 1 == 2
==================== 1 failed, 2 passed, 1 skipped in 0.66s ====================
`;

const pytestColour =
  '\x1b[31m==================== \x1b[31m\x1b[1m1 failed\x1b[0m, \x1b[32m2 passed\x1b[0m, \x1b[33m1 skipped\x1b[0m\x1b[31m in 0.53s\x1b[0m\x1b[31m ====================\x1b[0m\n';

const pytestErrors = `FAILED test_x.py::test_b - assert 1 == 2
ERROR test_y.py - ModuleNotFoundError: No module named 'yaml'
=============== 1 failed, 5 passed, 2 warnings, 1 error in 1.02s ===============
`;

const cargo = `    Finished \`test\` profile [unoptimized + debuginfo] target(s) in 0.01s
     Running unittests src/lib.rs (target/debug/deps/cr-f73a538893013b88)

running 3 tests
test tests::b ... ignored
test tests::a ... ok
test tests::c ... ok

test result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/it.rs (target/debug/deps/it-c402cc767e4d8483)

running 1 test
test it_works ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

   Doc-tests cr

running 1 test
test src/lib.rs - add (line 1) ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

all doctests ran in 0.32s; merged doctests compilation took 0.31s
`;

const cargoFailed = `running 3 tests
test tests::b ... ignored
test tests::a ... ok
test tests::c ... FAILED

failures:

---- tests::c stdout ----
thread 'tests::c' panicked at src/lib.rs:9:31:
assertion \`left == right\` failed

failures:
    tests::c

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.08s

error: test failed, to rerun pass \`--lib\`
`;

const goVerbose = `=== RUN   TestAdd
--- PASS: TestAdd (0.00s)
=== RUN   TestSub
    math_test.go:12: got 1, want 2
--- FAIL: TestSub (0.00s)
=== RUN   TestSkip
    math_test.go:16: not on this platform
--- SKIP: TestSkip (0.00s)
FAIL
FAIL\texample.com/calc\t0.002s
=== RUN   TestParse
=== RUN   TestParse/empty
--- PASS: TestParse (0.00s)
    --- PASS: TestParse/empty (0.00s)
PASS
ok  \texample.com/calc/parse\t0.003s
FAIL
`;

const goQuiet = `--- FAIL: TestSub (0.00s)
    math_test.go:12: got 1, want 2
FAIL
FAIL\texample.com/calc\t0.002s
ok  \texample.com/calc/parse\t(cached)
?   \texample.com/calc/cmd\t[no test files]
ok  \texample.com/calc/format\t0.011s
FAIL
`;

describe('parseTestCounts', () => {
  it('reads mocha: passing, pending and failing', () => {
    assert.deepEqual(parseTestCounts(mocha), { passed: 2, skipped: 1, failed: 1 });
    assert.deepEqual(parseTestCounts(mochaGreen), { passed: 14 });
  });

  it('reads node:test in TAP and in the spec reporter', () => {
    assert.deepEqual(parseTestCounts(nodeTap), { passed: 1, failed: 1, skipped: 1 });
    assert.deepEqual(parseTestCounts(nodeSpec), { passed: 1, failed: 1, skipped: 1 });
  });

  it('reads jest from the Tests line, not Test Suites or Snapshots', () => {
    assert.deepEqual(parseTestCounts(jest), { failed: 1, skipped: 1, passed: 3 });
  });

  it('reads vitest through its colours, from Tests and not Test Files', () => {
    assert.deepEqual(parseTestCounts(vitest), { failed: 1, passed: 3, skipped: 1 });
  });

  it('reads pytest, plain, quiet and coloured; errors count as failures', () => {
    assert.deepEqual(parseTestCounts(pytest), { failed: 1, passed: 2, skipped: 1 });
    assert.deepEqual(
      parseTestCounts('FAILED test_x.py::test_b - assert 1 == 2\n1 failed, 2 passed, 1 skipped in 0.52s\n'),
      { failed: 1, passed: 2, skipped: 1 },
    );
    assert.deepEqual(parseTestCounts(pytestColour), { failed: 1, passed: 2, skipped: 1 });
    assert.deepEqual(parseTestCounts(pytestErrors), { failed: 2, passed: 5 });
  });

  it('sums cargo over every test binary and the doc-tests', () => {
    assert.deepEqual(parseTestCounts(cargo), { passed: 4, failed: 0, skipped: 1 });
    assert.deepEqual(parseTestCounts(cargoFailed), { passed: 1, failed: 1, skipped: 1 });
  });

  it('counts go tests with -v, and packages without it', () => {
    assert.deepEqual(parseTestCounts(goVerbose), { passed: 3, failed: 1, skipped: 1 });
    assert.deepEqual(parseTestCounts(goQuiet), { passed: 2, failed: 1 });
  });

  it('reads a plain "N passed, N failed" line', () => {
    assert.deepEqual(parseTestCounts('building…\nSummary: 12 passed, 3 failed\n'), { passed: 12, failed: 3 });
  });

  it('takes the last summary when a script runs several runners', () => {
    assert.deepEqual(parseTestCounts(mocha + pytest), { failed: 1, passed: 2, skipped: 1 });
    assert.deepEqual(parseTestCounts(pytest + mochaGreen), { passed: 14 });
    assert.deepEqual(parseTestCounts(jest + nodeTap), { passed: 1, failed: 1, skipped: 1 });
  });

  it('knows nothing from output without a summary', () => {
    assert.deepEqual(parseTestCounts(''), {});
    assert.deepEqual(parseTestCounts('compiled 3 files\nall good\n'), {});
    assert.deepEqual(parseTestCounts('Test Suites: 1 failed, 1 total\n'), {});
  });

  it('keeps what a carriage return drew last', () => {
    assert.deepEqual(parseTestCounts('running 1/3\rrunning 3/3\r  3 passing (2ms)\n'), { passed: 3 });
  });
});

describe('stripAnsi', () => {
  it('removes colours, cursor moves and hyperlinks, and keeps the text', () => {
    assert.equal(stripAnsi('\x1b[1m\x1b[32m3 passed\x1b[39m\x1b[22m\x1b[2K\x1b[1G'), '3 passed');
    assert.equal(stripAnsi('\x1b]8;;https://example.com\x07link\x1b]8;;\x07'), 'link');
  });
});
