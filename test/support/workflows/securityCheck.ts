/**
 * The checks OpenSSF Scorecard calls Pinned-Dependencies, Token-Permissions and
 * Dangerous-Workflow, applied to the files Set Up writes, plus the image rules: a
 * non-root user, a digest-pinned base, a .dockerignore that keeps secrets out. Each
 * finding is one sentence naming the file.
 */
import { parse } from 'yaml';

interface WorkflowStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface WorkflowFile {
  permissions?: unknown;
  jobs?: Record<string, { permissions?: unknown; steps?: WorkflowStep[] }>;
}

export function workflowFindings(path: string, text: string): string[] {
  const workflow = parse(text) as WorkflowFile;
  const findings: string[] = [];
  if (workflow.permissions === undefined) {
    findings.push(
      `${path} has no top-level permissions block, so every job gets the repository's default token permissions.`,
    );
  }
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === undefined && JSON.stringify(workflow.permissions ?? 'write-all') !== '{}') {
      findings.push(`${path}: job ${id} inherits permissions instead of declaring the least it needs.`);
    }
    for (const step of job.steps ?? []) {
      if (step.uses && !step.uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(step.uses)) {
        findings.push(`${path}: ${step.uses} is not pinned to a full commit SHA.`);
      }
      if (step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) {
        findings.push(`${path}: job ${id} checks out with the token left in .git/config.`);
      }
      if (step.run?.includes('${{')) {
        findings.push(`${path}: job ${id} has an expression inside run:, where a value could become shell code.`);
      }
      if (step.run?.includes('.envflow/') && Object.keys(step.env ?? {}).some((name) => /TOKEN/.test(name))) {
        findings.push(`${path}: job ${id} hands the token to a step that runs a user's hook.`);
      }
    }
  }
  return findings;
}

export function dockerfileFindings(text: string, options: { readonly requireDigest: boolean }): string[] {
  const findings: string[] = [];
  const users = [...text.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
  const last = users.at(-1);
  if (!last || /^(root|0)(:|$)/.test(last)) {
    findings.push('Dockerfile runs as root: its last USER is missing or root.');
  }
  // `FROM deps AS app` builds on an earlier stage, not on an image.
  const stages = new Set([...text.matchAll(/\sAS\s+(\S+)$/gim)].map((alias) => alias[1]));
  for (const match of text.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)/gm)) {
    const image = match[1];
    if (!stages.has(image) && options.requireDigest && !/@sha256:[0-9a-f]{64}$/.test(image)) {
      findings.push(`Dockerfile's base image ${image} is not pinned by digest.`);
    }
  }
  return findings;
}

/** What a .dockerignore must keep out of every build context. */
export const REQUIRED_DOCKERIGNORE = [
  '.env',
  '.env.*',
  '*.pem',
  '*.key',
  'id_rsa*',
  '.npmrc',
  '.pypirc',
  '.aws',
  '.azure',
  '.config/gcloud',
  '*service-account*.json',
];

export function dockerignoreFindings(text: string): string[] {
  const patterns = new Set(text.split('\n').map((line) => line.trim()));
  return REQUIRED_DOCKERIGNORE.filter((pattern) => !patterns.has(pattern)).map(
    (pattern) => `.dockerignore does not exclude ${pattern}.`,
  );
}
