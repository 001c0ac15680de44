/** One detected stack of each kind Set Up knows, for the suites that check what it writes. */
import type { Stack } from '../../../src/core/setup/stack';

export const stacks: Record<string, Stack> = {
  'Node (npm)': { kind: 'node', version: '22', install: 'npm ci', test: 'npm test', tool: 'npm', ecosystems: ['npm'], source: 'package.json' },
  'Node (pnpm)': { kind: 'node', version: '20', install: 'pnpm install --frozen-lockfile', test: 'pnpm test', tool: 'pnpm', ecosystems: ['npm'], source: 'package.json' },
  'Node (pnpm pinned by packageManager)': { kind: 'node', version: '20', install: 'pnpm install --frozen-lockfile', test: 'pnpm test', tool: 'pnpm', toolPinned: true, ecosystems: ['npm'], source: 'package.json' },
  Python: { kind: 'python', version: '3.12', install: 'python -m pip install --upgrade pip && pip install -r requirements.txt', test: 'python -m pytest', tool: 'pip', ecosystems: ['pip'], source: 'requirements.txt' },
  Go: { kind: 'go', version: '1.22', install: 'go mod download', test: 'go test ./...', ecosystems: ['gomod'], source: 'go.mod' },
  Rust: { kind: 'rust', version: 'stable', install: 'cargo fetch', test: 'cargo test', ecosystems: ['cargo'], source: 'Cargo.toml' },
  'Java (Maven)': { kind: 'java', version: '21', install: 'mvn -B dependency:go-offline', test: 'mvn -B verify', tool: 'maven', ecosystems: ['maven'], source: 'pom.xml' },
  'Java (Gradle)': { kind: 'java', version: '17', install: './gradlew --no-daemon dependencies', test: './gradlew --no-daemon test', tool: 'gradle', ecosystems: ['gradle'], source: 'build.gradle' },
  unknown: { kind: 'unknown', version: '', install: '', test: '', ecosystems: [], source: 'no known manifest' },
};
