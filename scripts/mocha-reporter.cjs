// Mocha's spec reporter, plus a JSON summary (counts and failures) written to
// $ENVFLOW_RESULTS_FILE so scripts/test.mjs can total the layers and the host
// launcher can fail on results instead of the extension host's exit code.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    const tests = [];
    // What a test prints (its measurements) travels with its result, because inside
    // an extension host nobody sees the console.
    let output = [];
    const originalLog = console.log;
    runner.on('test', () => {
      output = [];
      const capture = (...args) => {
        output.push(args.map(String).join(' '));
        originalLog.apply(console, args);
      };
      console.log = capture;
      // The extension host may not let console.log be replaced; tests can report here.
      globalThis.envflowTestReport = capture;
    });
    runner.on('test end', () => {
      console.log = originalLog;
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', ms: test.duration, output }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on('fail', (test, err) => {
      // A failing test's figures (e.g. how many git processes ran) are the evidence.
      tests.push({ title: test.fullTitle(), state: 'failed', output });
      failures.push({ title: test.fullTitle(), message: String(err && err.message), stack: String(err && err.stack) });
    });
    runner.once('end', () => {
      const file = process.env.ENVFLOW_RESULTS_FILE;
      if (!file) return;
      const s = runner.stats || {};
      const summary = {
        passes: s.passes || 0,
        failures: s.failures || 0,
        pending: s.pending || 0,
        tests: s.tests || 0,
        failureDetails: failures,
        results: tests,
      };
      fs.writeFileSync(file, JSON.stringify(summary, null, 2));
    });
  }
}
module.exports = SummaryReporter;
