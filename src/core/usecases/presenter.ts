/**
 * Every sentence shared between commands and views, worded with the repository's own
 * branch names and prefixes: a repository whose long-lived branches are `trunk` and
 * `release` never reads "develop" or "main".
 */
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
    return 'EnvFlow found no git repository in this workspace: open a folder that holds one.';
  }

  untrusted(): string {
    return "EnvFlow runs git and the project's commands only in a trusted workspace: trust this folder first.";
  }

  signInFirst(): string {
    return 'Sign in to GitHub first (EnvFlow: Sign in to GitHub).';
  }

  unreadableRepository(): string {
    return 'EnvFlow could not read the repository: see the EnvFlow log (EnvFlow: Show Log).';
  }

  alreadyPromoted(): string {
    return `${this.develop} has nothing that ${this.production} lacks: already promoted.`;
  }

  /** After setup wrote files: how they reach the long-lived branches. */
  commitSetupFiles(written: readonly string[]): string {
    return `Commit ${written.join(', ')} on a branch from ${this.develop} and open a pull request: ${this.develop} and ${this.production} take changes through pull requests.`;
  }

  everythingSetUp(): string {
    return `Everything is already set up: ${this.develop}, protection of both branches, the workflows, Dependabot, Docker and the dev container.`;
  }

  developChecksTurnedRed(sha: string, failing: readonly string[], where: string): string {
    return `Checks on ${this.develop} turned red at ${shortSha(sha)}: ${failing.join(', ') || 'failing'}${where}.`;
  }
}
