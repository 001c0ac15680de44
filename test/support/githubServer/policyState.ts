/** Access policies the fake GitHub stores: environments, repository rulesets, and workflow dispatches it received. */

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

/** A `workflow_dispatch` as GitHub received it; the pipeline runner in tests acts on these. */
export interface DispatchRecord {
  readonly id: number;
  /** The workflow file name or id from the path. */
  readonly workflow: string;
  readonly ref: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export class PolicyState {
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly rulesets: RulesetRecord[] = [];
  readonly dispatches: DispatchRecord[] = [];
}
