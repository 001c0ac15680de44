/**
 * Settings are input like any other: a branch or environment name from
 * `.vscode/settings.json` reaches git arguments and GitHub API paths, so a value
 * such as `..` or `main/../../x` could point a request at another endpoint. Each name
 * is checked before it is used; a bad one keeps EnvFlow local-only and says which
 * setting to fix.
 */
import * as l10n from '@vscode/l10n';
import { checkRefName } from '../git/refName';
import type { FlowConfig } from '../model/flowConfig';

// GitHub's own limit on environment names.
const MAX_ENVIRONMENT_LENGTH = 255;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Undefined when every name in `config` is usable; else one sentence naming the setting and why. */
export function checkFlowConfig(config: FlowConfig): string | undefined {
  const named: [string, string | undefined][] = [
    ['envflow.developBranch', checkRefName(config.developBranch)],
    ['envflow.productionBranch', checkRefName(config.productionBranch)],
    ...config.branchPrefixes.map((prefix): [string, string | undefined] => [
      'envflow.branchPrefixes',
      checkPrefix(prefix),
    ]),
    ['envflow.environments.development', checkEnvironmentName(config.developmentEnvironment)],
    ['envflow.environments.production', checkEnvironmentName(config.productionEnvironment)],
  ];
  const bad = named.find(([, reason]) => reason !== undefined);
  return bad
    ? l10n.t(
        'The setting {0} is not usable: {1}. Fix it in Settings; until then EnvFlow works in local-only mode.',
        bad[0],
        bad[1]!.replace(/\.$/, ''),
      )
    : undefined;
}

/** A prefix is the first part of a branch name (`feature` in `feature/login`). */
function checkPrefix(prefix: unknown): string | undefined {
  return typeof prefix === 'string' ? checkRefName(`${prefix}/x`) : l10n.t('each prefix must be a string.');
}

/** Undefined when `name` can be sent to GitHub as an environment name; else why not. */
export function checkEnvironmentName(name: string): string | undefined {
  const shown = JSON.stringify(name);
  if (name.trim().length === 0) {
    return l10n.t('An environment name cannot be empty.');
  }
  if (name.length > MAX_ENVIRONMENT_LENGTH) {
    return l10n.t("The environment name is longer than GitHub's {0} characters.", MAX_ENVIRONMENT_LENGTH);
  }
  if (CONTROL.test(name)) {
    return l10n.t('{0} contains a control character.', shown);
  }
  if (name !== name.trim()) {
    return l10n.t('{0} starts or ends with a space.', shown);
  }
  if (name.split('/').some((part) => part === '.' || part === '..')) {
    return l10n.t("{0} has a '.' or '..' part, which would point a GitHub request elsewhere.", shown);
  }
  return undefined;
}
