/**
 * The branch protection steps: classic protection merged with what the branch has, or,
 * where rulesets protect the branch, the rulesets read as its protection (nothing
 * layered on top), and where the repository uses rulesets, a ruleset proposed instead.
 */
import * as l10n from '@vscode/l10n';
import type { GitHubClient } from '../github/client';
import type { BranchRule } from '../github/policies';
import { mergeProtection, type DesiredProtection } from './protection';
import { isAccessRefusal, isRateLimit, noAdminSentence } from './refusal';
import { approvalsText } from '../github/ruleWords';
import { describeRules, missingFromRules, readBranchRules, rulesetFor } from './rulesets';
import {
  answerOf,
  createBranchTitle,
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
  const label = (count: number) => (count === 0 ? l10n.t('No approval') : approvalsText(count));
  const detail: Record<number, string> = {
    0: l10n.t('pull requests still required, and their checks; for a team of one'),
    1: l10n.t('someone other than the author reviews every change'),
  };
  return {
    id: 'approvals',
    prompt: l10n.t('How many approvals must a pull request into {0} have?', branch),
    choices: counts.map((count) => ({
      id: String(count),
      label: count === currentCount ? l10n.t('{0} (as now)', label(count)) : label(count),
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
    const why =
      context.offline ?? l10n.t('Sign in to GitHub to read and set branch protection (EnvFlow: Sign in to GitHub).');
    return branches.map(({ branch }) => ({
      id: `protect:${branch}`,
      title: protectTitle(branch),
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
  const base = { id: `protect:${branch}`, title: protectTitle(branch) };
  const desired: DesiredProtection = { ...target.desired, approvals: DEFAULT_APPROVALS };
  if (rules.length > 0) {
    const missing = missingFromRules(rules, desired);
    const now = describeRules(rules).join('; ');
    return missing.length === 0
      ? { ...base, status: 'done', description: l10n.t('Protected by repository rulesets: {0}.', now) }
      : {
          ...base,
          status: 'partial',
          description: l10n.t(
            'Protected by repository rulesets: {0}. They do not require {1}: add that to the ruleset on GitHub (Settings → Rules); EnvFlow adds no classic protection on top of rulesets.',
            now,
            missing.join(', '),
          ),
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
      description: desired.strict
        ? l10n.t(
            'Not protected, and this repository uses rulesets: EnvFlow will create the ruleset "{0}": pull requests with the approvals you choose, required checks {1} (up to date with the base), no force pushes, no deletion.',
            ruleset.name,
            desired.requiredChecks.join(', '),
          )
        : l10n.t(
            'Not protected, and this repository uses rulesets: EnvFlow will create the ruleset "{0}": pull requests with the approvals you choose, required checks {1}, no force pushes, no deletion.',
            ruleset.name,
            desired.requiredChecks.join(', '),
          ),
      doing: l10n.t('creating a ruleset for {0}', branch),
      questions: [question],
      apply: async (answers) => {
        await client.createRuleset(rulesetFor(branch, withAnswers(answers))).catch((error: unknown) => {
          throw isAccessRefusal(error) ? new SetupStepRefused(noAdminSentence(branch, repository)) : error;
        });
        return l10n.t('Created the ruleset "{0}".', ruleset.name);
      },
    };
  }
  const merge = mergeProtection(current, { ...desired, approvals: currentCount ?? DEFAULT_APPROVALS });
  if (merge.changes.length === 0) {
    return { ...base, status: 'done', description: l10n.t('Already protected: {0}.', merge.current.join('; ')) };
  }
  return {
    ...base,
    status: current ? 'partial' : 'missing',
    description: l10n.t(
      'Now: {0}. EnvFlow will {1}; every other rule stays as it is.',
      merge.current.join('; '),
      merge.changes.join(', '),
    ),
    doing: l10n.t('protecting {0}', branch),
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
            l10n.t(
              'GitHub answered 404 for {0}\'s protection: check that {0} exists on GitHub (the step "{1}" creates it) and that you have admin rights on {2}, or ask an admin to run this step.',
              branch,
              createBranchTitle(context.config.developBranch),
              repository,
            ),
          );
        }
        throw error;
      }
      return l10n.t('Protected {0}: {1}.', branch, (applied.length ? applied : merge.changes).join(', '));
    },
  };
}

const protectTitle = (branch: string): string => l10n.t('Protect {0}', branch);
