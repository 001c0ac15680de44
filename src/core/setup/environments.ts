/**
 * The deployment environments as access policies: `production` deployable only from the
 * production branch and backup tags, `development` only from develop, production's
 * optional required reviewer (asked) with self-review prevented, and an optional wait
 * timer (asked). Like protection, the step only adds: existing reviewers, a longer wait
 * timer and other allowed refs are kept (and named, so nothing is hidden).
 */
import * as l10n from '@vscode/l10n';
import type { FlowConfig } from '../model/flowConfig';
import type { GitHubClient } from '../github/client';
import type { BranchPolicyPattern, EnvironmentPolicy, EnvironmentReviewer } from '../github/policies';
import { answerOf, SetupStepRefused, type SetupAnswers, type SetupQuestion, type SetupStep } from './step';
import { accessRefused, isAccessRefusal } from './refusal';
import { joinWithAnd } from '../util/steps';

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
      prompt: l10n.t('Who must approve a production deployment before it runs?'),
      choices: [
        {
          id: 'none',
          label: l10n.t('Nobody'),
          detail: l10n.t('deployments run as soon as their branch or tag allows them'),
        },
        ...(login
          ? [
              {
                id: 'me',
                label: l10n.t('You ({0})', login),
                detail: l10n.t('each deployment waits for your approval; nobody may approve their own'),
              },
            ]
          : []),
      ],
      defaultChoice: 'none',
    },
    {
      id: WAIT_QUESTION,
      prompt: l10n.t('Wait before a production deployment starts?'),
      choices: [
        { id: '0', label: l10n.t('No wait') },
        { id: '5', label: minutesText(5), detail: l10n.t('time to cancel a deployment after it is triggered') },
        { id: '30', label: minutesText(30) },
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
  const base = { id: `environment:${desired.name}`, title: l10n.t('Environment {0}', desired.name) };
  if (!SAFE_ENVIRONMENT_NAME.test(desired.name)) {
    return {
      ...base,
      status: 'blocked',
      description: l10n.t(
        "The environment name {0} has characters EnvFlow does not send to GitHub: use letters, digits, spaces, '.', '_' or '-' in the environments settings.",
        JSON.stringify(desired.name),
      ),
    };
  }
  if (!client) {
    return {
      ...base,
      status: 'blocked',
      description:
        offline ??
        l10n.t('Sign in to GitHub to read and set the deployment environments (EnvFlow: Sign in to GitHub).'),
    };
  }
  const repository = `${client.owner}/${client.repo}`;
  let current: Current;
  try {
    current = await readCurrent(client, desired.name);
  } catch (error) {
    if (isAccessRefusal(error)) {
      return { ...base, status: 'blocked', description: accessRefused(theEnvironment(desired.name), repository) };
    }
    throw error;
  }
  const asked = desired.asks ? questions(login) : [];
  const changes = changesFor(current, desired, {});
  if (changes.length === 0) {
    return { ...base, status: 'done', description: l10n.t('Already in place: {0}.', describe(current, desired)) };
  }
  const allowed = joinWithAnd(desired.patterns.map(patternText));
  const will = l10n.t(
    'EnvFlow will {0}, so only {1} can deploy to {2}; everything stricter stays.',
    changes.join(', '),
    allowed,
    desired.name,
  );
  return {
    ...base,
    status: current.policy ? 'partial' : 'missing',
    description: current.policy ? l10n.t('Now: {0}. {1}', describe(current, desired), will) : will,
    doing: l10n.t('setting up the {0} environment', desired.name),
    ...(asked.length ? { questions: asked } : {}),
    apply: (answers) =>
      applyEnvironment(client, desired, asked, answers, login).catch((error: unknown) => {
        // A refusal for good (no admin rights) is said at the end; the other steps still run.
        throw isAccessRefusal(error)
          ? new SetupStepRefused(accessRefused(theEnvironment(desired.name), repository))
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
  const what = done.length ? done.join(', ') : l10n.t('nothing was missing any more');
  return desired.asks
    ? l10n.t('Set up {0}: {1} ({2}).', desired.name, what, chosenText(choice, reviewerId, login))
    : l10n.t('Set up {0}: {1}.', desired.name, what);
}

function chosenText(choice: Choice, reviewerId: number | undefined, login: string | undefined): string {
  return l10n.t(
    'reviewer: {0}; wait: {1}',
    reviewerId ? (login ?? l10n.t('you')) : l10n.t('nobody'),
    choice.waitMinutes ? minutesText(choice.waitMinutes) : l10n.t('none'),
  );
}

const minutesText = (minutes: number): string => l10n.t('{0} minutes', minutes);
const theEnvironment = (name: string): string => l10n.t('the {0} environment', name);
const patternText = (pattern: BranchPolicyPattern): string =>
  pattern.type === 'tag' ? l10n.t('tag {0}', pattern.name) : l10n.t('branch {0}', pattern.name);

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
    changes.push(l10n.t('create the {0} environment', desired.name));
  }
  if (policy && policy.branchPolicy !== 'custom') {
    changes.push(
      policy.branchPolicy === 'all'
        ? l10n.t('limit deployments to named branches and tags instead of any branch')
        : l10n.t('limit deployments to named branches and tags instead of any protected branch'),
    );
  }
  const have = new Set(current.patterns.map(key));
  const missing = desired.patterns.filter((p) => !have.has(key(p)));
  if (missing.length) {
    changes.push(l10n.t('allow {0}', joinWithAnd(missing.map(patternText))));
  }
  if (desired.asks && policy && policy.reviewers.length > 0 && !policy.preventSelfReview) {
    changes.push(l10n.t('prevent self-review'));
  }
  if (reviewerId !== undefined && !policy?.reviewers.some((r) => r.id === reviewerId)) {
    changes.push(l10n.t('require your approval'));
  }
  if (choice.waitMinutes && choice.waitMinutes > (policy?.waitTimerMinutes ?? 0)) {
    changes.push(l10n.t('wait {0}', minutesText(choice.waitMinutes)));
  }
  return changes;
}

function describe(current: Current, desired: DesiredEnvironment): string {
  const policy = current.policy;
  if (!policy) {
    return l10n.t('no {0} environment', desired.name);
  }
  const allowed =
    policy.branchPolicy === 'all'
      ? l10n.t('any branch deploys')
      : policy.branchPolicy === 'protected'
        ? l10n.t('protected branches deploy')
        : l10n.t('deploys from {0}', current.patterns.map(patternText).join(', ') || l10n.t('nothing yet'));
  const names = policy.reviewers.map((r) => r.name).join(', ');
  const reviewers = policy.reviewers.length
    ? policy.preventSelfReview
      ? l10n.t('reviewers: {0}, no self-review', names)
      : l10n.t('reviewers: {0}', names)
    : l10n.t('no required reviewers');
  const wait = policy.waitTimerMinutes
    ? l10n.t('wait {0}', minutesText(policy.waitTimerMinutes))
    : l10n.t('no wait timer');
  return [allowed, reviewers, wait].join('; ');
}
