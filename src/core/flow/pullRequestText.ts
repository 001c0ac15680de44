/**
 * The title and body EnvFlow writes into a pull request: what it carries, the local
 * test receipt that let it through the gate, and any override, in plain Markdown.
 * Pure, so the exact text is unit-tested.
 */
import { redactCommandLine } from '../log';
import type { GateFailure } from './gates';
import type { CommitInfo, LocalTestRecord } from '../model/snapshot';
import { shortSha } from '../model/sha';

export interface PullRequestTextInput {
  readonly branch: string;
  readonly base: string;
  /** Commits the PR carries, newest first. */
  readonly commits: readonly Pick<CommitInfo, 'sha' | 'subject'>[];
  readonly testRecord?: LocalTestRecord;
  readonly headSha: string;
  /** Gate failures the user chose to override in a modal confirmation. */
  readonly overridden?: readonly GateFailure[];
  /** `envflow.publishTestCommand`: false leaves the command out entirely (default true). */
  readonly publishTestCommand?: boolean;
}

/** The only commit's subject, else the branch name made readable ("feature/user-login" → "User login"). */
export function pullRequestTitle(branch: string, commits: readonly Pick<CommitInfo, 'subject'>[]): string {
  const only = commits.length === 1 ? commits[0] : undefined;
  if (only?.subject.trim()) {
    return only.subject.trim().slice(0, 200);
  }
  const name = branch.split('/').pop() ?? branch;
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : branch;
}

export function pullRequestBody(input: PullRequestTextInput): string {
  const lines: string[] = [];
  if (input.commits.length) {
    lines.push(`### Changes`, '');
    for (const commit of input.commits.slice(0, 50)) {
      lines.push(`- ${shortSha(commit.sha)} ${escapeInline(commit.subject)}`);
    }
    if (input.commits.length > 50) {
      lines.push(`- …and ${input.commits.length - 50} more`);
    }
    lines.push('');
  }
  lines.push('### Local tests', '');
  const r = input.testRecord;
  if (r && r.commit === input.headSha) {
    const counts = [
      r.passed !== undefined && `${r.passed} passed`,
      r.failed !== undefined && `${r.failed} failed`,
      r.skipped ? `${r.skipped} skipped` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `| | |`,
      `|---|---|`,
      `| Result | ${r.outcome === 'passed' ? '✅ passed' : '❌ failed'} |`,
      `| Commit | ${r.commit.slice(0, 12)} |`,
      ...(input.publishTestCommand === false
        ? []
        : [`| Command | \`${publishedCommand(r.command).replace(/\|/g, '\\|')}\` |`]),
      ...(counts ? [`| Counts | ${counts} |`] : []),
      `| Duration | ${(r.durationMs / 1000).toFixed(1)} s |`,
      `| Finished | ${r.finishedAt} |`,
    );
  } else {
    lines.push('Not run for this commit.');
  }
  if (input.overridden?.length) {
    lines.push('', '### ⚠️ Gate overridden', '', 'The author confirmed opening this pull request although:', '');
    for (const failure of input.overridden) {
      lines.push(`- ${escapeInline(failure.reason)}`);
    }
  }
  lines.push('', `<sub>Opened with EnvFlow from \`${input.branch.replace(/`/g, "'")}\` into \`${input.base}\`.</sub>`);
  return lines.join('\n');
}

/**
 * The `envflow/local-tests` commit status description (GitHub keeps 140 characters):
 * counts, duration and, unless `publishTestCommand` is false, the redacted command.
 */
export function localTestStatusDescription(record: LocalTestRecord, publishTestCommand: boolean): string {
  const counts =
    record.passed !== undefined ? `${record.passed} passed${record.failed ? `, ${record.failed} failed` : ''} ` : '';
  const command = publishTestCommand ? `: ${publishedCommand(record.command)}` : '';
  return `${counts}in ${(record.durationMs / 1000).toFixed(1)} s${command}`.slice(0, 140);
}

/** The test command as anyone who can read the repository may see it: secrets hidden, no backquotes to break code spans. */
function publishedCommand(command: string): string {
  return redactCommandLine(command).replace(/`/g, "'");
}

/** Commit subjects are the author's text: keep them from opening HTML or mentions. */
function escapeInline(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/@(\w)/g, '@\u200b$1');
}
