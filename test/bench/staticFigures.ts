/** Sizes: the production main bundle and the packaged vsix, measured from the files; and the hostile settings file read. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../support/launch/hostRun';
import { restrictedSettingsIn } from '../../src/ui/restrictedSettings';
import { unclosedCommentSettings } from '../support/hostileSettingsText';
import { summarize, type BenchFigure } from '../support/bench/figure';

const execFileAsync = promisify(execFile);

/** vsce runs `vscode:prepublish`, the production build, so both figures describe the minified bundles. */
export async function measureSizes(log: (line: string) => void): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'envflow-bench-vsix-'));
  try {
    const vsix = join(dir, 'envflow.vsix');
    await execFileAsync(
      join(repositoryRoot, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--out', vsix],
      {
        cwd: repositoryRoot,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const main = (await stat(join(repositoryRoot, 'dist', 'extension.js'))).size;
    const github = (await stat(join(repositoryRoot, 'dist', 'github.js'))).size;
    const packaged = (await stat(vsix)).size;
    log(
      `  dist/extension.js ${main} B, dist/github.js ${github} B (loaded on the first GitHub request), vsix ${packaged} B`,
    );
    return [summarize('bundle_bytes', 'bytes', [main], 400_000), summarize('vsix_bytes', 'bytes', [packaged], 250_000)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The untrusted-settings notice reads each folder's settings file on the extension
 * host's one thread: a 5 MB file with an unclosed comment must not freeze it.
 */
export function measureHostileSettingsRead(runs: number, log: (line: string) => void): BenchFigure {
  const text = unclosedCommentSettings(5 * 1024 * 1024);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    restrictedSettingsIn(text);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const figure = summarize('hostile_settings_5mb_ms', 'ms', samples, 500);
  log(
    `  a ${(text.length / 1024 / 1024).toFixed(1)} MB settings file with an unclosed /*: median ${figure.median.toFixed(1)} ms over ${runs} reads`,
  );
  return figure;
}
