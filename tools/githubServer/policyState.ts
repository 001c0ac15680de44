/** Access policies the fake GitHub stores: deployment environments and repository rulesets. */

export interface EnvironmentRecord {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  updatedAt: string;
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  /** null: any branch may deploy. */
  branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  readonly patterns: { id: number; name: string; type: 'branch' | 'tag' }[];
}

export interface RulesetRecord {
  readonly id: number;
  readonly name: string;
  readonly target: 'branch' | 'tag' | 'push';
  readonly enforcement: 'active' | 'evaluate' | 'disabled';
  /** `refs/heads/main`, `~DEFAULT_BRANCH`, `~ALL`, or an fnmatch pattern such as `refs/heads/release/*`. */
  readonly include: string[];
  readonly exclude: string[];
  readonly rules: { type: string; parameters?: Record<string, unknown> }[];
  readonly createdAt: string;
}

export class PolicyState {
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly rulesets: RulesetRecord[] = [];
}
