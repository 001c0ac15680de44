/**
 * The user's hooks as a test fills them in: each records what it was asked to do in a
 * control folder and fails when a marker file there says so, so a scenario decides
 * which stage, health check or backup fails without editing the repository.
 */
export const CONTROL_VARIABLE = 'PIPELINE_CONTROL';

const prelude = ['#!/usr/bin/env bash', 'set -euo pipefail', `control="\${${CONTROL_VARIABLE}:?}"`];

export const TEST_HOOKS: Readonly<Record<string, string>> = {
  // Every stage moves (part of) the traffic, so the newest stage's commit is what runs.
  '.envflow/deploy.sh': [
    ...prelude,
    'echo "$1 $2 $3" >> "$control/deploys"',
    'echo "$2 $3" > "$control/current-$1"',
    'if [ -e "$control/fail-deploy-$2-$3" ]; then echo "deploy refused (test)"; exit 1; fi',
    'echo "$3" > "$control/live-$1"',
    '',
  ].join('\n'),
  '.envflow/health-check.sh': [
    ...prelude,
    'read -r stage sha < "$control/current-$1"',
    // A marker for the commit, or for the stage whatever the commit (when the commit is a merge not made yet).
    'if [ -e "$control/fail-health-$stage-$sha" ] || [ -e "$control/fail-health-$stage" ]; then',
    '  echo "unhealthy at $stage % (test)"',
    '  exit 1',
    'fi',
    'echo "healthy at $stage %"',
    '',
  ].join('\n'),
  '.envflow/backup-data.sh': [
    ...prelude,
    'if [ -e "$control/fail-backup" ]; then echo "database unreachable (test)" >&2; exit 1; fi',
    'n=$(( $(wc -l < "$control/backups" 2>/dev/null || echo 0) + 1 ))',
    'echo "db-$n" >> "$control/backups"',
    'echo "Dumped the database."',
    'echo "db-$n"',
    '',
  ].join('\n'),
  '.envflow/restore-data.sh': [...prelude, 'echo "$1" >> "$control/restores"', ''].join('\n'),
};
