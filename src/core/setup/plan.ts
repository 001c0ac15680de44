/**
 * The setup plan: every step EnvFlow's workflow needs in a repository, each read from
 * the real state (origin's branches, GitHub's protection, the working tree) so a
 * re-run shows what is done and applies only what is missing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LOCAL_TESTS_STATUS_CONTEXT, type FlowConfig } from '../model/flowConfig';
import type { GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import { GitHubError } from '../github/errors';
import { dependabotConfig, devcontainer, dockerfile, dockerignore } from './environmentFiles';
import { mergeProtection } from './protection';
import { detectStack, type Stack } from './stack';
import { CI_CHECK_NAME, ciWorkflow, deployDevelopmentWorkflow, deployWorkflow } from './workflows';
import { shortSha } from '../model/sha';

export type StepStatus = 'done' | 'missing' | 'partial' | 'blocked';

export interface SetupStep {
  readonly id: string;
  readonly title: string;
  readonly status: StepStatus;
  /** Exactly what applying changes, "Already done.", or why it is blocked: for the user. */
  readonly description: string;
  /** File steps: the file EnvFlow proposes, to show as a diff against the existing one. */
  readonly proposal?: { readonly path: string; readonly content: string };
  /** Present when the step can change something; resolves with what it did. */
  readonly apply?: () => Promise<string>;
  /** With `apply`: the step as a half-way failure's sentence names it ("creating develop at 1a2b3c4"). */
  readonly doing?: string;
}

export interface SetupContext {
  readonly root: string;
  readonly git: GitRepository;
  /** Undefined when signed out or the remote is not on GitHub; `offline` says why. */
  readonly client?: GitHubClient;
  readonly offline?: string;
  readonly config: FlowConfig;
  readonly remote?: string;
}

/** What a 403/404 on branch protection means, in one sentence with the way out. */
export function noAdminSentence(branch: string, repository: string): string {
  return `GitHub refused access to ${branch}'s protection: it needs admin rights on ${repository} and a plan with branch protection (private repositories on GitHub Free have none), so ask an admin to run this step.`;
}

export async function planSetup(context: SetupContext): Promise<SetupStep[]> {
  const stack = await detectStack(context.root);
  const developStep = await planDevelop(context);
  const developExists = developStep.status === 'done';
  const { developBranch: develop, productionBranch: production } = context.config;
  const steps: SetupStep[] = [
    developStep,
    // envflow/local-tests is posted on the commits of feature branches; a release PR's head (develop) has none, so main requires CI only.
    await planProtection(context, production, [CI_CHECK_NAME], true),
    await planProtection(context, develop, [CI_CHECK_NAME, ...(context.config.publishStatus ? [LOCAL_TESTS_STATUS_CONTEXT] : [])], developExists),
    ...(await Promise.all(setupFiles(stack, context.config).map((file) => planFile(context.root, file)))),
  ];
  return steps;
}

interface SetupFile {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly what: string;
  readonly content: string;
}

