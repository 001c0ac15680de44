/**
 * A `git` first on the extension host's PATH that logs every invocation (time in ms
 * and arguments) to a file, then runs the real git. Host tests read the log to count
 * EnvFlow's git processes and to prove none of them force-pushes or resets.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GitWrapper {
  /** Prepend to PATH. */
  readonly binDir: string;
  /** The log file (ENVFLOW_GIT_LOG). */
  readonly log: string;
}

export function createGitWrapper(): GitWrapper {
  const realGit = execFileSync('which', ['git'], { encoding: 'utf8' }).trim();
  const binDir = mkdtempSync(join(tmpdir(), 'envflow-git-wrapper-'));
  const log = join(binDir, 'git.log');
  writeFileSync(log, '');
  const script = [
    '#!/bin/sh',
    '# Logs "<epoch ms> <args>" unless ENVFLOW_GIT_LOG is unset or /dev/null, then runs git.',
    'if [ -n "$ENVFLOW_GIT_LOG" ] && [ "$ENVFLOW_GIT_LOG" != /dev/null ]; then',
    '  printf \'%s %s\\n\' "$(date +%s%3N)" "$*" >> "$ENVFLOW_GIT_LOG"',
    'fi',
    `exec ${JSON.stringify(realGit)} "$@"`,
    '',
  ].join('\n');
  writeFileSync(join(binDir, 'git'), script);
  chmodSync(join(binDir, 'git'), 0o755);
  return { binDir, log };
}
