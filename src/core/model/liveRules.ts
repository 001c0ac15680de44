/**
 * What GitHub enforces on an environment and on the branch that deploys to it, as EnvFlow
 * last read it: who must approve a deployment, how long it waits, which refs may deploy,
 * and the protection and rulesets on the branch. Plain data, like the rest of a snapshot.
 */

export interface LiveRules {
  /** `null`: the environment does not exist on GitHub yet, so its first deployment creates it unprotected. */
  readonly environment: EnvironmentRules | null;
  readonly branch: BranchRules;
}

export interface EnvironmentRules {
  readonly name: string;
  /** Logins and team slugs. */
  readonly reviewers: readonly string[];
  readonly preventSelfReview: boolean;
  readonly waitTimerMinutes: number;
  /** `all`: any ref may deploy; `protected`: protected branches; `custom`: only `allowedRefs`. */
  readonly branchPolicy: 'all' | 'protected' | 'custom';
  /** With `custom`: the branch and tag patterns that may deploy (`tag:` before a tag pattern). */
  readonly allowedRefs?: readonly string[];
}

export interface BranchRules {
  readonly name: string;
  /**
   * Classic branch protection in words (`pull requests required with 1 approval`, …);
   * empty when the branch has none; undefined when only an admin may read it.
   */
  readonly protection?: readonly string[];
  /** What repository rulesets require on the branch, in words; empty when none applies. */
  readonly rulesets: readonly string[];
}
