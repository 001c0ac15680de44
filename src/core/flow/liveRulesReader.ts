/**
 * Reads the rules GitHub enforces under each environment: the environment's protection
 * (required reviewers, wait timer, which refs may deploy) and its branch's classic
 * protection and rulesets.
 *
 * Rules change rarely, so after the first refresh each is re-read now and then within the
 * reader's one re-check a refresh, conditionally (an unchanged answer is a free 304). Answers that
 * are 404s carry no ETag and would cost rate limit every time, so they are asked again
 * only when something says they may have changed: a missing environment when its
 * deployments changed (GitHub creates an environment on its first deployment) or the
 * list of environments names it (someone made it in the settings; the list is
 * conditional, re-checked now and then, and read only while an environment is missing),
 * an unprotected branch's protection when the branch's own answer changed.
 *
 * A section (development, production) is shown whole or not at all: when one of its
 * reads fails, it keeps its last good rules and `readErrors.liveRules` names it.
 */
import type { Fetched, GitHubClient } from '../github';
import type { BranchPolicyPattern, EnvironmentPolicy } from '../github/policies';
import type { BranchRules, EnvironmentRules, LiveRules } from '../model/liveRules';
import { describeProtection, describeRules } from '../github/ruleWords';
import { settle } from './readFailures';
import type { ReadFailures } from './readFailures';

export type LiveRulesPort = Pick<
  GitHubClient,
  | 'getEnvironment'
  | 'listEnvironmentNames'
  | 'listDeploymentBranchPolicies'
  | 'getBranchSummary'
  | 'getBranchProtection'
  | 'getBranchRules'
>;

export type RulesSectionName = 'development' | 'production';

export interface RulesSection {
  readonly section: RulesSectionName;
  readonly environment: string;
  readonly branch: string;
  /** The environment's deployments answered something new this refresh. */
  readonly deploymentsChanged: boolean;
}

type UnitValue =
  | { readonly kind: 'environment'; readonly policy: EnvironmentPolicy | null }
  | { readonly kind: 'environments'; readonly names: readonly string[] }
  | { readonly kind: 'policies'; readonly patterns: readonly BranchPolicyPattern[] }
  | { readonly kind: 'branch'; readonly protected: boolean }
  | { readonly kind: 'protection'; readonly lines: readonly string[] | undefined }
  | { readonly kind: 'rules'; readonly lines: readonly string[] };

interface Unit {
  readonly value: UnitValue;
  /** The refresh that read it. */
  readonly tick: number;
  /** GitHub answered 200: asking again costs nothing while it is unchanged. */
  readonly free: boolean;
  /** The last attempt failed: ask again next refresh. */
  readonly failed: boolean;
}

interface Recheck {
  readonly tick: number;
  readonly spendRecheck: (lastTick: number) => boolean;
}

/** A 404 or 403 on a branch's protection from an account that may not see it. */
const HIDDEN_STATUSES = new Set([403, 404]);

export class LiveRulesReader {
  private readonly units = new Map<string, Unit>();
  private readonly lastGood = new Map<RulesSectionName, LiveRules>();

  constructor(
    private readonly client: LiveRulesPort,
    private readonly limit: <T>(request: () => Promise<T>) => Promise<T>,
  ) {}

  /**
   * `spendRecheck` is the reader's budget of re-reads for answers that cannot change by
   * themselves: whether the one read at `lastTick` is read again this refresh.
   */
  async read(
    sections: readonly RulesSection[],
    failures: ReadFailures,
    tick: number,
    spendRecheck: (lastTick: number) => boolean,
  ): Promise<Partial<Record<RulesSectionName, LiveRules>>> {
    const recheck = { tick, spendRecheck };
    const failed = new Map<RulesSectionName, unknown>();
    const fail = (section: RulesSectionName, error: unknown) => {
      if (!failed.has(section)) {
        failed.set(section, error);
      }
    };
    const changedBranches = new Set<string>();
    const listed = await this.environmentsListedAnew(sections, recheck, fail);
    // Environments, branches and rulesets first: what they say decides the second round.
    await Promise.all(
      sections.flatMap((s) => [
        this.unit(
          `environment:${s.environment}`,
          recheck,
          () => s.deploymentsChanged || listed.has(s.environment),
          () => this.readEnvironment(s.environment),
        ).catch((error: unknown) => fail(s.section, error)),
        this.unit(
          `branch:${s.branch}`,
          recheck,
          () => false,
          async () => {
            const answer = await this.readBranch(s.branch);
            if (!answer.notModified) {
              changedBranches.add(s.branch);
            }
            return { value: { kind: 'branch', protected: answer.data.protected }, free: true };
          },
        ).catch((error: unknown) => fail(s.section, error)),
        this.unit(
          `rules:${s.branch}`,
          recheck,
          () => false,
          async () => ({
            value: {
              kind: 'rules',
              lines: describeBranchRules(await this.limit(() => this.client.getBranchRules(s.branch))),
            },
            free: true,
          }),
        ).catch((error: unknown) => fail(s.section, error)),
      ]),
    );
    await Promise.all(
      sections.flatMap((s) => {
        const environment = this.value(`environment:${s.environment}`, 'environment');
        const branch = this.value(`branch:${s.branch}`, 'branch');
        return [
          environment?.policy?.branchPolicy === 'custom'
            ? this.unit(
                `policies:${s.environment}`,
                recheck,
                () => false,
                async () => ({
                  value: {
                    kind: 'policies',
                    patterns: await this.limit(() => this.client.listDeploymentBranchPolicies(s.environment)),
                  },
                  free: true,
                }),
              ).catch((error: unknown) => fail(s.section, error))
            : undefined,
          branch?.protected
            ? this.unit(
                `protection:${s.branch}`,
                recheck,
                () => changedBranches.has(s.branch),
                () => this.readProtection(s.branch),
              ).catch((error: unknown) => fail(s.section, error))
            : undefined,
        ];
      }),
    );
    const result: Partial<Record<RulesSectionName, LiveRules>> = {};
    for (const s of sections) {
      const error = failed.get(s.section);
      if (error !== undefined) {
        failures.add('liveRules', error, s.section);
      } else {
        this.lastGood.set(s.section, this.assemble(s));
      }
      const shown = this.lastGood.get(s.section);
      if (shown) {
        result[s.section] = shown;
      }
    }
    return result;
  }

