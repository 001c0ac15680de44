/**
 * Dependabot configuration and reproducible environments (Dockerfile, .dockerignore,
 * dev container) for a detected stack, as file text.
 */
import type { Stack } from './stack';

/** Weekly updates for the project's ecosystems and for the workflows' actions, into develop. */
export function dependabotConfig(stack: Stack, developBranch: string): string {
  const ecosystems = [...stack.ecosystems, 'docker', 'github-actions'];
  return [
    '# Written by EnvFlow: Set Up Repository. Updates land on develop, like any other change.',
    'version: 2',
    'updates:',
    ...ecosystems.flatMap((ecosystem) => [
      `  - package-ecosystem: ${JSON.stringify(ecosystem)}`,
      '    directory: "/"',
      `    target-branch: ${JSON.stringify(developBranch)}`,
      '    schedule:',
      '      interval: "weekly"',
      '    open-pull-requests-limit: 5',
    ]),
    '',
  ].join('\n');
}

/**
 * Base images pinned by digest for the default version of each stack: a tag can be
 * re-pointed, a digest cannot. Each digest was read from public Dockerfiles pinning the
 * same tag (no registry is reachable where EnvFlow is built); Dependabot's docker entry
 * replaces it with the current one. Other versions get the tag and a line saying how to pin it.
 */
export const PINNED_IMAGES: Readonly<Record<string, string>> = {
  'node:22-bookworm-slim': 'sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c',
  'python:3.12-slim': 'sha256:57cd7c3a7a273101a6485ba99423ee568157882804b1124b4dd04266317710de',
  'golang:1.22': 'sha256:829eff99a4b2abffe68f6a3847337bf6455d69d17e49ec1a97dac78834754bd6',
  'rust:1': 'sha256:6e6d04bd50cd4c433a805c58c13f186a508c5b5417b9b61cae40ec28e0593c51',
  'eclipse-temurin:21-jdk': 'sha256:3e3c176ffed168beb42c607be9bc1639b466cf00261a0fb04425562c9d0c5c2b',
  'debian:bookworm-slim': 'sha256:4b50eb66f977b4062683ff434ef18ac191da862dbe966961bc11990cf5791a8d',
};

