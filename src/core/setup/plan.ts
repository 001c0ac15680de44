/**
 * The setup plan: every step EnvFlow's workflow needs in a repository, each read from
 * the real state (origin's branches, GitHub's protection, the working tree) so a
 * re-run shows what is done and applies only what is missing.
 */
import * as l10n from '@vscode/l10n';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LOCAL_TESTS_STATUS_CONTEXT, type FlowConfig } from '../model/flowConfig';
import { createBranchTitle, type SetupContext, type SetupStep } from './step';
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
      title: l10n.t('CI workflow'),
      what: l10n.t(
        'runs {0} for {1} on pull requests and pushes to {2} and {3}; its check "{4}" is what protection requires',
        stack.test ? `\`${stack.test}\`` : l10n.t('your tests (EnvFlow found no test command: fill it in)'),
        project,
        config.developBranch,
        config.productionBranch,
        CI_CHECK_NAME,
      ),
      content: ciWorkflow(stack, options),
    },
    {
      id: 'deploy-development',
      path: '.github/workflows/deploy-development.yml',
      title: l10n.t('Development deploy workflow'),
      what: l10n.t(
        'deploys every push to {0} to the "{1}" environment with a health check, which Promote requires',
        config.developBranch,
        config.developmentEnvironment,
      ),
      content: deployDevelopmentWorkflow(options),
    },
    {
      id: 'deploy',
      path: '.github/workflows/deploy.yml',
      title: l10n.t('Deploy workflow'),
      what: l10n.t(
        'deploys {0} to the "{1}" environment one at a time: a backup first, then 10 % → 50 % → 100 % with a health check after each stage, and a new deployment of the last good version when a stage fails; EnvFlow\'s Roll Back runs it with a vetted target',
        config.productionBranch,
        config.productionEnvironment,
      ),
      content: deployWorkflow(options),
    },
    {
      id: 'dependabot',
      path: '.github/dependabot.yml',
      title: 'Dependabot',
      what: l10n.t(
        'weekly update pull requests into {0} for {1}',
        config.developBranch,
        [...stack.ecosystems, 'docker', 'github-actions'].join(', '),
      ),
      content: dependabotConfig(stack, config.developBranch),
    },
    {
      id: 'dockerfile',
      path: 'Dockerfile',
      title: 'Dockerfile',
      what: l10n.t('runs the tests of {0} in a container pinned by digest, as a non-root user', project),
      content: dockerfile(stack),
    },
    {
      id: 'dockerignore',
      path: '.dockerignore',
      title: '.dockerignore',
      what: l10n.t('keeps .git, build output, .env files, keys and credentials out of the Docker context'),
      content: dockerignore(stack),
    },
    {
      id: 'devcontainer',
      path: '.devcontainer/devcontainer.json',
      title: l10n.t('Dev container'),
      what: l10n.t('a reproducible VS Code environment for {0}', project),
      content: devcontainer(stack),
    },
  ];
}

function describeStack(stack: Stack): string {
  if (stack.kind === 'unknown') {
    return l10n.t('the project');
  }
  const name = { node: 'Node', python: 'Python', go: 'Go', rust: 'Rust', java: 'Java' }[stack.kind];
  return stack.tool
    ? l10n.t('a {0} {1} project ({2})', name, stack.version, stack.tool)
    : l10n.t('a {0} {1} project', name, stack.version);
}

async function planDevelop(context: SetupContext): Promise<SetupStep> {
  const { git, client, config } = context;
  const remote = context.remote ?? 'origin';
  const { developBranch: develop, productionBranch: production } = config;
  const base = { id: 'develop', title: createBranchTitle(develop) };
  if (client) {
    const [developRef, productionRef] = await Promise.all([
      client.getRef(`heads/${develop}`),
      client.getRef(`heads/${production}`),
    ]);
    if (developRef) {
      return { ...base, status: 'done', description: l10n.t('{0} exists on GitHub.', develop) };
    }
    if (!productionRef) {
      return {
        ...base,
        status: 'blocked',
        description: l10n.t('GitHub has no {0} branch to start {1} from: push {0} first.', production, develop),
      };
    }
    return {
      ...base,
      status: 'missing',
      description: l10n.t(
        "Creates {0} on GitHub at {1}'s head ({2}); your local branches and files are not touched.",
        develop,
        production,
        shortSha(productionRef.sha),
      ),
      doing: l10n.t('creating {0} at {1}', develop, shortSha(productionRef.sha)),
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
        return l10n.t('Created {0} at {1}.', develop, shortSha(productionRef.sha));
      },
    };
  }
  await git.fetch(remote);
  if (await git.branchExists(develop, { remote })) {
    return { ...base, status: 'done', description: l10n.t('{0} exists on {1}.', develop, remote) };
  }
  if (!(await git.branchExists(production, { remote }))) {
    return {
      ...base,
      status: 'blocked',
      description: l10n.t('{0} has no {1} branch to start {2} from: push {1} first.', remote, production, develop),
    };
  }
  return {
    ...base,
    status: 'missing',
    description: l10n.t(
      'Pushes {0}/{1} as {2} to {0} (a new branch, no force); your local branches and files are not touched.',
      remote,
      production,
      develop,
    ),
    doing: l10n.t('creating {0} on {1} from {2}', develop, remote, production),
    apply: async () => {
      await git.pushNewBranch(remote, `refs/remotes/${remote}/${production}`, develop);
      await git.fetch(remote, [develop]);
      return l10n.t('Created {0} on {1} from {2}.', develop, remote, production);
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
    return { ...base, status: 'done', description: l10n.t('{0} is in place.', file.path) };
  }
  if (existing !== undefined) {
    return {
      ...base,
      status: 'partial',
      description: l10n.t(
        '{0} exists with other content; EnvFlow never overwrites it: compare it with the proposal and take what you want by hand.',
        file.path,
      ),
    };
  }
  return {
    ...base,
    status: 'missing',
    description: l10n.t('Writes {0}: {1}.', file.path, file.what),
    doing: l10n.t('writing {0}', file.path),
    apply: async () => {
      await mkdir(dirname(absolute), { recursive: true });
      // 'wx': fails instead of overwriting a file that appeared since the plan was read.
      await writeFile(absolute, file.content, { flag: 'wx' });
      return l10n.t('Wrote {0}.', file.path);
    },
  };
}