  /**
   * While an environment is missing: the environments the list names when it answered
   * anew this refresh (an environment made in the settings appears there), else none.
   */
  private async environmentsListedAnew(
    sections: readonly RulesSection[],
    recheck: Recheck,
    fail: (section: RulesSectionName, error: unknown) => void,
  ): Promise<ReadonlySet<string>> {
    const missing = sections.filter((s) => this.value(`environment:${s.environment}`, 'environment')?.policy === null);
    if (missing.length === 0) {
      return new Set();
    }
    let anew: readonly string[] = [];
    await this.unit(
      'environments',
      recheck,
      () => false,
      async () => {
        const answer = await this.limit(() => this.client.listEnvironmentNames());
        if (!answer.notModified) {
          anew = answer.data;
        }
        return { value: { kind: 'environments', names: answer.data }, free: true };
      },
    ).catch((error: unknown) => missing.forEach((s) => fail(s.section, error)));
    return new Set(anew);
  }

  /**
   * Reads one unit when it is due: never read, failed last time, re-checked within the
   * reader's budget (free answers only), or `changed` says its costly answer may differ now.
   */
  private async unit(
    key: string,
    recheck: Recheck,
    changed: (unit: Unit) => boolean,
    read: () => Promise<Pick<Unit, 'value' | 'free'>>,
  ): Promise<void> {
    const known = this.units.get(key);
    const due = !known || known.failed || (known.free ? recheck.spendRecheck(known.tick) : changed(known));
    if (!due) {
      return;
    }
    const answer = await settle(read());
    if (answer.ok) {
      this.units.set(key, { ...answer.value, tick: recheck.tick, failed: false });
      return;
    }
    if (known) {
      this.units.set(key, { ...known, failed: true });
    }
    throw answer.error;
  }

  private async readEnvironment(name: string): Promise<Pick<Unit, 'value' | 'free'>> {
    const policy = (await this.limit(() => this.client.getEnvironment(name))) ?? null;
    return { value: { kind: 'environment', policy }, free: policy !== null };
  }

  private readBranch(branch: string): Promise<Fetched<{ readonly protected: boolean }>> {
    return this.limit(() => this.client.getBranchSummary(branch));
  }

  private async readProtection(branch: string): Promise<Pick<Unit, 'value' | 'free'>> {
    try {
      const protection = await this.limit(() => this.client.getBranchProtection(branch));
      return {
        value: { kind: 'protection', lines: protection ? describeProtection(protection) : [] },
        free: !!protection,
      };
    } catch (error) {
      if (HIDDEN_STATUSES.has(Number((error as { status?: unknown }).status))) {
        return { value: { kind: 'protection', lines: undefined }, free: false };
      }
      throw error;
    }
  }

  private value<K extends UnitValue['kind']>(key: string, kind: K): Extract<UnitValue, { kind: K }> | undefined {
    const value = this.units.get(key)?.value;
    return value?.kind === kind ? (value as Extract<UnitValue, { kind: K }>) : undefined;
  }

  private assemble(s: RulesSection): LiveRules {
    const policy = this.value(`environment:${s.environment}`, 'environment')?.policy ?? null;
    const branchProtected = this.value(`branch:${s.branch}`, 'branch')?.protected === true;
    const branch: BranchRules = {
      name: s.branch,
      ...(branchProtected
        ? withLines(this.value(`protection:${s.branch}`, 'protection')?.lines)
        : { protection: [] as readonly string[] }),
      rulesets: this.value(`rules:${s.branch}`, 'rules')?.lines ?? [],
    };
    return { environment: policy ? environmentRules(policy, this.patterns(s, policy)) : null, branch };
  }

  private patterns(s: RulesSection, policy: EnvironmentPolicy): readonly BranchPolicyPattern[] {
    return policy.branchPolicy === 'custom'
      ? (this.value(`policies:${s.environment}`, 'policies')?.patterns ?? [])
      : [];
  }
}

function withLines(lines: readonly string[] | undefined): Pick<BranchRules, 'protection'> {
  return lines === undefined ? {} : { protection: lines };
}

function environmentRules(policy: EnvironmentPolicy, patterns: readonly BranchPolicyPattern[]): EnvironmentRules {
  return {
    name: policy.name,
    reviewers: policy.reviewers.map((reviewer) => reviewer.name),
    preventSelfReview: policy.preventSelfReview,
    waitTimerMinutes: policy.waitTimerMinutes,
    branchPolicy: policy.branchPolicy,
    ...(policy.branchPolicy === 'custom'
      ? { allowedRefs: patterns.map((p) => (p.type === 'tag' ? `tag:${p.name}` : p.name)) }
      : {}),
  };
}

/** Rulesets in words; nothing when none applies (describeRules would list what is allowed). */
function describeBranchRules(rules: Parameters<typeof describeRules>[0]): readonly string[] {
  return rules.length === 0 ? [] : describeRules(rules);
}
