/**
 * The production workflow: a push to main rolls it out, and EnvFlow's Roll Back and
 * Redeploy dispatch it with a target. A job without any environment vets the target
 * before a secret exists; a backup (code tag and the user's data hook) precedes the
 * first stage; 10 → 50 → 100 % with a health check each; a failed stage makes a new
 * deployment of the last good version. docs/delivery.md is the contract.
 */
import { BACKUP_TAG_PREFIX } from '../../model/flowConfig';
import { checkoutStep } from './actions';
import {
  API_PRELUDE,
  DEPLOYMENT_DESCRIPTIONS,
  environmentUrlEnv,
  finalStatusStep,
  PEEL_TAG,
  recordDeploymentStep,
  ROLLOUT_STAGES,
  stageSteps,
  TOKEN_ENV,
} from './deploySteps';
import type { WorkflowOptions } from './options';
import { expr, q, runStep } from './yamlText';

/** The file EnvFlow dispatches: `POST /repos/{owner}/{repo}/actions/workflows/deploy.yml/dispatches`. */
export const DEPLOY_WORKFLOW_FILE = 'deploy.yml';

const vetOutput = (name: string) => expr(`needs.vet.outputs.${name}`);

/** `dispatchRunName` for a dispatch, so a retried Roll Back finds the run; a push's run names its commit. */
const RUN_NAME = expr(
  "github.event_name == 'workflow_dispatch' && format('EnvFlow {0} to {1}', inputs.reason, inputs.target) || format('Roll out {0}', github.sha)",
);

export function deployWorkflow(options: WorkflowOptions): string {
  const environment = options.productionEnvironment;
  return [
    '# Written by EnvFlow: Set Up Repository. Fill in the .envflow/ hooks; docs/delivery.md in EnvFlow describes them.',
    'name: Deploy',
    `run-name: ${RUN_NAME}`,
    'on:',
    '  push:',
    `    branches: [${q(options.productionBranch)}]`,
    '  workflow_dispatch:',
    '    inputs:',
    '      target:',
    `        description: "A backup tag (${BACKUP_TAG_PREFIX}…) or a full commit SHA of ${options.productionBranch} that was live before"`,
    '        required: true',
    '        type: string',
    '      reason:',
    '        description: "Why: rollback or redeploy"',
    '        required: true',
    '        type: choice',
    '        options: ["rollback", "redeploy"]',
    '        default: "rollback"',
    '      data_backup:',
    '        description: "The id of a data backup to restore first (optional)"',
    '        required: false',
    '        type: string',
    '        default: ""',
    'permissions: {}',
    '# One production deployment at a time; a newer one waits instead of cancelling a rollout midway.',
    'concurrency:',
    `  group: ${q(`deploy-${environment}`)}`,
    '  cancel-in-progress: false',
    'jobs:',
    ...vetJob(options),
    ...deployJob(environment),
    ...rollbackJob(environment),
  ].join('\n');
}

