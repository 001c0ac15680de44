/**
 * The steps both deploy workflows share: recording a deployment through the REST API
 * (so its sha, ref and payload are EnvFlow's, not the job's), one rollout stage with
 * the user's deploy hook and the health check, and the final status. The token is in
 * the env of the steps that call the API and nowhere else: a user's hook never sees it.
 */
import { expr, q, runStep } from './yamlText';

/** The statuses' exact descriptions: EnvFlow parses the percentage from "Rolling out · N %". */
export const DEPLOYMENT_DESCRIPTIONS = {
  backingUp: 'Backing up',
  rollingOut: (percent: number) => `Rolling out · ${percent} %`,
  live: 'Live',
  backupFailed: 'Backup failed: nothing was rolled out',
  deployFailed: (percent: number) => `Deploy failed at ${percent} %`,
  healthCheckFailed: (percent: number) => `Health check failed at ${percent} %`,
  restoreFailed: 'Data restore failed: nothing was rolled out',
  rolledBack: (shortSha: string) => `Rolled back automatically from ${shortSha}`,
  rollbackFailed: 'Automatic rollback failed: production needs attention',
} as const;

export const ROLLOUT_STAGES = [10, 50, 100] as const;

export const TOKEN_ENV = { GITHUB_TOKEN: expr('github.token') };

/**
 * Shell functions every API step starts with, written into each step rather than a
 * shared file: a hook running earlier in the job could rewrite a file, and the next
 * step would hand it the token. GETs retry; POSTs do not, so a retry never records twice.
 */
export const API_PRELUDE = [
  'set -euo pipefail',
  'api() { curl --silent --show-error --fail -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28" "$@"; }',
  'api_get() { api --retry 3 "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/$1"; }',
  'post_status() {',
  '  jq -n --arg state "$1" --arg description "$2" --arg url "${ENVIRONMENT_URL:-}" --arg log "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID" \\',
  '    \'{state: $state, description: $description, log_url: $log} + (if $url == "" then {} else {environment_url: $url} end)\' |',
  '    api -X POST "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/deployments/$DEPLOYMENT_ID/statuses" --data @- > /dev/null',
  '}',
];

/**
 * The commit a tag ref (from `git/ref` or `git/matching-refs`) names. EnvFlow's Back Up
 * makes annotated tags, whose ref names a tag object; the workflow's own are lightweight.
 */
export const PEEL_TAG = [
  'peel_tag() {',
  '  local json=$1',
  '  if [ "$(jq -r .object.type <<< "$json")" = tag ]; then json=$(api_get "git/tags/$(jq -r .object.sha <<< "$json")") || return 1; fi',
  '  [ "$(jq -r .object.type <<< "$json")" = commit ] || return 1',
  '  jq -r .object.sha <<< "$json"',
  '}',
];

export interface RecordOptions {
  readonly environment: string;
  /** Expressions (or quoted literals) for the payload's parts; empty means null. */
  readonly sha: string;
  readonly ref: string;
  readonly kind: string;
  readonly replaces: string;
  /** Absent: the payload's `backup` is null (development keeps no backups). */
  readonly backup?: { readonly tag: string; readonly data: string };
  readonly id?: string;
  readonly if?: string;
  /** The deployment's description; the kind when absent. */
  readonly description?: string;
  /** More env for the lines in `then`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Script lines after the deployment exists (DEPLOYMENT_ID set). */
  readonly then: readonly string[];
}

