/**
 * The deployment environments as access policies: `production` deployable only from the
 * production branch and backup tags, `development` only from develop, production's
 * optional required reviewer (asked) with self-review prevented, and an optional wait
 * timer (asked). Like protection, the step only adds: existing reviewers, a longer wait
 * timer and other allowed refs are kept (and named, so nothing is hidden).
 */
import type { FlowConfig } from '../model/flowConfig';
import type { GitHubClient } from '../github/client';
import type { BranchPolicyPattern, EnvironmentPolicy, EnvironmentReviewer } from '../github/policies';
import { answerOf, SetupStepRefused, type SetupAnswers, type SetupQuestion, type SetupStep } from './step';
import { accessRefused, isAccessRefusal } from './refusal';

/** Backup tags the production workflow may deploy from (Roll Back to a backup). */
export const BACKUP_TAG_PATTERN = 'backup/production-*';

// Names GitHub accepts that are also safe in a URL path segment and a sentence.
const SAFE_ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,254}$/;

export interface DesiredEnvironment {
  readonly name: string;
  readonly patterns: readonly BranchPolicyPattern[];
  /** Production asks about a reviewer and a wait timer; development does not. */
  readonly asks: boolean;
}

export function desiredEnvironments(
  config: Pick<FlowConfig, 'productionEnvironment' | 'developmentEnvironment' | 'productionBranch' | 'developBranch'>,
): DesiredEnvironment[] {
  return [
    {
      name: config.productionEnvironment,
      patterns: [
        { name: config.productionBranch, type: 'branch' },
        { name: BACKUP_TAG_PATTERN, type: 'tag' },
      ],
      asks: true,
    },
    { name: config.developmentEnvironment, patterns: [{ name: config.developBranch, type: 'branch' }], asks: false },
  ];
}

const REVIEWER_QUESTION = 'reviewer';
const WAIT_QUESTION = 'waitTimer';

function questions(login: string | undefined): SetupQuestion[] {
  return [
    {
      id: REVIEWER_QUESTION,
      prompt: 'Who must approve a production deployment before it runs?',
      choices: [
        { id: 'none', label: 'Nobody', detail: 'deployments run as soon as their branch or tag allows them' },
        ...(login
          ? [
              {
                id: 'me',
                label: `You (${login})`,
                detail: 'each deployment waits for your approval; nobody may approve their own',
              },
            ]
          : []),
      ],
      defaultChoice: 'none',
    },
    {
      id: WAIT_QUESTION,
      prompt: 'Wait before a production deployment starts?',
      choices: [
        { id: '0', label: 'No wait' },
        { id: '5', label: '5 minutes', detail: 'time to cancel a deployment after it is triggered' },
        { id: '30', label: '30 minutes' },
      ],
      defaultChoice: '0',
    },
  ];
}

/** One step per environment. `login` is the signed-in user, offered as the reviewer. */
export async function planEnvironment(
  client: GitHubClient | undefined,
  offline: string | undefined,
  desired: DesiredEnvironment,
  login?: string,
): Promise<SetupStep> {
  const base = { id: `environment:${desired.name}`, title: `Environment ${desired.name}` };
  if (!SAFE_ENVIRONMENT_NAME.test(desired.name)) {
    return {
      ...base,
      status: 'blocked',
      description: `The environment name ${JSON.stringify(desired.name)} has characters EnvFlow does not send to GitHub: use letters, digits, spaces, '.', '_' or '-' in the environments settings.`,
    };
  }
  if (!client) {
    return {
      ...base,
      status: 'blocked',
      description:
        offline ?? 'Sign in to GitHub to read and set the deployment environments (EnvFlow: Sign in to GitHub).',
    };
  }
  const repository = `${client.owner}/${client.repo}`;
  let current: Current;
  try {
    current = await readCurrent(client, desired.name);
  } catch (error) {
    if (isAccessRefusal(error)) {
      return { ...base, status: 'blocked', description: accessRefused(`the ${desired.name} environment`, repository) };
    }
    throw error;
  }
  const asked = desired.asks ? questions(login) : [];
  const changes = changesFor(current, desired, {});
  if (changes.length === 0) {
    return { ...base, status: 'done', description: `Already in place: ${describe(current, desired)}.` };
  }
  const allowed = desired.patterns.map((p) => `${p.type} ${p.name}`).join(' and ');
  return {
    ...base,
    status: current.policy ? 'partial' : 'missing',
    description: `${current.policy ? `Now: ${describe(current, desired)}. ` : ''}EnvFlow will ${changes.join(', ')}, so only ${allowed} can deploy to ${desired.name}; everything stricter stays.`,
    doing: `setting up the ${desired.name} environment`,
    ...(asked.length ? { questions: asked } : {}),
    apply: (answers) =>
      applyEnvironment(client, desired, asked, answers, login).catch((error: unknown) => {
        // A refusal for good (no admin rights) is said at the end; the other steps still run.
        throw isAccessRefusal(error)
          ? new SetupStepRefused(accessRefused(`the ${desired.name} environment`, repository))
          : error;
      }),
  };
}

