/**
 * Start Branch (from develop) and Start Hotfix (from production): pick a prefix, name
 * the branch, fetch its base (or, offline, start from the last fetched one when the
 * user agrees) and switch to it carrying the uncommitted changes.
 */
import * as l10n from '@vscode/l10n';
import { HOTFIX_PREFIX } from '../model/flowConfig';
import { switchCarryingChanges } from '../git/carryChanges';
import { GitError } from '../git/errors';
import { checkRefName } from '../git/refName';
import type { GitRepository } from '../git/repository';
import { done, refused, type Outcome } from './outcome';
import type { InteractionPort } from './port';
import type { UseCaseInput } from './services';

/** Arguments for automation (tests, keybindings): skip the pickers. */
export interface StartBranchOptions {
  readonly prefix?: string;
  /** The configured prefix for this kind of change, when the caller knows the kind but not the repository's prefixes. */
  readonly kind?: 'fix';
  readonly name?: string;
  /** What to do when git cannot carry the uncommitted changes: ask (default), stash and carry, or cancel. */
  readonly onConflictingChanges?: 'stash' | 'cancel';
}

export function startBranch(from: 'develop' | 'production') {
  return async ({ port, repo, say, args }: UseCaseInput): Promise<Outcome<string>> => {
    const options = (typeof args === 'object' && args !== null ? args : {}) as StartBranchOptions;
    const { git, config } = repo;
    const base = from === 'develop' ? say.develop : say.production;
    const prefix =
      from === 'production'
        ? HOTFIX_PREFIX
        : (options.prefix ??
          (options.kind === 'fix' ? say.fixPrefix : undefined) ??
          (await pickPrefix(port, config.branchPrefixes, base)));
    if (prefix === undefined) {
      return { kind: 'cancelled' };
    }
    const taken = await takenNames(git, config.developBranch, config.productionBranch);
    const name = options.name ?? (await askName(port, prefix, base, taken));
    if (name === undefined) {
      return { kind: 'cancelled' };
    }
    const branch = prefix ? `${prefix}/${name}` : name;
    const problem = validateBranchName(branch, taken);
    if (problem) {
      port.notify({ severity: 'error', message: problem });
      return refused(problem);
    }
    port.progress(l10n.t('Fetching {0} from origin…', base));
    const startPoint = await freshStartPoint(port, git, base);
    if (typeof startPoint !== 'string') {
      return { kind: 'cancelled', sentence: startPoint.declined };
    }
    port.progress(l10n.t('Creating {0}…', branch));
    const carried = await switchCarryingChanges(git, branch, startPoint, async () => {
      const choice = options.onConflictingChanges ?? (await askToStash(port, startPoint)) ?? 'cancel';
      return choice === 'stash';
    });
    if (carried === 'cancelled') {
      return { kind: 'cancelled' };
    }
    const sentence =
      carried === 'stashed'
        ? l10n.t(
            'Switched to {0}, started from {1}. Your uncommitted changes came along (through a stash).',
            branch,
            startPoint,
          )
        : l10n.t('Switched to {0}, started from {1}.', branch, startPoint);
    port.notify({ severity: 'info', message: sentence });
    return done(branch, sentence);
  };
}

/** Branch names in use locally or on origin. */
async function takenNames(git: GitRepository, develop: string, production: string): Promise<ReadonlySet<string>> {
  const state = await git.readState(develop, production);
  return new Set(
    state.refs
      .map((r) => r.name)
      .filter((n) => n.startsWith('refs/heads/') || n.startsWith('refs/remotes/origin/'))
      .map((n) => n.replace(/^refs\/heads\/|^refs\/remotes\/origin\//, '')),
  );
}

async function pickPrefix(
  port: InteractionPort,
  prefixes: readonly string[],
  base: string,
): Promise<string | undefined> {
  if (prefixes.length === 1) {
    return prefixes[0];
  }
  return port.pick(
    { title: l10n.t('Start a branch from {0}', base), placeHolder: l10n.t('What kind of change?') },
    prefixes.map((p) => ({ label: p, description: `${p}/<name>`, value: p })),
  );
}

async function askName(
  port: InteractionPort,
  prefix: string,
  base: string,
  taken: ReadonlySet<string>,
): Promise<string | undefined> {
  const name = await port.input({
    title: l10n.t('New {0} branch from {1}', prefix, base),
    prompt: l10n.t('The branch will be {0}, started from the latest origin/{1}.', `${prefix}/<name>`, base),
    placeHolder: l10n.t('short-description'),
    validate: (value) =>
      value.trim() ? validateBranchName(`${prefix}/${value.trim()}`, taken) : l10n.t('Type a name for the branch.'),
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
    return l10n.t('"{0}" has a part starting with \'-\': start each part with a letter or digit.', branch);
  }
  if (taken.has(branch)) {
    return l10n.t('A branch named {0} already exists (locally or on origin): choose another name.', branch);
  }
  return undefined;
}

/** `origin/<base>` after a fetch; when offline, the last fetched one if the user agrees (else the question declined). */
async function freshStartPoint(
  port: InteractionPort,
  git: GitRepository,
  base: string,
): Promise<string | { declined: string }> {
  try {
    // Fetching the named branch also updates origin/<base> (git's opportunistic update).
    await git.fetch('origin', [base]);
    return `origin/${base}`;
  } catch (error) {
    if (!(error instanceof GitError) || (error.code !== 'RemoteUnreachable' && error.code !== 'AuthenticationFailed')) {
      throw error;
    }
    if (!(await git.hasRef(`refs/remotes/origin/${base}`))) {
      throw new Error(
        l10n.t(
          "Couldn't fetch {0} from origin ({1}) and there is no earlier copy of it to start from.",
          base,
          error.message,
        ),
      );
    }
    const question = l10n.t("Couldn't fetch {0} from origin: {1}", base, error.message);
    const agreed = await port.confirm(
      { message: question, detail: l10n.t('Start from origin/{0} as it was last fetched?', base) },
      [{ label: l10n.t('Start from Last Fetched'), value: true }],
    );
    return agreed ? `origin/${base}` : { declined: question };
  }
}

function askToStash(port: InteractionPort, startPoint: string): Promise<'stash' | undefined> {
  return port.confirm(
    {
      message: l10n.t('Your uncommitted changes touch files that differ on {0}.', startPoint),
      detail: l10n.t(
        'EnvFlow can put them in a stash, switch, and apply them on the new branch. Nothing is discarded: if they conflict, they stay in the stash too.',
      ),
    },
    [{ label: l10n.t('Stash and Carry'), value: 'stash' as const }],
  );
}
