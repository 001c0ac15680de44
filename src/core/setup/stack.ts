/**
 * What kind of project a repository holds, read from its manifests the way a new
 * teammate would: a few file reads at the root, no process started. The generators
 * turn it into CI, Dependabot, Docker and dev container files.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type StackKind = 'node' | 'python' | 'go' | 'rust' | 'java' | 'unknown';

export interface Stack {
  readonly kind: StackKind;
  /** Language/runtime version to install (major or major.minor). */
  readonly version: string;
  /** How dependencies are installed in CI and the Dockerfile; empty when nothing to install. */
  readonly install: string;
  /** The command that runs the tests. */
  readonly test: string;
  /** Node: npm, pnpm or yarn; Java: maven or gradle; Python: pip. */
  readonly tool?: string;
  /** Node: the `packageManager` field pins the tool's version (corepack), so CI must not name another. */
  readonly toolPinned?: boolean;
  /** Dependabot `package-ecosystem` values of the project's manifests. */
  readonly ecosystems: readonly string[];
  /** Which manifest decided, for the user. */
  readonly source: string;
}

const DEFAULTS = { node: '22', python: '3.12', go: '1.22', rust: 'stable', java: '21' } as const;

/** The stack of the project at `root`; the first manifest found wins (Node, Python, Go, Rust, Java). */
export async function detectStack(root: string): Promise<Stack> {
  const read = (name: string) => readSmallText(join(root, name));
  const has = async (name: string) => (await read(name)) !== undefined;

  const packageJson = await read('package.json');
  if (packageJson !== undefined) {
    return nodeStack(packageJson, { read, has });
  }
  const pyproject = await read('pyproject.toml');
  const requirements = await read('requirements.txt');
  if (pyproject !== undefined || requirements !== undefined) {
    const pinned = (await read('.python-version'))?.trim().match(/^\d+\.\d+/)?.[0];
    const requires = /requires-python\s*=\s*["'][^\d"']*(\d+\.\d+)/.exec(pyproject ?? '')?.[1];
    const installs = [
      requirements !== undefined ? 'pip install -r requirements.txt' : 'pip install .',
      'pip install pytest',
    ];
    return {
      kind: 'python',
      version: pinned ?? requires ?? DEFAULTS.python,
      install: `python -m pip install --upgrade pip && ${installs.join(' && ')}`,
      test: 'python -m pytest',
      tool: 'pip',
      ecosystems: ['pip'],
      source: requirements !== undefined ? 'requirements.txt' : 'pyproject.toml',
    };
  }
  const goMod = await read('go.mod');
  if (goMod !== undefined) {
    return {
      kind: 'go',
      version: /^go\s+(\d+\.\d+)/m.exec(goMod)?.[1] ?? DEFAULTS.go,
      install: 'go mod download',
      test: 'go test ./...',
      ecosystems: ['gomod'],
      source: 'go.mod',
    };
  }
  if (await has('Cargo.toml')) {
    const toolchain = /channel\s*=\s*"([\w.-]+)"/.exec((await read('rust-toolchain.toml')) ?? '')?.[1];
    return {
      kind: 'rust',
      version: toolchain ?? DEFAULTS.rust,
      install: 'cargo fetch',
      test: 'cargo test',
      ecosystems: ['cargo'],
      source: 'Cargo.toml',
    };
  }
  const pom = await read('pom.xml');
  if (pom !== undefined) {
    const version = /<(?:maven\.compiler\.release|java\.version|release)>(\d+)</.exec(pom)?.[1] ?? DEFAULTS.java;
    const mvn = (await has('mvnw')) ? './mvnw' : 'mvn';
    return {
      kind: 'java',
      version,
      install: `${mvn} -B dependency:go-offline`,
      test: `${mvn} -B verify`,
      tool: 'maven',
      ecosystems: ['maven'],
      source: 'pom.xml',
    };
  }
  const gradleFile = (await has('build.gradle.kts'))
    ? 'build.gradle.kts'
    : (await has('build.gradle'))
      ? 'build.gradle'
      : undefined;
  if (gradleFile) {
    const gradle = (await read(gradleFile)) ?? '';
    const version =
      /languageVersion\s*(?:=|\.set\()\s*JavaLanguageVersion\.of\((\d+)\)|sourceCompatibility\s*=\s*['"]?(?:JavaVersion\.VERSION_)?(\d+)/.exec(
        gradle,
      );
    const wrapper = (await has('gradlew')) ? './gradlew' : 'gradle';
    return {
      kind: 'java',
      version: version?.[1] ?? version?.[2] ?? DEFAULTS.java,
      install: `${wrapper} --no-daemon dependencies`,
      test: `${wrapper} --no-daemon test`,
      tool: 'gradle',
      ecosystems: ['gradle'],
      source: gradleFile,
    };
  }
  return { kind: 'unknown', version: '', install: '', test: '', ecosystems: [], source: 'no known manifest' };
}

interface Reader {
  read(name: string): Promise<string | undefined>;
  has(name: string): Promise<boolean>;
}

async function nodeStack(text: string, { read, has }: Reader): Promise<Stack> {
  let manifest: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    manifest = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    // A broken package.json is still a Node project; the defaults apply.
  }
  const declared = typeof manifest.packageManager === 'string' ? manifest.packageManager.split('@')[0] : undefined;
  const tool =
    declared === 'pnpm' || declared === 'yarn' || declared === 'npm'
      ? declared
      : (await has('pnpm-lock.yaml'))
        ? 'pnpm'
        : (await has('yarn.lock'))
          ? 'yarn'
          : 'npm';
  const engines = manifest.engines as { node?: unknown } | undefined;
  const fromEngines = typeof engines?.node === 'string' ? /(\d+)/.exec(engines.node)?.[1] : undefined;
  const fromNvmrc = /^v?(\d+)/.exec(((await read('.nvmrc')) ?? '').trim())?.[1];
  const locked = tool === 'npm' ? await has('package-lock.json') : true;
  const install = {
    npm: locked ? 'npm ci' : 'npm install',
    pnpm: 'pnpm install --frozen-lockfile',
    yarn: 'yarn install --frozen-lockfile',
  }[tool];
  const scripts = manifest.scripts as Record<string, unknown> | undefined;
  const hasTests = typeof scripts?.test === 'string' && !/no test specified/i.test(scripts.test);
  return {
    kind: 'node',
    version: fromNvmrc ?? fromEngines ?? DEFAULTS.node,
    install,
    test: hasTests ? `${tool} test` : '',
    tool,
    toolPinned: declared === tool,
    ecosystems: ['npm'],
    source: 'package.json',
  };
}

/** Manifests are small; anything larger is not one anyone hand-writes. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

async function readSmallText(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() && info.size <= MAX_MANIFEST_BYTES ? await readFile(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