/** The files setup proposes for a stack: one concept each, written only where absent. */
export function setupFiles(stack: Stack, config: FlowConfig): SetupFile[] {
  const options = {
    developBranch: config.developBranch,
    productionBranch: config.productionBranch,
    developmentEnvironment: config.developmentEnvironment,
    productionEnvironment: config.productionEnvironment,
  };
  const project = describeStack(stack);
  return [
    {
      id: 'ci',
      path: '.github/workflows/ci.yml',
      title: 'CI workflow',
      what: `runs ${stack.test ? `\`${stack.test}\`` : 'your tests (EnvFlow found no test command: fill it in)'} for ${project} on pull requests and pushes to ${config.developBranch} and ${config.productionBranch}; its check "${CI_CHECK_NAME}" is what protection requires`,
      content: ciWorkflow(stack, options),
    },
    {
      id: 'deploy-development',
      path: '.github/workflows/deploy-development.yml',
      title: 'Development deploy workflow',
      what: `deploys every push to ${config.developBranch} to the "${config.developmentEnvironment}" environment with a health check, which Promote requires`,
      content: deployDevelopmentWorkflow(options),
    },
    {
      id: 'deploy',
      path: '.github/workflows/deploy.yml',
      title: 'Deploy workflow',
      what: `deploys ${config.productionBranch} to the "${config.productionEnvironment}" environment one at a time: a backup first, then 10 % → 50 % → 100 % with a health check after each stage, and a new deployment of the last good version when a stage fails; EnvFlow's Roll Back runs it with a vetted target`,
      content: deployWorkflow(options),
    },
    {
      id: 'dependabot',
      path: '.github/dependabot.yml',
      title: 'Dependabot',
      what: `weekly update pull requests into ${config.developBranch} for ${[...stack.ecosystems, 'docker', 'github-actions'].join(', ')}`,
      content: dependabotConfig(stack, config.developBranch),
    },
    { id: 'dockerfile', path: 'Dockerfile', title: 'Dockerfile', what: `runs the tests of ${project} in a container pinned by digest, as a non-root user`, content: dockerfile(stack) },
    { id: 'dockerignore', path: '.dockerignore', title: '.dockerignore', what: 'keeps .git, build output, .env files, keys and credentials out of the Docker context', content: dockerignore(stack) },
    {
      id: 'devcontainer',
      path: '.devcontainer/devcontainer.json',
      title: 'Dev container',
      what: `a reproducible VS Code environment for ${project}`,
      content: devcontainer(stack),
    },
  ];
}

function describeStack(stack: Stack): string {
  if (stack.kind === 'unknown') {
    return 'the project';
  }
  const name = { node: 'Node', python: 'Python', go: 'Go', rust: 'Rust', java: 'Java' }[stack.kind];
  return `a ${name} ${stack.version} project${stack.tool ? ` (${stack.tool})` : ''}`;
}

async function planDevelop(context: SetupContext): Promise<SetupStep> {
  const { git, client, config } = context;
  const remote = context.remote ?? 'origin';
  const { developBranch: develop, productionBranch: production } = config;
  const base = { id: 'develop', title: `Create ${develop}` };
  if (client) {
    const [developRef, productionRef] = await Promise.all([client.getRef(`heads/${develop}`), client.getRef(`heads/${production}`)]);
    if (developRef) {
      return { ...base, status: 'done', description: `${develop} exists on GitHub.` };
    }
    if (!productionRef) {
      return { ...base, status: 'blocked', description: `GitHub has no ${production} branch to start ${develop} from: push ${production} first.` };
    }
    return {
      ...base,
      status: 'missing',
      description: `Creates ${develop} on GitHub at ${production}'s head (${shortSha(productionRef.sha)}); your local branches and files are not touched.`,
      doing: `creating ${develop} at ${shortSha(productionRef.sha)}`,
      apply: async () => {
        try {
          await client.createRef(`heads/${develop}`, productionRef.sha);
        } catch (error) {
          // Someone created it since the plan was read: the step is done either way.
          if (!(await client.getRef(`heads/${develop}`))) {
            throw error;
          }
        }
        await git.fetch(remote, [develop]);
        return `Created ${develop} at ${shortSha(productionRef.sha)}.`;
      },
    };
  }
  await git.fetch(remote);
  if (await git.branchExists(develop, { remote })) {
    return { ...base, status: 'done', description: `${develop} exists on ${remote}.` };
  }
  if (!(await git.branchExists(production, { remote }))) {
    return { ...base, status: 'blocked', description: `${remote} has no ${production} branch to start ${develop} from: push ${production} first.` };
  }
  return {
    ...base,
    status: 'missing',
    description: `Pushes ${remote}/${production} as ${develop} to ${remote} (a new branch, no force); your local branches and files are not touched.`,
    doing: `creating ${develop} on ${remote} from ${production}`,
    apply: async () => {
      await git.pushNewBranch(remote, `refs/remotes/${remote}/${production}`, develop);
      await git.fetch(remote, [develop]);
      return `Created ${develop} on ${remote} from ${production}.`;
    },
  };
}

