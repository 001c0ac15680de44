/**
 * Every sentence shared between commands and views, worded with the repository's own
 * branch names and prefixes: a repository whose long-lived branches are `trunk` and
 * `release` never reads "develop" or "main".
 */
import * as l10n from '@vscode/l10n';
import { HOTFIX_PREFIX, type FlowConfig } from '../model/flowConfig';
import { shortSha } from '../model/sha';

export class Presenter {
  constructor(readonly config: Pick<FlowConfig, 'developBranch' | 'productionBranch' | 'branchPrefixes'>) {}

  get develop(): string {
    return this.config.developBranch;
  }

  get production(): string {
    return this.config.productionBranch;
  }

  /** The prefix for a fix of production's code: a configured one that says "fix", else the first (none configured: ask). */
  get fixPrefix(): string | undefined {
    const prefixes = this.config.branchPrefixes.filter((p) => p !== HOTFIX_PREFIX);
    return prefixes.find((p) => /fix/i.test(p)) ?? prefixes[0];
  }

  noRepository(): string {
    return l10n.t('EnvFlow found no git repository in this workspace: open a folder that holds one.');
  }

  untrusted(): string {
    return l10n.t("EnvFlow runs git and the project's commands only in a trusted workspace: trust this folder first.");
  }

  signInFirst(): string {
    return l10n.t('Sign in to GitHub first (EnvFlow: Sign in to GitHub).');
  }

  unreadableRepository(): string {
    return l10n.t('EnvFlow could not read the repository: see the EnvFlow log (EnvFlow: Show Log).');
  }

  alreadyPromoted(): string {
    return l10n.t('{0} has nothing that {1} lacks: already promoted.', this.develop, this.production);
  }

  /** After setup wrote files: how they reach the long-lived branches. */
  commitSetupFiles(written: readonly string[]): string {
    return l10n.t(
      'Commit {0} on a branch from {1} and open a pull request: {1} and {2} take changes through pull requests.',
      written.join(', '),
      this.develop,
      this.production,
    );
  }

  everythingSetUp(): string {
    return l10n.t(
      'Everything is already set up: {0}, protection of both branches, the workflows, Dependabot, Docker and the dev container.',
      this.develop,
    );
  }

  developChecksTurnedRed(sha: string, failing: readonly string[], where: string): string {
    return l10n.t(
      'Checks on {0} turned red at {1}: {2}{3}.',
      this.develop,
      shortSha(sha),
      failing.join(', ') || l10n.t('failing'),
      where,
    );
  }
}
