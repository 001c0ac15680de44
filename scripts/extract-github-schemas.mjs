// Extracts, from GitHub's own OpenAPI description (@octokit/openapi), the response
// schemas of every operation the test GitHub server implements, into one small,
// self-contained JSON Schema file that test/integration/githubServer/openapi.test.ts
// validates the server's answers against.
//
//   node scripts/extract-github-schemas.mjs [--package-dir <dir holding node_modules/@octokit/openapi>]
//
// Without --package-dir it installs @octokit/openapi (~385 MB) into a temp folder
// outside the repository and removes it afterwards: it is never a dependency.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputFile = join(repositoryRoot, 'tools', 'githubServer', 'openapi-schemas.json');

/** The operations tools/githubServer answers, as `METHOD /path` of GitHub's description. */
export const operations = [
  'GET /repos/{owner}/{repo}',
  'GET /user',
  'GET /rate_limit',
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  'GET /repos/{owner}/{repo}/deployments',
  'POST /repos/{owner}/{repo}/deployments',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  'GET /repos/{owner}/{repo}/commits/{ref}/status',
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'GET /repos/{owner}/{repo}/git/tags/{tag_sha}',
  'GET /repos/{owner}/{repo}/branches/{branch}',
  'GET /repos/{owner}/{repo}/branches/{branch}/protection',
  'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
  'GET /repos/{owner}/{repo}/dependabot/alerts',
  'GET /repos/{owner}/{repo}/actions/runs',
  'GET /repos/{owner}/{repo}/actions/workflows',
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
  'GET /repos/{owner}/{repo}/environments',
  'GET /repos/{owner}/{repo}/environments/{environment_name}',
  'PUT /repos/{owner}/{repo}/environments/{environment_name}',
  'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
  'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
  'GET /repos/{owner}/{repo}/rules/branches/{branch}',
  'POST /repos/{owner}/{repo}/rulesets',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
  'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
  'GET /repos/{owner}/{repo}/code-scanning/alerts',
  'GET /repos/{owner}/{repo}/secret-scanning/alerts',
  'GET /repos/{owner}/{repo}/code-scanning/default-setup',
  'PATCH /repos/{owner}/{repo}/code-scanning/default-setup',
  'PATCH /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}',
];

// Documentation-only keywords: dropping them keeps the file small and changes no verdict.
const droppedKeywords = new Set([
  'description',
  'example',
  'examples',
  'title',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

function parseArguments(argv) {
  const index = argv.indexOf('--package-dir');
  return { packageDir: index >= 0 ? argv[index + 1] : undefined };
}

async function loadDescription(packageDir) {
  const packageRoot = join(packageDir, 'node_modules', '@octokit', 'openapi');
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8'));
  const document = JSON.parse(await readFile(join(packageRoot, 'generated', 'api.github.com.json'), 'utf8'));
  return { version, document };
}

function resolvePointer(document, ref) {
  if (!ref.startsWith('#/')) {
    throw new Error(`Only local $refs are expected, got ${ref}`);
  }
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => node[key], document);
}

/**
 * OpenAPI 3.0 `nullable: true` → JSON Schema: `null` joins `type` (and `enum`), or the
 * whole schema becomes `anyOf [schema, null]` when it has no `type` of its own.
 */
function translateNullable(schema) {
  if (schema.nullable !== true) {
    delete schema.nullable;
    return schema;
  }
  delete schema.nullable;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    schema.enum.push(null);
  }
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    return schema;
  }
  if (Array.isArray(schema.type)) {
    schema.type = schema.type.includes('null') ? schema.type : [...schema.type, 'null'];
    return schema;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/** Copies a schema, rewriting component $refs and remembering which components it needs. */
function convert(node, needed) {
  if (Array.isArray(node)) {
    return node.map((item) => convert(item, needed));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    needed.add(name);
    return { $ref: `#/components/schemas/${name}` };
  }
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (droppedKeywords.has(key) || key.startsWith('x-')) {
      continue;
    }
    // `properties` holds names, not keywords: a property may be called `description`.
    copy[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, convert(property, needed)]))
        : convert(value, needed);
  }
  return translateNullable(copy);
}

function extract(document) {
  const needed = new Set();
  const extracted = {};
  for (const operation of operations) {
    const [method, path] = operation.split(' ');
    const definition = document.paths[path]?.[method.toLowerCase()];
    if (!definition) {
      throw new Error(`GitHub's description has no ${operation}`);
    }
    const responses = {};
    for (const [status, response] of Object.entries(definition.responses)) {
      const resolved = response.$ref ? resolvePointer(document, response.$ref) : response;
      const schema = resolved.content?.['application/json']?.schema;
      if (schema) {
        responses[status] = convert(schema, needed);
      }
    }
    extracted[operation] = responses;
  }
  const schemas = {};
  const queue = [...needed];
  while (queue.length > 0) {
    const name = queue.pop();
    if (schemas[name]) {
      continue;
    }
    const more = new Set();
    schemas[name] = convert(document.components.schemas[name], more);
    queue.push(...[...more].filter((item) => !schemas[item]));
  }
  const sortedSchemas = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return { operations: extracted, components: { schemas: sortedSchemas } };
}

async function main() {
  const { packageDir } = parseArguments(process.argv.slice(2));
  let installDir;
  try {
    if (!packageDir) {
      installDir = await mkdtemp(join(tmpdir(), 'envflow-openapi-'));
      console.log(`Installing @octokit/openapi into ${installDir} …`);
      await execFileAsync(
        'npm',
        ['install', '--prefix', installDir, '--no-audit', '--no-fund', '--no-save', '@octokit/openapi'],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    }
    const { version, document } = await loadDescription(packageDir ?? installDir);
    const { operations: extracted, components } = extract(document);
    const output = {
      $comment: `Generated by scripts/extract-github-schemas.mjs from @octokit/openapi ${version} (generated/api.github.com.json); do not edit.`,
      source: { package: '@octokit/openapi', version, description: document.info?.version },
      operations: extracted,
      components,
    };
    const text = JSON.stringify(output) + '\n';
    await mkdir(dirname(outputFile), { recursive: true });
    await writeFile(outputFile, text);
    console.log(
      `Wrote ${outputFile}: ${operations.length} operations, ${Object.keys(components.schemas).length} component schemas, ${(text.length / 1024).toFixed(0)} KB.`,
    );
  } finally {
    if (installDir) {
      await rm(installDir, { recursive: true, force: true });
    }
  }
}

await main();