/** Creates the deployment with EnvFlow's payload; DEPLOYMENT_ID goes to later steps and the job's outputs. */
export function recordDeploymentStep(options: RecordOptions): string[] {
  return runStep({
    name: 'Record the deployment',
    id: options.id ?? 'record',
    if: options.if,
    env: {
      ...TOKEN_ENV,
      ENVIRONMENT: q(options.environment),
      TARGET_SHA: options.sha,
      TARGET_REF: options.ref,
      KIND: options.kind,
      REPLACES: options.replaces,
      WITH_BACKUP: options.backup ? '"true"' : '"false"',
      BACKUP_TAG: options.backup?.tag ?? '""',
      BACKUP_DATA: options.backup?.data ?? '""',
      DESCRIPTION: options.description ?? options.kind,
      ...environmentUrlEnv(options.environment),
      ...options.env,
    },
    script: [
      ...API_PRELUDE,
      'nullable() { jq -n --arg v "$1" \'if $v == "" then null else $v end\'; }',
      'backup=null',
      'if [ "$WITH_BACKUP" = true ]; then backup=$(jq -n --argjson tag "$(nullable "$BACKUP_TAG")" --argjson data "$(nullable "$BACKUP_DATA")" \'{tag: $tag, data: $data}\'); fi',
      'replaces=null',
      'if [ -n "$REPLACES" ]; then replaces=$REPLACES; fi',
      'payload=$(jq -n --arg kind "$KIND" --argjson backup "$backup" --argjson replaces "$replaces" \'{envflow: 1, kind: $kind, backup: $backup, replaces: $replaces}\')',
      // No required contexts: CI gated the change before it reached this branch, and its
      // run on this very push may still be going.
      'body=$(jq -n --arg ref "$TARGET_REF" --arg environment "$ENVIRONMENT" --arg description "EnvFlow $DESCRIPTION" --argjson payload "$payload" \\',
      "  '{ref: $ref, environment: $environment, payload: $payload, description: $description, auto_merge: false, required_contexts: []}')",
      'DEPLOYMENT_ID=$(api -X POST "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/deployments" --data "$body" | jq -r .id)',
      'sha=$(api_get "deployments/$DEPLOYMENT_ID" | jq -r .sha)',
      'if [ "$sha" != "$TARGET_SHA" ]; then echo "::error::GitHub recorded $sha instead of $TARGET_SHA; stopping before anything is deployed."; exit 1; fi',
      'echo "DEPLOYMENT_ID=$DEPLOYMENT_ID" >> "$GITHUB_ENV"',
      'echo "deployment_id=$DEPLOYMENT_ID" >> "$GITHUB_OUTPUT"',
      ...options.then,
    ],
  });
}

/** The environment's URL, from the repository variable the user sets (see docs/delivery.md). */
export function environmentUrlEnv(environment: string): Record<string, string> {
  return { ENVIRONMENT_URL: expr(`vars.${urlVariable(environment)}`) };
}