async function applyEnvironment(
  client: GitHubClient,
  desired: DesiredEnvironment,
  asked: readonly SetupQuestion[],
  answers: SetupAnswers | undefined,
  login: string | undefined,
): Promise<string> {
  const choice = chosen(asked, answers);
  const reviewerId = choice.reviewer === 'me' ? await client.getAuthenticatedUserId() : undefined;
  // Read again, so a rule added on GitHub since the plan was shown is kept too.
  const now = await readCurrent(client, desired.name);
  const done = changesFor(now, desired, choice, reviewerId);
  await client.updateEnvironment(desired.name, {
    wait_timer: Math.max(now.policy?.waitTimerMinutes ?? 0, choice.waitMinutes),
    prevent_self_review: desired.asks || now.policy?.preventSelfReview === true,
    reviewers: mergedReviewers(now.policy?.reviewers ?? [], reviewerId).map(({ type, id }) => ({ type, id })),
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  });
  const existing = new Set((await client.listDeploymentBranchPolicies(desired.name)).map(key));
  for (const pattern of desired.patterns.filter((p) => !existing.has(key(p)))) {
    await client.createDeploymentBranchPolicy(desired.name, pattern);
  }
  return `Set up ${desired.name}: ${done.length ? done.join(', ') : 'nothing was missing any more'}${chosenText(desired, choice, reviewerId, login)}.`;
}

function chosenText(
  desired: DesiredEnvironment,
  choice: Choice,
  reviewerId: number | undefined,
  login: string | undefined,
): string {
  return desired.asks
    ? ` (reviewer: ${reviewerId ? (login ?? 'you') : 'nobody'}; wait: ${choice.waitMinutes ? `${choice.waitMinutes} minutes` : 'none'})`
    : '';
}

interface Current {
  readonly policy?: EnvironmentPolicy;
  readonly patterns: readonly BranchPolicyPattern[];
}

async function readCurrent(client: GitHubClient, name: string): Promise<Current> {
  const policy = await client.getEnvironment(name);
  const patterns = policy?.branchPolicy === 'custom' ? await client.listDeploymentBranchPolicies(name) : [];
  return { policy, patterns };
}

interface Choice {
  readonly reviewer: string;
  readonly waitMinutes: number;
}

function chosen(asked: readonly SetupQuestion[], answers: SetupAnswers | undefined): Choice {
  const reviewerQuestion = asked.find((q) => q.id === REVIEWER_QUESTION);
  const waitQuestion = asked.find((q) => q.id === WAIT_QUESTION);
  return {
    reviewer: reviewerQuestion ? answerOf(reviewerQuestion, answers) : 'none',
    waitMinutes: waitQuestion ? Number(answerOf(waitQuestion, answers)) : 0,
  };
}

const key = (pattern: BranchPolicyPattern) => `${pattern.type}:${pattern.name}`;

function mergedReviewers(current: readonly EnvironmentReviewer[], add: number | undefined): EnvironmentReviewer[] {
  return add === undefined || current.some((r) => r.type === 'User' && r.id === add)
    ? [...current]
    : [...current, { type: 'User', id: add, name: '' }];
}

/** What is missing; the answers only add (a reviewer, a wait), never remove. */
function changesFor(
  current: Current,
  desired: DesiredEnvironment,
  choice: Partial<Choice>,
  reviewerId?: number,
): string[] {
  const changes: string[] = [];
  const policy = current.policy;
  if (!policy) {
    changes.push(`create the ${desired.name} environment`);
  }
  if (policy && policy.branchPolicy !== 'custom') {
    changes.push(
      `limit deployments to named branches and tags instead of ${policy.branchPolicy === 'all' ? 'any branch' : 'any protected branch'}`,
    );
  }
  const have = new Set(current.patterns.map(key));
  const missing = desired.patterns.filter((p) => !have.has(key(p)));
  if (missing.length) {
    changes.push(`allow ${missing.map((p) => `${p.type} ${p.name}`).join(' and ')}`);
  }
  if (desired.asks && policy && policy.reviewers.length > 0 && !policy.preventSelfReview) {
    changes.push('prevent self-review');
  }
  if (reviewerId !== undefined && !policy?.reviewers.some((r) => r.id === reviewerId)) {
    changes.push('require your approval');
  }
  if (choice.waitMinutes && choice.waitMinutes > (policy?.waitTimerMinutes ?? 0)) {
    changes.push(`wait ${choice.waitMinutes} minutes`);
  }
  return changes;
}

function describe(current: Current, desired: DesiredEnvironment): string {
  const policy = current.policy;
  if (!policy) {
    return `no ${desired.name} environment`;
  }
  const allowed =
    policy.branchPolicy === 'all'
      ? 'any branch deploys'
      : policy.branchPolicy === 'protected'
        ? 'protected branches deploy'
        : `deploys from ${current.patterns.map((p) => `${p.type} ${p.name}`).join(', ') || 'nothing yet'}`;
  const reviewers = policy.reviewers.length
    ? `reviewers: ${policy.reviewers.map((r) => r.name).join(', ')}${policy.preventSelfReview ? ', no self-review' : ''}`
    : 'no required reviewers';
  const wait = policy.waitTimerMinutes ? `wait ${policy.waitTimerMinutes} minutes` : 'no wait timer';
  return [allowed, reviewers, wait].join('; ');
}