/**
 * GitHub refused a step for good (no admin rights, a plan without protection): the
 * other steps still run, and the sentence is said at the end, like a blocked step's.
 */
export class SetupStepRefused extends Error {}

/** A 403 or 404 that means "no admin rights"; a rate limit answered with 403 is not one (it says when to resume). */
function isAccessRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return (status === 403 || status === 404) && !isRateLimit(error);
}

function isRateLimit(error: unknown): boolean {
  return error instanceof GitHubError && error.kind === 'rateLimited';
}

async function planProtection(context: SetupContext, branch: string, requiredChecks: readonly string[], branchExists: boolean): Promise<SetupStep> {
  const { client } = context;
  const base = { id: `protect:${branch}`, title: `Protect ${branch}` };
  if (!client) {
    return { ...base, status: 'blocked', description: context.offline ?? 'Sign in to GitHub to read and set branch protection (EnvFlow: Sign in to GitHub).' };
  }
  const repository = `${client.owner}/${client.repo}`;
  const desired = { requiredChecks };
  let current;
  if (branchExists) {
    try {
      current = await client.getBranchProtection(branch);
    } catch (error) {
      if (isAccessRefusal(error)) {
        return { ...base, status: 'blocked', description: noAdminSentence(branch, repository) };
      }
      throw error;
    }
  }
  const merge = mergeProtection(current, desired);
  if (merge.changes.length === 0) {
    return { ...base, status: 'done', description: `Already protected: ${merge.current.join('; ')}.` };
  }
  return {
    ...base,
    status: current ? 'partial' : 'missing',
    description: `Now: ${merge.current.join('; ')}. EnvFlow will ${merge.changes.join(', ')}; every other rule stays as it is.`,
    doing: `protecting ${branch}`,
    apply: async () => {
      try {
        // Read again: a rule added on GitHub since the plan was shown is kept too. A
        // refused read (non-admins read 404, as at plan time) is a refusal for good.
        const now = await client.getBranchProtection(branch).catch((error: unknown) => {
          throw isAccessRefusal(error) ? new SetupStepRefused(noAdminSentence(branch, repository)) : error;
        });
        const latest = mergeProtection(now, desired);
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
          throw new Error(`GitHub answered 404 for ${branch}'s protection: check that ${branch} exists on GitHub (the step "Create ${context.config.developBranch}" creates it) and that you have admin rights on ${repository}, or ask an admin to run this step.`);
        }
        throw error;
      }
      return `Protected ${branch}: ${merge.changes.join(', ')}.`;
    },
  };
}

/** Files match when they differ only in line endings. */
const sameText = (a: string, b: string) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');

async function planFile(root: string, file: SetupFile): Promise<SetupStep> {
  const absolute = join(root, ...file.path.split('/'));
  const existing = await readFile(absolute, 'utf8').catch(() => undefined);
  const base = { id: `file:${file.id}`, title: `${file.title} (${file.path})`, proposal: { path: file.path, content: file.content } };
  if (existing !== undefined && sameText(existing, file.content)) {
    return { ...base, status: 'done', description: `${file.path} is in place.` };
  }
  if (existing !== undefined) {
    return {
      ...base,
      status: 'partial',
      description: `${file.path} exists with other content; EnvFlow never overwrites it: compare it with the proposal and take what you want by hand.`,
    };
  }
  return {
    ...base,
    status: 'missing',
    description: `Writes ${file.path}: ${file.what}.`,
    doing: `writing ${file.path}`,
    apply: async () => {
      await mkdir(dirname(absolute), { recursive: true });
      // 'wx': fails instead of overwriting a file that appeared since the plan was read.
      await writeFile(absolute, file.content, { flag: 'wx' });
      return `Wrote ${file.path}.`;
    },
  };
}