/** No environment, no secrets: only the token's read access, to check what may be deployed. */
function vetJob(options: WorkflowOptions): string[] {
  return [
    '  vet:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 10',
    '    permissions:',
    '      contents: read',
    '      deployments: read',
    '    outputs:',
    ...['sha', 'ref', 'kind', 'data', 'live_sha', 'live_id'].map(
      (name) => `      ${name}: ${expr(`steps.vet.outputs.${name}`)}`,
    ),
    '    steps:',
    ...checkoutStep({ fullHistory: true }),
    ...runStep({
      name: 'Vet the target',
      id: 'vet',
      env: {
        ...TOKEN_ENV,
        EVENT: expr('github.event_name'),
        TARGET: expr('inputs.target'),
        DATA_BACKUP: expr('inputs.data_backup'),
        PRODUCTION_BRANCH: q(options.productionBranch),
        ENVIRONMENT: q(options.productionEnvironment),
      },
      script: [
        ...API_PRELUDE,
        ...PEEL_TAG,
        // One sentence in the log, then stop: the jobs with secrets never start.
        'refuse() { echo "::error::$1"; exit 1; }',
        'has_success() { api_get "deployments/$1/statuses?per_page=100" | jq -e \'any(.[]; .state == "success")\' > /dev/null; }',
        'environment_query=$(jq -rn --arg v "$ENVIRONMENT" \'$v | @uri\')',
        // Only EnvFlow's own records count: GitHub also records every job that names the environment.
        'envflow_records() { api_get "deployments?environment=$environment_query&per_page=${2:-30}$1" | jq -r \'.[] | select((.payload | type) == "object" and .payload.envflow == 1) | "\\(.id) \\(.sha)"\'; }',
        'if [ "$GITHUB_REF" != "refs/heads/$PRODUCTION_BRANCH" ]; then',
        '  refuse "Production deploys only from $PRODUCTION_BRANCH; this run was started on another ref, so nothing was deployed."',
        'fi',
        'live_id=""; live_sha=""',
        'while read -r id sha; do',
        '  if [ -n "$id" ] && has_success "$id"; then live_id=$id; live_sha=$sha; break; fi',
        'done <<< "$(envflow_records "")"',
        'data=""',
        'if [ "$EVENT" = push ]; then',
        '  target_sha=$GITHUB_SHA; target_ref=$GITHUB_SHA; kind=rollout',
        // A second backup in the same second gets -2, -3, … (EnvFlow's Back Up and the backup stage below alike).
        `elif [[ "$TARGET" =~ ^${BACKUP_TAG_PREFIX.replace('/', '\\/')}[0-9]{8}T[0-9]{6}Z(-[0-9]{1,2})?$ ]]; then`,
        '  tag_json=$(api_get "git/ref/tags/$TARGET") || refuse "There is no backup tag by that name on GitHub, so nothing was deployed."',
        '  target_sha=$(peel_tag "$tag_json") || refuse "That backup tag does not point at a commit, so nothing was deployed."',
        '  target_ref=$TARGET; kind=rollback',
        'elif [[ "$TARGET" =~ ^[0-9a-f]{40}$ ]]; then',
        // Without -q grep reads everything, so pipefail never sees rev-list killed by SIGPIPE.
        '  git rev-list --first-parent HEAD | grep -x "$TARGET" > /dev/null || refuse "Commit $TARGET is not on the first-parent history of $PRODUCTION_BRANCH, so nothing was deployed."',
        '  vetted=""',
        '  while read -r id sha; do',
        '    if [ -n "$id" ] && has_success "$id"; then vetted=yes; break; fi',
        '  done <<< "$(envflow_records "&sha=$TARGET" 100)"',
        '  [ -n "$vetted" ] || refuse "Commit $TARGET never had a successful production deployment, so nothing was deployed."',
        '  target_sha=$TARGET; target_ref=$TARGET; kind=rollback',
        'else',
        `  refuse "The target must be a backup tag (${BACKUP_TAG_PREFIX}YYYYMMDDTHHMMSSZ) or the full SHA of a commit of $PRODUCTION_BRANCH that was live before, so nothing was deployed."`,
        'fi',
        'if [ "$EVENT" != push ] && [ -n "$DATA_BACKUP" ]; then',
        '  [[ "$DATA_BACKUP" =~ ^[A-Za-z0-9._:/-]{1,200}$ ]] || refuse "The data backup id has characters no backup id has, so nothing was deployed."',
        '  data=$DATA_BACKUP',
        'fi',
        'echo "Deploying $target_sha ($kind); production runs ${live_sha:-nothing yet}."',
        '{',
        '  echo "sha=$target_sha"; echo "ref=$target_ref"; echo "kind=$kind"; echo "data=$data"',
        '  echo "live_sha=$live_sha"; echo "live_id=$live_id"',
        '} >> "$GITHUB_OUTPUT"',
      ],
    }),
  ];
}

function environmentBlock(environment: string): string[] {
  return [
    '    environment:',
    `      name: ${q(environment)}`,
    `      url: ${environmentUrlEnv(environment).ENVIRONMENT_URL}`,
  ];
}

