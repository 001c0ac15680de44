import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandServices } from './services';
import { HOTFIX_PREFIX } from '../../core/model/flowConfig';
import { switchCarryingChanges } from '../../core/git/carryChanges';
import { GitError } from '../../core/git/errors';
import { checkRefName } from '../../core/git/refName';
import type { GitRepository } from '../../core/git/repository';
import { readFlowConfig } from '../config';
import { requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';

/** `envflow.startBranch` (from develop) and `envflow.startHotfix` (from production). */
export function startBranchCommands(c: CommandServices): CommandSpec[] {
  return [
    { id: Commands.startBranch, mutates: true, run: (ctx, options) => startBranch(c, ctx, 'develop', options) },
    { id: Commands.startHotfix, mutates: true, run: (ctx, options) => startBranch(c, ctx, 'production', options) },
  ];
}

/** Arguments for automation (tests, keybindings): skip the pickers. */
interface StartBranchOptions {
  readonly prefix?: string;
  readonly name?: string;
  /** What to do when git cannot carry the uncommitted changes: ask (default), stash and carry, or cancel. */
  readonly onConflictingChanges?: 'stash' | 'cancel';
}

async function startBranch(c: CommandServices, ctx: CommandContext, from: 'develop' | 'production', raw: unknown): Promise<string | undefined> {
  const options = (typeof raw === 'object' && raw !== null ? raw : {}) as StartBranchOptions;
  const model = requireRepository(c);
  const git = c.gitOf(model);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  const base = from === 'develop' ? config.developBranch : config.productionBranch;

  const prefix = from === 'production' ? HOTFIX_PREFIX : (options.prefix ?? (await pickPrefix(config.branchPrefixes)));
  if (prefix === undefined) {
    return undefined;
  }
  const state = await git.readState(config.developBranch, config.productionBranch);
  const taken = new Set(
    state.refs
      .map((r) => r.name)
      .filter((n) => n.startsWith('refs/heads/') || n.startsWith('refs/remotes/origin/'))
      .map((n) => n.replace(/^refs\/heads\/|^refs\/remotes\/origin\//, '')),
  );
  const name = options.name !== undefined ? options.name : await askName(prefix, base, taken);
  if (name === undefined) {
    return undefined;
  }
  const branch = prefix ? `${prefix}/${name}` : name;
  const problem = validateBranchName(branch, taken);
  if (problem) {
    throw new Error(problem);
  }

  ctx.progress.report({ message: `Fetching ${base} from origin…` });
  const startPoint = await freshStartPoint(git, base);
  ctx.progress.report({ message: `Creating ${branch}…` });
  const created = await switchAsking(git, branch, startPoint, options.onConflictingChanges);
  if (!created) {
    return undefined;
  }
  await c.repositories.refresh(model, 'local');
  void vscode.window.showInformationMessage(`Switched to ${branch}, started from ${startPoint}.${created === 'stashed' ? ' Your uncommitted changes came along (through a stash).' : ''}`);
  return branch;
}

async function pickPrefix(prefixes: readonly string[]): Promise<string | undefined> {
  if (prefixes.length === 1) {
    return prefixes[0];
  }
  const picked = await vscode.window.showQuickPick(
    prefixes.map((p) => ({ label: p, description: `${p}/<name>` })),
    { title: 'Start a branch from develop', placeHolder: 'What kind of change?' },
  );
  return picked?.label;
}

async function askName(prefix: string, base: string, taken: ReadonlySet<string>): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: `New ${prefix} branch from ${base}`,
    prompt: `The branch will be ${prefix}/<name>, started from the latest origin/${base}.`,
    placeHolder: 'short-description',
    validateInput: (value) => (value.trim() ? validateBranchName(`${prefix}/${value.trim()}`, taken) : 'Type a name for the branch.'),
  });
  return name?.trim();
}

/** One sentence saying why `branch` cannot be created, or undefined when it can. */
export function validateBranchName(branch: string, taken: ReadonlySet<string>): string | undefined {
  const invalid = checkRefName(branch);
  if (invalid) {
    return invalid;
  }
  // Git allows `feature/-x`, but a part that looks like an option is never what was meant.
  if (branch.split('/').some((part) => part.startsWith('-'))) {
    return `"${branch}" has a part starting with '-': start each part with a letter or digit.`;
  }
  if (taken.has(branch)) {
    return `A branch named ${branch} already exists (locally or on origin): choose another name.`;
  }
  return undefined;
}

/** `origin/<base>` after a fetch; when offline, the last fetched one, if the user agrees. */
async function freshStartPoint(git: GitRepository, base: string): Promise<string> {
  try {
    // Fetching the named branch also updates origin/<base> (git's opportunistic update).
    await git.fetch('origin', [base]);
    return `origin/${base}`;
  } catch (error) {
    if (!(error instanceof GitError) || (error.code !== 'RemoteUnreachable' && error.code !== 'AuthenticationFailed')) {
      throw error;
    }
    const known = await git.hasRef(`refs/remotes/origin/${base}`);
    if (!known) {
      throw new Error(`Couldn't fetch ${base} from origin (${error.message}) and there is no earlier copy of it to start from.`);
    }
    const choice = await vscode.window.showWarningMessage(
      `Couldn't fetch ${base} from origin: ${error.message}`,
      { modal: true, detail: `Start from origin/${base} as it was last fetched?` },
      'Start from Last Fetched',
    );
    if (!choice) {
      throw new vscode.CancellationError();
    }
    return `origin/${base}`;
  }
}

/** The core carry, with the modal asking for consent unless automation preset the answer. */
async function switchAsking(
  git: GitRepository,
  branch: string,
  startPoint: string,
  preset: StartBranchOptions['onConflictingChanges'],
): Promise<'carried' | 'stashed' | undefined> {
  const outcome = await switchCarryingChanges(git, branch, startPoint, async () => {
    const choice =
      preset ??
      ((await vscode.window.showWarningMessage(
        `Your uncommitted changes touch files that differ on ${startPoint}.`,
        { modal: true, detail: 'EnvFlow can put them in a stash, switch, and apply them on the new branch. Nothing is discarded: if they conflict, they stay in the stash too.' },
        { title: 'Stash and Carry', id: 'stash' as const },
      ))?.id ?? 'cancel');
    return choice === 'stash';
  });
  return outcome === 'cancelled' ? undefined : outcome;
}
