import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectStack } from '../../../src/core/setup/stack';

describe('detectStack', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'envflow-stack-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));
  const files = (entries: Record<string, string>) =>
    Promise.all(Object.entries(entries).map(([name, text]) => writeFile(join(root, name), text)));

  const cases: { name: string; files: Record<string, string>; expect: Record<string, unknown> }[] = [
    {
      name: 'Node with pnpm and an .nvmrc',
      files: { 'package.json': '{"scripts":{"test":"vitest"}}', 'pnpm-lock.yaml': '', '.nvmrc': 'v20.11.0\n' },
      expect: {
        kind: 'node',
        tool: 'pnpm',
        toolPinned: false,
        version: '20',
        test: 'pnpm test',
        install: 'pnpm install --frozen-lockfile',
        ecosystems: ['npm'],
      },
    },
    {
      name: 'Node with yarn pinned by packageManager',
      files: { 'package.json': '{"packageManager":"yarn@4.1.0","scripts":{"test":"jest"}}' },
      expect: { kind: 'node', tool: 'yarn', toolPinned: true, test: 'yarn test' },
    },
    {
      name: 'Node with npm, engines and no lockfile; the npm init stub is no test',
      files: {
        'package.json':
          '{"engines":{"node":">=18"},"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}',
      },
      expect: { kind: 'node', tool: 'npm', version: '18', test: '', install: 'npm install' },
    },
    {
      name: 'Python from pyproject requires-python',
      files: { 'pyproject.toml': '[project]\nrequires-python = ">=3.11"\n' },
      expect: { kind: 'python', version: '3.11', test: 'python -m pytest', ecosystems: ['pip'] },
    },
    {
      name: 'Python from requirements.txt',
      files: { 'requirements.txt': 'flask\n' },
      expect: { kind: 'python', version: '3.12', source: 'requirements.txt' },
    },
    {
      name: 'Go from go.mod',
      files: { 'go.mod': 'module x\n\ngo 1.21\n' },
      expect: { kind: 'go', version: '1.21', test: 'go test ./...', ecosystems: ['gomod'] },
    },
    {
      name: 'Rust',
      files: { 'Cargo.toml': '[package]\nname="x"\n' },
      expect: { kind: 'rust', version: 'stable', test: 'cargo test', ecosystems: ['cargo'] },
    },
    {
      name: 'Java with Maven and its wrapper',
      files: {
        'pom.xml': '<project><properties><maven.compiler.release>17</maven.compiler.release></properties></project>',
        mvnw: '#!/bin/sh\n',
      },
      expect: { kind: 'java', tool: 'maven', version: '17', test: './mvnw -B verify', ecosystems: ['maven'] },
    },
    {
      name: 'Java with Gradle (Kotlin DSL toolchain)',
      files: { 'build.gradle.kts': 'java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }' },
      expect: { kind: 'java', tool: 'gradle', version: '21', test: 'gradle --no-daemon test', ecosystems: ['gradle'] },
    },
    { name: 'nothing known', files: { 'README.md': '# x' }, expect: { kind: 'unknown', test: '', ecosystems: [] } },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      await files(c.files);
      const stack = await detectStack(root);
      for (const [key, value] of Object.entries(c.expect)) {
        assert.deepEqual(stack[key as keyof typeof stack], value, key);
      }
    });
  }
});