function deployJob(environment: string): string[] {
  const sha = vetOutput('sha');
  return [
    '  deploy:',
    '    needs: vet',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    '    permissions:',
    // contents: write only for the backup tag, which the API creates (no credentials in git).
    '      contents: write',
    '      deployments: write',
    ...environmentBlock(environment),
    '    outputs:',
    `      deployment_id: ${expr('steps.record.outputs.deployment_id')}`,
    `      tag: ${expr('steps.tag.outputs.tag')}`,
    `      stage: ${expr('steps.stage10.outputs.stage')}`,
    '    steps:',
    ...checkoutStep({ ref: sha }),
    ...runStep({
      name: 'Back up the code: tag the running version',
      id: 'tag',
      env: { ...TOKEN_ENV, LIVE_SHA: vetOutput('live_sha'), TAG_PREFIX: q(BACKUP_TAG_PREFIX) },
      script: [
        ...API_PRELUDE,
        'if [ -z "$LIVE_SHA" ]; then echo "Production has no successful deployment yet: there is no running version to tag."; exit 0; fi',
        // A backup made the same second (Promote's, just before its pull request was merged) holds the name: -2, -3, …
        'base="$TAG_PREFIX$(date -u +%Y%m%dT%H%M%SZ)"',
        'tag=""',
        'for n in 1 2 3 4 5 6 7 8 9; do',
        '  name="$base"; if [ "$n" -gt 1 ]; then name="$base-$n"; fi',
        '  if jq -n --arg ref "refs/tags/$name" --arg sha "$LIVE_SHA" \'{ref: $ref, sha: $sha}\' | api -X POST "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/git/refs" --data @- > /dev/null; then tag="$name"; break; fi',
        'done',
        'if [ -z "$tag" ]; then echo "::error::Could not create a backup tag of $LIVE_SHA (see the errors above)."; exit 1; fi',
        'echo "Tagged $LIVE_SHA as $tag."',
        'echo "tag=$tag" >> "$GITHUB_OUTPUT"',
      ],
    }),
    ...runStep({
      name: 'Back up the data',
      id: 'data',
      script: [
        'set -euo pipefail',
        'if [ -x .envflow/backup-data.sh ]; then',
        '  id=$(.envflow/backup-data.sh | tail -n 1)',
        '  if ! [[ "$id" =~ ^[A-Za-z0-9._:/-]{1,200}$ ]]; then echo "::error::.envflow/backup-data.sh must print the backup id (letters, digits and . _ : / -) on its last line."; exit 1; fi',
        '  echo "Data backed up as $id."',
        '  echo "id=$id" >> "$GITHUB_OUTPUT"',
        'else',
        '  echo "No data backup is configured: add .envflow/backup-data.sh to back up your data before every production change."',
        'fi',
      ],
    }),
    ...recordDeploymentStep({
      environment,
      if: '!cancelled()',
      sha,
      ref: vetOutput('ref'),
      kind: vetOutput('kind'),
      description: expr("inputs.reason || 'rollout'"),
      replaces: vetOutput('live_id'),
      backup: { tag: expr('steps.tag.outputs.tag'), data: expr('steps.data.outputs.id') },
      env: { TAG_OUTCOME: expr('steps.tag.outcome'), DATA_OUTCOME: expr('steps.data.outcome') },
      then: [
        `post_status in_progress ${q(DEPLOYMENT_DESCRIPTIONS.backingUp)}`,
        'if [ "$TAG_OUTCOME" != success ] || [ "$DATA_OUTCOME" != success ]; then',
        `  post_status failure ${q(DEPLOYMENT_DESCRIPTIONS.backupFailed)}`,
        '  echo "::error::The backup failed, so nothing was rolled out."',
        '  exit 1',
        'fi',
      ],
    }),
    ...runStep({
      name: 'Restore the data backup',
      id: 'restore',
      if: "needs.vet.outputs.data != ''",
      env: { DATA_BACKUP: vetOutput('data') },
      script: [
        'set -euo pipefail',
        'if [ ! -x .envflow/restore-data.sh ]; then echo "::error::Restoring data backup $DATA_BACKUP needs .envflow/restore-data.sh; nothing was rolled out."; exit 1; fi',
        '.envflow/restore-data.sh "$DATA_BACKUP"',
      ],
    }),
    ...stageSteps(environment, sha, ROLLOUT_STAGES),
    ...finalStatusStep(environment, ROLLOUT_STAGES, {
      success: `post_status success ${q(DEPLOYMENT_DESCRIPTIONS.live)}`,
      restore: true,
    }),
  ];
}

/**
 * A failed stage: a NEW deployment of what was live (or of the newest backup tag), so
 * the failed one keeps its failure and EnvFlow shows the right commit as live.
 */
function rollbackJob(environment: string): string[] {
  const sha = expr('steps.target.outputs.sha');
  return [
    '  rollback:',
    '    needs: [vet, deploy]',
    `    if: ${expr("failure() && needs.deploy.outputs.stage != ''")}`,
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    permissions:',
    '      contents: read',
    '      deployments: write',
    ...environmentBlock(environment),
    '    steps:',
    ...runStep({
      name: 'Choose the version to restore',
      id: 'target',
      env: { ...TOKEN_ENV, LIVE_SHA: vetOutput('live_sha'), TAG_PREFIX: q(BACKUP_TAG_PREFIX) },
      script: [
        ...API_PRELUDE,
        ...PEEL_TAG,
        'sha=$LIVE_SHA',
        'if [ -z "$sha" ]; then',
        '  newest=$(api_get "git/matching-refs/tags/$TAG_PREFIX" | jq -c \'sort_by(.ref) | last // empty\')',
        '  if [ -n "$newest" ]; then sha=$(peel_tag "$newest") || sha=""; fi',
        'fi',
        'if [ -z "$sha" ]; then echo "::error::Nothing to roll back to: production had no successful deployment and there is no backup tag."; exit 1; fi',
        'echo "Rolling back to $sha."',
        'echo "sha=$sha" >> "$GITHUB_OUTPUT"',
      ],
    }),
    ...checkoutStep({ ref: sha }),
    ...recordDeploymentStep({
      environment,
      sha,
      ref: sha,
      kind: '"automatic-rollback"',
      replaces: expr('needs.deploy.outputs.deployment_id'),
      backup: { tag: expr('needs.deploy.outputs.tag'), data: '""' },
      then: [],
    }),
    ...stageSteps(environment, sha, [100]),
    ...finalStatusStep(environment, [100], {
      success: `post_status success "Rolled back automatically from \${FAILED_SHA:0:7}"`,
      failure: `post_status failure ${q(DEPLOYMENT_DESCRIPTIONS.rollbackFailed)}`,
      env: { FAILED_SHA: vetOutput('sha') },
    }),
  ];
}
