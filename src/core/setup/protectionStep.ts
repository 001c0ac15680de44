/**
 * The branch protection steps: classic protection merged with what the branch has, or,
 * where rulesets protect the branch, the rulesets read as its protection (nothing
 * layered on top), and where the repository uses rulesets, a ruleset proposed instead.
 */
import type { GitHubClient } from '../github/client';
import type { BranchRule } from '../github/policies';
import { mergeProtection, type DesiredProtection } from './protection';
import { isAccessRefusal, isRateLimit, noAdminSentence } from './refusal';
import { describeRules, missingFromRules, readBranchRules, rulesetFor } from './rulesets';
import {
  answerOf,
  SetupStepRefused,
  type SetupAnswers,
  type SetupContext,
  type SetupQuestion,
  type SetupStep,
} from './step';

export interface BranchToProtect {
  readonly branch: string;
  readonly exists: boolean;
  /** Without `approvals`: asked, one approval by default. */
  readonly desired: Omit<DesiredProtection, 'approvals'>;
}

const DEFAULT_APPROVALS = 1;

/** The current count is the default where reviews are already required: a re-run never nags about a count someone chose. */
function approvalsQuestion(branch: string, currentCount: number | undefined): SetupQuestion {
  const counts = [...new Set([currentCount ?? DEFAULT_APPROVALS, 1, 2, 0])];
  const label = (count: number) => (count === 0 ? 'No approval' : `${count} approval${count === 1 ? '' : 's'}`);
  const detail: Record<number, string> = {
    0: 'pull requests still required, and their checks; for a team of one',
    1: 'someone other than the author reviews every change',
  };
  return {
    id: 'approvals',
    prompt: `How many approvals must a pull request into ${branch} have?`,
    choices: counts.map((count) => ({
      id: String(count),
      label: `${label(count)}${count === currentCount ? ' (as now)' : ''}`,
      ...(detail[count] ? { detail: detail[count] } : {}),
    })),
    defaultChoice: String(currentCount ?? DEFAULT_APPROVALS),
  };
}

export async function planBranchProtection(
  context: SetupContext,
  branches: readonly BranchToProtect[],
): Promise<SetupStep[]> {
  const { client } = context;
  if (!client) {
    const why = context.offline ?? 'Sign in to GitHub to read and set branch protection (EnvFlow: Sign in to GitHub).';
    return branches.map(({ branch }) => ({
      id: `protect:${branch}`,
      title: `Protect ${branch}`,
      status: 'blocked',
      description: why,
    }));
  }
  const rules = await Promise.all(branches.map(({ branch }) => readBranchRules(client, branch)));
  const usesRulesets = rules.some((r) => r.length > 0);
  return Promise.all(
    branches.map((target, index) => planOne(context, client, target, rules[index] ?? [], usesRulesets)),
  );
}

async function planOne(
  context: SetupContext,
  client: GitHubClient,
  target: BranchToProtect,
  rules: readonly BranchRule[],
  usesRulesets: boolean,
): Promise<SetupStep> {
  const { branch } = target;
  const base = { id: `protect:${branch}`, title: `Protect ${branch}` };
  const desired: DesiredProtection = { ...target.desired, approvals: DEFAULT_APPROVALS };
  if (rules.length > 0) {
    const missing = missingFromRules(rules, desired);
    const now = `Protected by repository rulesets: ${describeRules(rules).join('; ')}`;
    return missing.length === 0
      ? { ...base, status: 'done', description: `${now}.` }
      : {
          ...base,
          status: 'partial',
          description: `${now}. They do not require ${missing.join(', ')}: add that to the ruleset on GitHub (Settings → Rules); EnvFlow adds no classic protection on top of rulesets.`,
        };
  }
  const repository = `${client.owner}/${client.repo}`;
  let current;
  if (target.exists) {
    try {
      current = await client.getBranchProtection(branch);
    } catch (error) {
      if (isAccessRefusal(error)) {
        return { ...base, status: 'blocked', description: noAdminSentence(branch, repository) };
      }
      throw error;
    }
  }
  const reviews = current?.required_pull_request_reviews as { required_approving_review_count?: unknown } | undefined;
  const currentCount = reviews
    ? typeof reviews.required_approving_review_count === 'number'
      ? reviews.required_approving_review_count
      : 0
    : undefined;
  const question = approvalsQuestion(branch, currentCount);
  const withAnswers = (answers: SetupAnswers | undefined): DesiredProtection => ({
    ...target.desired,
    approvals: Number(answerOf(question, answers)),
  });
  if (usesRulesets && !current) {
    const ruleset = rulesetFor(branch, desired);
    return {
      ...base,
      status: 'missing',
      description: `Not protected, and this repository uses rulesets: EnvFlow will create the ruleset "${ruleset.name}": pull requests with the approvals you choose, required checks ${desired.requiredChecks.join(', ')}${desired.strict ? ' (up to date with the base)' : ''}, no force pushes, no deletion.`,
      doing: `creating a ruleset for ${branch}`,
      questions: [question],
      apply: async (answers) => {
        await client.createRuleset(rulesetFor(branch, withAnswers(answers))).catch((error: unknown) => {
          throw isAccessRefusal(error) ? new SetupStepRefused(noAdminSentence(branch, repository)) : error;
        });
        return `Created the ruleset "${ruleset.name}".`;
      },
    };
  }
  const merge = mergeProtection(current, { ...desired, approvals: currentCount ?? DEFAULT_APPROVALS });
  if (merge.changes.length === 0) {
    return { ...base, status: 'done', description: `Already protected: ${merge.current.join('; ')}.` };
  }
  return {
    ...base,
    status: current ? 'partial' : 'missing',
    description: `Now: ${merge.current.join('; ')}. EnvFlow will ${merge.changes.join(', ')}; every other rule stays as it is.`,
    doing: `protecting ${branch}`,
    questions: [question],
    apply: async (answers) => {
      const wanted = withAnswers(answers);
      let applied: readonly string[] = [];
      try {
        // Read again: a rule added on GitHub since the plan was shown is kept too. A
        // refused read (non-admins read 404, as at plan time) is a refusal for good.
        const now = await client.getBranchProtection(branch).catch((error: unknown) => {
          throw isAccessRefusal(error) ? new SetupStepRefused(noAdminSentence(branch, repository)) : error;
        });
        const latest = mergeProtection(now, wanted);
        applied = latest.changes;
        if (latest.changes.length > 0) {
          await client.updateBranchProtection(branch, latest.body);
        }
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        if (error instanceof SetupStepRefused || isRateLimit(error)) {
          throw error;
        }
        if (status === 403) {
          throw new SetupStepRefused(noAdminSentence(branch, repository));
        }
        if (status === 404) {
          // Not necessarily for good (the branch may be missing, or the answer a fault): stop here.
          throw new Error(
            `GitHub answered 404 for ${branch}'s protection: check that ${branch} exists on GitHub (the step "Create ${context.config.developBranch}" creates it) and that you have admin rights on ${repository}, or ask an admin to run this step.`,
          );
        }
        throw error;
      }
      return `Protected ${branch}: ${(applied.length ? applied : merge.changes).join(', ')}.`;
    },
  };
}
