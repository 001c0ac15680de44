/**
 * How far one commit got along the workflow: merged into develop, deployed to
 * development, in the open release pull request, on production's branch, deployed to
 * production (and at which stage), rolled back. Built only from what a refresh already
 * read (the snapshot) plus git's ancestry answers, so asking costs no GitHub request.
 */
import type { DeploymentInfo, RepositorySnapshot } from '../model/snapshot';

export type JourneyStage = 'develop' | 'development' | 'releasePullRequest' | 'productionBranch' | 'production';

/**
 * - `reached`: the commit is there (`when` says since when, where known).
 * - `inProgress`: a deployment carrying it is rolling out right now.
 * - `notYet`: not there yet.
 * - `rolledBack`: it was live in production and the live deployment no longer carries it.
 * - `unknown`: EnvFlow cannot tell (no GitHub data, no such branch).
 */
export type JourneyState = 'reached' | 'inProgress' | 'notYet' | 'rolledBack' | 'unknown';

export interface JourneyStep {
  readonly stage: JourneyStage;
  readonly state: JourneyState;
  /** ISO 8601 time of the deployment or status that proves the state. */
  readonly when?: string;
  readonly deployment?: DeploymentInfo;
  readonly pullRequest?: { readonly number: number; readonly url: string };
}

export interface CommitJourney {
  readonly sha: string;
  readonly steps: readonly JourneyStep[];
  /** The last stage reached (or in progress); undefined when not even on develop. */
  readonly furthest?: JourneyStage;
}

/** The ancestry question, answered by git (GitRepository.isAncestor satisfies it). */
export interface AncestryPort {
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
}

/** Refs the remote branches are read from: `origin/<branch>` by default. */
export interface JourneyRefs {
  readonly develop: string;
  readonly production: string;
}

const LIVE_STATES = new Set(['success']);
const RUNNING_STATES = new Set(['queued', 'pending', 'in_progress']);

/**
 * Answers "where is this commit?" for a full SHA. Each distinct commit is asked about
 * once, so the number of git processes is at most the number of distinct deployment
 * commits plus the two branches and the release PR's head.
 */
export async function whereIsCommit(
  sha: string,
  snapshot: RepositorySnapshot,
  git: AncestryPort,
  refs: JourneyRefs,
): Promise<CommitJourney> {
  const answers = new Map<string, Promise<boolean>>();
  const contains = (descendant: string): Promise<boolean> => {
    let answer = answers.get(descendant);
    if (!answer) {
      answer = descendant === sha ? Promise.resolve(true) : git.isAncestor(sha, descendant).catch(() => false);
      answers.set(descendant, answer);
    }
    return answer;
  };

  const steps: JourneyStep[] = [];
  const { development, production } = snapshot;
  const github = snapshot.connection.state === 'ok' || snapshot.stale;

  const onDevelop = development.exists ? await contains(refs.develop) : undefined;
  steps.push({ stage: 'develop', state: onDevelop === undefined ? 'unknown' : onDevelop ? 'reached' : 'notYet' });

  steps.push(await developmentStep(development.deployment, github, contains));

  const release = development.releasePullRequest;
  const onProductionBranch = production.exists ? await contains(refs.production) : undefined;
  if (release) {
    const inRelease = !onProductionBranch && (await contains(release.headSha));
    steps.push({
      stage: 'releasePullRequest',
      state: onProductionBranch ? 'reached' : inRelease ? 'reached' : 'notYet',
      pullRequest: { number: release.number, url: release.url },
    });
  } else {
    steps.push({ stage: 'releasePullRequest', state: onProductionBranch ? 'reached' : github ? 'notYet' : 'unknown' });
  }

  steps.push({
    stage: 'productionBranch',
    state: onProductionBranch === undefined ? 'unknown' : onProductionBranch ? 'reached' : 'notYet',
  });

  steps.push(await productionStep(production.history, github, contains));

  let furthest: JourneyStage | undefined;
  for (const step of steps) {
    if (step.state === 'reached' || step.state === 'inProgress' || step.state === 'rolledBack') {
      furthest = step.stage;
    }
  }
  return { sha, steps, furthest };
}

async function developmentStep(
  deployment: DeploymentInfo | undefined,
  github: boolean,
  contains: (sha: string) => Promise<boolean>,
): Promise<JourneyStep> {
  if (!deployment) {
    return { stage: 'development', state: github ? 'notYet' : 'unknown' };
  }
  if (!(await contains(deployment.sha))) {
    return { stage: 'development', state: 'notYet' };
  }
  if (LIVE_STATES.has(deployment.state)) {
    return { stage: 'development', state: 'reached', when: deployment.updatedAt, deployment };
  }
  if (RUNNING_STATES.has(deployment.state)) {
    return { stage: 'development', state: 'inProgress', when: deployment.updatedAt, deployment };
  }
  return { stage: 'development', state: 'notYet', deployment };
}

/**
 * Production history is newest first. The live deployment is the newest successful one;
 * a commit that an older successful deployment carried but the live one does not was
 * rolled back.
 */
async function productionStep(
  history: readonly DeploymentInfo[],
  github: boolean,
  contains: (sha: string) => Promise<boolean>,
): Promise<JourneyStep> {
  if (history.length === 0) {
    return { stage: 'production', state: github ? 'notYet' : 'unknown' };
  }
  const newest = history[0];
  if (newest && RUNNING_STATES.has(newest.state) && (await contains(newest.sha))) {
    return { stage: 'production', state: 'inProgress', when: newest.updatedAt, deployment: newest };
  }
  const successful = history.filter((d) => LIVE_STATES.has(d.state));
  const live = successful[0];
  if (live && (await contains(live.sha))) {
    // The first deployment that carried it says since when it is live.
    let first = live;
    for (const older of successful.slice(1)) {
      if (!(await contains(older.sha))) {
        break;
      }
      first = older;
    }
    return { stage: 'production', state: 'reached', when: first.updatedAt, deployment: live };
  }
  for (const older of successful.slice(1)) {
    if (await contains(older.sha)) {
      return { stage: 'production', state: 'rolledBack', when: live?.updatedAt, deployment: older };
    }
  }
  return { stage: 'production', state: 'notYet' };
}
