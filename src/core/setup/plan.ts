/**
 * The setup plan: every step EnvFlow's workflow needs in a repository, each read from
 * the real state (origin's branches, GitHub's protection, the working tree) so a
 * re-run shows what is done and applies only what is missing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LOCAL_TESTS_STATUS_CONTEXT, type FlowConfig } from '../model/flowConfig';
import type { SetupContext, SetupStep } from './step';
import { dependabotConfig, devcontainer, dockerfile, dockerignore } from './environmentFiles';
import { planEnvironments } from './environmentSteps';
import { planSecurityScanning } from './securityScanningSteps';
import { GITHUB_ACTIONS_APP_ID } from './protection';
import { planBranchProtection } from './protectionStep';
import { detectStack, type Stack } from './stack';
import { CI_CHECK_NAME, ciWorkflow, deployDevelopmentWorkflow, deployWorkflow } from './workflows';
import { shortSha } from '../model/sha';

export {
  answerOf,
  SetupStepRefused,
  type SetupAnswers,
  type SetupChoice,
  type SetupContext,
  type SetupQuestion,
  type SetupStep,
  type StepStatus,
} from './step';
export { noAdminSentence } from './refusal';

/** The CI check comes from the GitHub Actions app: a commit status named `ci` from anyone else does not pass it. */
const CI_APP = { [CI_CHECK_NAME]: GITHUB_ACTIONS_APP_ID };

export async function planSetup(context: SetupContext): Promise<SetupStep[]> {
  const stack = await detectStack(context.root);
  const developStep = await planDevelop(context);
  const developExists = developStep.status === 'done';
  const { developBranch: develop, productionBranch: production } = context.config;
  const steps: SetupStep[] = [
    developStep,
    ...(await planBranchProtection(context, [
      // envflow/local-tests is posted on the commits of feature branches; a release PR's head (develop) has none, so main requires CI only.
      // main must be up to date with its base, so what merges is exactly what CI checked.
      {
        branch: production,
        exists: true,
        desired: { requiredChecks: [CI_CHECK_NAME], checkApps: CI_APP, strict: true },
      },
      {
        branch: develop,
        exists: developExists,
        desired: {
          requiredChecks: [CI_CHECK_NAME, ...(context.config.publishStatus ? [LOCAL_TESTS_STATUS_CONTEXT] : [])],
          checkApps: CI_APP,
        },
      },
    ])),
    ...(await planEnvironments(context)),
    ...(await planSecurityScanning(context)),
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
    {
      id: 'dockerfile',
      path: 'Dockerfile',
      title: 'Dockerfile',
      what: `runs the tests of ${project} in a container pinned by digest, as a non-root user`,
      content: dockerfile(stack),
    },
    {
      id: 'dockerignore',
      path: '.dockerignore',
      title: '.dockerignore',
      what: 'keeps .git, build output, .env files, keys and credentials out of the Docker context',
      content: dockerignore(stack),
    },
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
    const [developRef, productionRef] = await Promise.all([
      client.getRef(`heads/${develop}`),
      client.getRef(`heads/${production}`),
    ]);
    if (developRef) {
      return { ...base, status: 'done', description: `${develop} exists on GitHub.` };
    }
    if (!productionRef) {
      return {
        ...base,
        status: 'blocked',
        description: `GitHub has no ${production} branch to start ${develop} from: push ${production} first.`,
      };
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
    return {
      ...base,
      status: 'blocked',
      description: `${remote} has no ${production} branch to start ${develop} from: push ${production} first.`,
    };
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

/** Files match when they differ only in line endings. */
const sameText = (a: string, b: string) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');

async function planFile(root: string, file: SetupFile): Promise<SetupStep> {
  const absolute = join(root, ...file.path.split('/'));
  const existing = await readFile(absolute, 'utf8').catch(() => undefined);
  const base = {
    id: `file:${file.id}`,
    title: `${file.title} (${file.path})`,
    proposal: { path: file.path, content: file.content },
  };
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