/** Base image and the manifest files copied before the install, so that layer caches. */
function dockerBase(stack: Stack): { image: string; manifests: readonly string[] } {
  switch (stack.kind) {
    case 'node': {
      const lock =
        { npm: 'package-lock.json*', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock' }[stack.tool ?? 'npm'] ??
        'package-lock.json*';
      return { image: `node:${stack.version}-bookworm-slim`, manifests: ['package.json', lock] };
    }
    case 'python':
      return { image: `python:${stack.version}-slim`, manifests: [] };
    case 'go':
      return { image: `golang:${stack.version}`, manifests: ['go.mod', 'go.sum*'] };
    case 'rust':
      return { image: stack.version === 'stable' ? 'rust:1' : `rust:${stack.version}`, manifests: [] };
    case 'java':
      return { image: `eclipse-temurin:${stack.version}-jdk`, manifests: [] };
    case 'unknown':
      return { image: 'debian:bookworm-slim', manifests: [] };
  }
}

/** The unprivileged user the image runs as: a fixed uid, so `runAsNonRoot` policies can check it. */
export const DOCKER_USER_ID = 10001;

/**
 * A two-stage image: `deps` installs what the manifests name (cached until they change),
 * `app` adds the source owned by an unprivileged user and runs as that user. The CMD
 * runs the tests; a service replaces it with its start command.
 */
export function dockerfile(stack: Stack): string {
  const { image, manifests } = dockerBase(stack);
  const digest = PINNED_IMAGES[image];
  const from = digest ? `${image}@${digest}` : image;
  const corepack = stack.kind === 'node' && stack.tool !== 'npm' ? ['RUN corepack enable'] : [];
  const deps =
    stack.install && manifests.length
      ? [`COPY ${manifests.join(' ')} ./`, ...corepack, `RUN ${stack.install}`]
      : corepack;
  // Without manifests to copy first, the install needs the whole source, so it runs in the app stage.
  const installLate = stack.install && !manifests.length ? [`RUN ${stack.install}`] : [];
  const test = stack.test || 'echo "Set the test command in the Dockerfile" && exit 1';
  const user = DOCKER_USER_ID;
  return [
    '# Written by EnvFlow: Set Up Repository. Runs the tests in a clean, pinned environment as a non-root user.',
    ...(digest
      ? []
      : [`# Pin the base image by digest: docker buildx imagetools inspect ${image}, then FROM ${image}@sha256:…`]),
    `FROM ${from} AS deps`,
    'WORKDIR /app',
    ...deps,
    '',
    'FROM deps AS app',
    `RUN useradd --system --uid ${user} --user-group --create-home app`,
    `COPY --chown=${user}:${user} . .`,
    ...installLate,
    `USER ${user}:${user}`,
    `CMD ${JSON.stringify(['sh', '-c', test])}`,
    '',
  ].join('\n');
}

/** What never belongs in an image: secrets first, then what the build recreates. */
export const DOCKERIGNORE_SECRETS = [
  '.env',
  '.env.*',
  '*.env',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  'id_rsa*',
  'id_ed25519*',
  'id_ecdsa*',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.docker',
  '.aws',
  '.azure',
  '.config/gcloud',
  'gcloud',
  '*service-account*.json',
  '*credentials*.json',
  'kubeconfig',
  '.kube',
  '.terraform',
  '*.tfstate*',
] as const;

export function dockerignore(stack: Stack): string {
  const perStack: Record<Stack['kind'], readonly string[]> = {
    node: ['node_modules', 'dist', 'coverage'],
    python: ['__pycache__', '*.pyc', '.venv', '.pytest_cache'],
    go: ['bin'],
    rust: ['target'],
    java: ['target', 'build', '.gradle'],
    unknown: [],
  };
  return [
    '# Written by EnvFlow: Set Up Repository. Secrets and credentials stay out of every image.',
    ...DOCKERIGNORE_SECRETS,
    '.git',
    '.github',
    '.envflow',
    '.vscode',
    '.devcontainer',
    'Dockerfile',
    '.dockerignore',
    ...perStack[stack.kind],
    '',
  ].join('\n');
}

/** The dev container feature that installs each stack's toolchain on the base image. */
export function devcontainerFeatures(stack: Stack): Record<string, Record<string, string | boolean>> {
  switch (stack.kind) {
    case 'node':
      return { 'ghcr.io/devcontainers/features/node:1': { version: stack.version } };
    case 'python':
      return { 'ghcr.io/devcontainers/features/python:1': { version: stack.version } };
    case 'go':
      return { 'ghcr.io/devcontainers/features/go:1': { version: stack.version } };
    case 'rust':
      return {
        'ghcr.io/devcontainers/features/rust:1': { version: stack.version === 'stable' ? 'latest' : stack.version },
      };
    case 'java':
      return {
        'ghcr.io/devcontainers/features/java:1': {
          version: stack.version,
          installMaven: stack.tool === 'maven',
          installGradle: stack.tool === 'gradle',
        },
      };
    case 'unknown':
      return {};
  }
}

export const DEVCONTAINER_IMAGE = 'mcr.microsoft.com/devcontainers/base:bookworm';

export function devcontainer(stack: Stack): string {
  const config = {
    name: stack.kind === 'unknown' ? 'Project' : `${stack.kind.charAt(0).toUpperCase()}${stack.kind.slice(1)} project`,
    image: DEVCONTAINER_IMAGE,
    features: { 'ghcr.io/devcontainers/features/github-cli:1': {}, ...devcontainerFeatures(stack) },
    ...(stack.install ? { postCreateCommand: stack.install } : {}),
    customizations: { vscode: { extensions: ['envflow.envflow'] } },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