/** PRODUCTION_URL for "production", DEVELOPMENT_URL for "development", and so on. */
export function urlVariable(environment: string): string {
  const name = environment
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${/^[A-Z]/.test(name) ? name : `ENV_${name}`}_URL`;
}

/** The user's deploy hook for one stage; a missing hook is a warning, not a silent pass. */
export function deployHookStep(environment: string, percent: number, sha: string, id: string): string[] {
  return runStep({
    name: `Deploy at ${percent} %`,
    id,
    env: { ENVIRONMENT: q(environment), STAGE: q(String(percent)), TARGET_SHA: sha },
    script: [
      'if [ -x .envflow/deploy.sh ]; then',
      '  .envflow/deploy.sh "$ENVIRONMENT" "$STAGE" "$TARGET_SHA"',
      'else',
      '  echo "::warning::Nothing was deployed at $STAGE %: add .envflow/deploy.sh (it receives the environment, the stage percentage and the commit)."',
      'fi',
    ],
  });
}

/**
 * The user's health check, or the default: GET the environment's URL up to 5 times and
 * fail at 3 failed answers, so one slow answer does not roll back a good release.
 */
export function healthCheckStep(environment: string, percent: number, id: string): string[] {
  return runStep({
    name: `Health check at ${percent} %`,
    id,
    env: { ENVIRONMENT: q(environment), ...environmentUrlEnv(environment) },
    script: [
      'set -euo pipefail',
      'if [ -x .envflow/health-check.sh ]; then',
      '  .envflow/health-check.sh "$ENVIRONMENT" "${ENVIRONMENT_URL:-}"',
      'elif [ -z "${ENVIRONMENT_URL:-}" ]; then',
      '  echo "::warning::No health check ran: set the repository variable with the environment\'s URL, or add .envflow/health-check.sh."',
      'else',
      '  failures=0',
      '  for attempt in 1 2 3 4 5; do',
      '    if curl --silent --show-error --fail --max-time 10 --output /dev/null "$ENVIRONMENT_URL"; then echo "Attempt $attempt: healthy"; else failures=$((failures + 1)); echo "Attempt $attempt: unhealthy"; fi',
      '    if [ "$failures" -ge 3 ]; then echo "::error::$ENVIRONMENT_URL failed $failures of $attempt health checks."; exit 1; fi',
      '    if [ "$attempt" -lt 5 ]; then sleep "${HEALTH_CHECK_INTERVAL_SECONDS:-10}"; fi',
      '  done',
      'fi',
    ],
  });
}

/** Posts "Rolling out · N %" on the deployment; `stage` in its outputs tells later jobs a rollout began. */
export function stageStatusStep(environment: string, percent: number, id: string): string[] {
  return runStep({
    name: `Rolling out · ${percent} %`,
    id,
    env: {
      ...TOKEN_ENV,
      STAGE: q(String(percent)),
      DESCRIPTION: q(DEPLOYMENT_DESCRIPTIONS.rollingOut(percent)),
      ...environmentUrlEnv(environment),
    },
    script: [...API_PRELUDE, 'post_status in_progress "$DESCRIPTION"', 'echo "stage=$STAGE" >> "$GITHUB_OUTPUT"'],
  });
}

/** Every stage of a rollout: status, deploy hook, health check, each with its own step id. */
export function stageSteps(environment: string, sha: string, stages: readonly number[]): string[] {
  return stages.flatMap((percent) => [
    ...stageStatusStep(environment, percent, `stage${percent}`),
    ...deployHookStep(environment, percent, sha, `deploy${percent}`),
    ...healthCheckStep(environment, percent, `health${percent}`),
  ]);
}

export interface FinalStatus {
  /** The script line posting success. */
  readonly success: string;
  /** The script line posting a failure; the failed stage's own description when absent. */
  readonly failure?: string;
  readonly restore?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

/** The final status once the deployment exists: success, or the first stage that failed and why. */
export function finalStatusStep(environment: string, stages: readonly number[], final: FinalStatus): string[] {
  const outcomes: Record<string, string> = {};
  for (const percent of stages) {
    outcomes[`DEPLOY_${percent}`] = expr(`steps.deploy${percent}.outcome`);
    outcomes[`HEALTH_${percent}`] = expr(`steps.health${percent}.outcome`);
  }
  const fail = (description: string) => final.failure ?? `post_status failure "${description}"`;
  return runStep({
    name: 'Report the result',
    if: "always() && steps.record.outcome == 'success'",
    env: {
      ...TOKEN_ENV,
      ...environmentUrlEnv(environment),
      ...(final.restore ? { RESTORE: expr('steps.restore.outcome') } : {}),
      ...outcomes,
      STAGES: q(stages.join(' ')),
      ...final.env,
    },
    script: [
      ...API_PRELUDE,
      ...(final.restore
        ? [
            `if [ "$RESTORE" = failure ]; then post_status failure ${q(DEPLOYMENT_DESCRIPTIONS.restoreFailed)}; exit 1; fi`,
          ]
        : []),
      'for stage in $STAGES; do',
      '  deploy_outcome="DEPLOY_$stage"; health_outcome="HEALTH_$stage"',
      `  if [ "\${!deploy_outcome}" = failure ]; then ${fail('Deploy failed at $stage %')}; exit 1; fi`,
      `  if [ "\${!health_outcome}" = failure ]; then ${fail('Health check failed at $stage %')}; exit 1; fi`,
      `  if [ "\${!health_outcome}" != success ]; then ${final.failure ?? 'post_status error "Stopped before $stage %"'}; exit 1; fi`,
      'done',
      final.success,
    ],
  });
}
