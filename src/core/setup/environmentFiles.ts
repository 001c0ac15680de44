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

/** Base image and the manifest files copied before the install, so that layer caches. */
function dockerBase(stack: Stack): { image: string; manifests: readonly string[] } {
  switch (stack.kind) {
    case 'node': {
      const lock = { npm: 'package-lock.json*', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock' }[stack.tool ?? 'npm'] ?? 'package-lock.json*';
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

/** A container that runs the project's tests the same way on every machine: `docker build -t app . && docker run --rm app`. */
export function dockerfile(stack: Stack): string {
  const { image, manifests } = dockerBase(stack);
  const corepack = stack.kind === 'node' && stack.tool !== 'npm' ? ['RUN corepack enable'] : [];
  const install = stack.install
    ? manifests.length
      ? [`COPY ${manifests.join(' ')} ./`, ...corepack, `RUN ${stack.install}`, 'COPY . .']
      : ['COPY . .', ...corepack, `RUN ${stack.install}`]
    : ['COPY . .'];
  const test = stack.test || 'echo "Set the test command in the Dockerfile" && exit 1';
  return [
    '# Written by EnvFlow: Set Up Repository. Runs the tests in a clean, pinned environment.',
    `FROM ${image}`,
    'WORKDIR /app',
    ...install,
    `CMD ${JSON.stringify(['sh', '-c', test])}`,
    '',
  ].join('\n');
}

export function dockerignore(stack: Stack): string {
  const perStack: Record<Stack['kind'], readonly string[]> = {
    node: ['node_modules', 'dist', 'coverage'],
    python: ['__pycache__', '*.pyc', '.venv', '.pytest_cache'],
    go: ['bin'],
    rust: ['target'],
    java: ['target', 'build', '.gradle'],
    unknown: [],
  };
  return ['.git', '.github', '.vscode', '.devcontainer', 'Dockerfile', '.dockerignore', ...perStack[stack.kind], ''].join('\n');
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
      return { 'ghcr.io/devcontainers/features/rust:1': { version: stack.version === 'stable' ? 'latest' : stack.version } };
    case 'java':
      return {
        'ghcr.io/devcontainers/features/java:1': { version: stack.version, installMaven: stack.tool === 'maven', installGradle: stack.tool === 'gradle' },
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
