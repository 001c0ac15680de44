/**
 * Reads pass/fail/skip counts from a test run's output. Each runner prints its own
 * summary; the last one printed wins (a wrapper script may run several runners, and
 * the final summary is the one the user reads). Cargo and Go print one result per
 * test binary or package, so theirs are summed. Counts are informational: the exit
 * code alone decides passed or failed.
 */

export interface TestCounts {
  passed?: number;
  failed?: number;
  skipped?: number;
}

interface Candidate {
  /** Index of the summary's last line; the highest wins. */
  line: number;
  counts: TestCounts;
  /** Runners whose summary spans several lines (mocha, node:test) extend their candidate. */
  kind: 'mocha' | 'node' | 'list' | 'vitest' | 'cargo' | 'go';
}

/** Lines within this distance of a block's previous line belong to the same block. */
const BLOCK_GAP = 3;

export function parseTestCounts(output: string): TestCounts {
  const lines = stripAnsi(output)
    .split(/\r?\n/)
    // A carriage return redraws the line (progress bars): keep what was drawn last.
    .map((line) => line.slice(line.lastIndexOf('\r') + 1));
  const candidates: Candidate[] = [];
  const cargo: Candidate = { line: -1, counts: {}, kind: 'cargo' };
  const go = {
    line: -1,
    tests: { passed: 0, failed: 0, skipped: 0 },
    packages: { passed: 0, failed: 0 },
    verbose: false,
  };

  const extendBlock = (
    kind: 'mocha' | 'node',
    index: number,
    key: keyof TestCounts,
    value: number,
    starts: boolean,
  ): void => {
    const last = candidates[candidates.length - 1];
    if (!starts && last?.kind === kind && index - last.line <= BLOCK_GAP && last.counts[key] === undefined) {
      last.counts[key] = value;
      last.line = index;
    } else {
      candidates.push({ line: index, counts: { [key]: value }, kind });
    }
  };

  lines.forEach((line, index) => {
    let m: RegExpExecArray | null;
    if ((m = /^\s*(\d+) passing\b/.exec(line))) {
      extendBlock('mocha', index, 'passed', Number(m[1]), true);
    } else if ((m = /^\s*(\d+) (failing|pending)\s*$/.exec(line))) {
      extendBlock('mocha', index, m[2] === 'failing' ? 'failed' : 'skipped', Number(m[1]), false);
    } else if ((m = /^\s*[#ℹ] (pass|fail|skipped|tests) (\d+)\s*$/.exec(line))) {
      // node:test (TAP `#`, spec reporter `ℹ`); `# tests N` opens the block.
      if (m[1] === 'tests') {
        candidates.push({ line: index, counts: {}, kind: 'node' });
      } else {
        const key = m[1] === 'pass' ? 'passed' : m[1] === 'fail' ? 'failed' : 'skipped';
        extendBlock('node', index, key, Number(m[2]), false);
      }
    } else if ((m = /^\s*test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/.exec(line))) {
      cargo.line = index;
      cargo.counts = {
        passed: (cargo.counts.passed ?? 0) + Number(m[1]),
        failed: (cargo.counts.failed ?? 0) + Number(m[2]),
        skipped: (cargo.counts.skipped ?? 0) + Number(m[3]),
      };
    } else if ((m = /^\s*Tests\s+(\d+ \w+(?: \| \d+ \w+)*) \(\d+\)/.exec(line))) {
      candidates.push({ line: index, counts: listCounts(m[1]!.split(' | ')), kind: 'vitest' });
    } else if (goLine(line, go)) {
      go.line = index;
    } else {
      const list = listLine(line);
      if (list) {
        candidates.push({ line: index, counts: list, kind: 'list' });
      }
    }
  });

  if (cargo.line >= 0) {
    candidates.push(cargo);
  }
  if (go.line >= 0) {
    // Without -v only failing tests print a line, so count packages instead.
    const counts = go.verbose ? go.tests : go.packages;
    candidates.push({
      line: go.line,
      counts: go.verbose ? counts : { passed: counts.passed, failed: counts.failed },
      kind: 'go',
    });
  }
  const winner = candidates
    .filter((c) => Object.keys(c.counts).length > 0)
    .reduce<Candidate | undefined>((best, c) => (!best || c.line >= best.line ? c : best), undefined);
  return winner ? { ...winner.counts } : {};
}

/** Removes ANSI colour and cursor sequences (CSI) and terminal titles/links (OSC). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g, '');
}

/** Other runners' count lines that look like a test summary but are not one. */
const NOT_TEST_COUNTS = /^\s*(?:Test Suites|Snapshots|Test Files|Suites)\s*:?\s/;

/**
 * A comma-separated count list: pytest's `== 3 passed, 1 failed in 0.1s ==`, jest's
 * `Tests: 1 failed, 2 passed, 3 total` and the plain `3 passed, 1 failed`.
 */
function listLine(line: string): TestCounts | undefined {
  if (NOT_TEST_COUNTS.test(line)) {
    return undefined;
  }
  const m = /(?:^|[\s=:])(\d+ [a-z]+(?:,\s*\d+ [a-z]+)*)(?:\s+in [\d.]+m?s\b|\s*=*\s*$|\s+\(|,?\s+\d+ total)/i.exec(
    line,
  );
  if (!m) {
    return undefined;
  }
  const parts = m[1]!.split(/,\s*/);
  const words = parts.map((p) => p.split(' ')[1]!.toLowerCase());
  if (!words.some((w) => w === 'passed' || w === 'failed')) {
    return undefined;
  }
  return listCounts(parts);
}

/** `3 passed`, `1 failed`, `2 errors`, `1 skipped`, `1 todo` … into counts. */
function listCounts(parts: readonly string[]): TestCounts {
  const counts: TestCounts = {};
  const add = (key: keyof TestCounts, n: number): void => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  for (const part of parts) {
    const [n, word] = part.trim().split(' ') as [string, string];
    const value = Number(n);
    switch (word.toLowerCase()) {
      case 'passed':
        add('passed', value);
        break;
      case 'failed':
      case 'error':
      case 'errors':
        add('failed', value);
        break;
      case 'skipped':
      case 'pending':
      case 'todo':
        add('skipped', value);
        break;
    }
  }
  return counts;
}

interface GoTally {
  tests: { passed: number; failed: number; skipped: number };
  packages: { passed: number; failed: number };
  verbose: boolean;
}

/** Counts `go test` result lines into `go`; true when the line was one. */
function goLine(line: string, go: GoTally): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^\s*--- (PASS|FAIL|SKIP): \S/.exec(line))) {
    if (m[1] === 'PASS') {
      go.tests.passed++;
      go.verbose = true;
    } else if (m[1] === 'FAIL') {
      go.tests.failed++;
    } else {
      go.tests.skipped++;
      go.verbose = true;
    }
    return true;
  }
  if (/^ok\s+\S+\s+(?:[\d.]+s|\(cached\))/.test(line)) {
    go.packages.passed++;
    return true;
  }
  if (/^FAIL\s+\S+\s+(?:[\d.]+s|\[)/.test(line)) {
    go.packages.failed++;
    return true;
  }
  return false;
}
