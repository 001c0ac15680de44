/**
 * The security analysis steps of the plan: CodeQL default setup, and secret scanning
 * with push protection. Both are GitHub settings, not files; where the repository's plan
 * or the user's role does not allow them, the step says so in one sentence and the rest
 * of Set Up goes on.
 */
import * as l10n from '@vscode/l10n';
import type { GitHubClient } from '../github/client';
import { unavailableSentence } from '../flow/scanning';
import { isAccessRefusal } from './refusal';
import { SetupStepRefused, type SetupContext, type SetupStep } from './step';

const signIn = () => l10n.t('Sign in to GitHub to read and turn on security analysis (EnvFlow: Sign in to GitHub).');
const codeQLTitle = () => l10n.t('CodeQL default setup');
const secretScanningTitle = () => l10n.t('Secret scanning with push protection');

export async function planSecurityScanning(context: SetupContext): Promise<SetupStep[]> {
  const { client, offline } = context;
  if (!client) {
    const description = offline ?? signIn();
    return [
      { id: 'codeql', title: codeQLTitle(), status: 'blocked', description },
      { id: 'secret-scanning', title: secretScanningTitle(), status: 'blocked', description },
    ];
  }
  return Promise.all([planCodeQL(client), planSecretScanning(client)]);
}

async function planCodeQL(client: GitHubClient): Promise<SetupStep> {
  const base = { id: 'codeql', title: codeQLTitle() };
  const setup = await client.securityScanning.readDefaultSetup();
  if (!setup.available) {
    return { ...base, status: 'blocked', description: unavailableSentence('code scanning', setup.reason) };
  }
  if (setup.configured) {
    return { ...base, status: 'done', description: l10n.t('Already in place: CodeQL analyses the code on GitHub.') };
  }
  return {
    ...base,
    status: 'missing',
    description: l10n.t(
      'EnvFlow will turn on CodeQL default setup: GitHub analyses the code on every push and pull request, and its alerts show under Production.',
    ),
    doing: l10n.t('turning on CodeQL default setup'),
    apply: async () => {
      const outcome = await client.securityScanning.enableCodeQLDefaultSetup();
      if (outcome.state === 'refused') {
        throw new SetupStepRefused(
          l10n.t(
            'GitHub did not turn on CodeQL default setup: {0}.',
            withoutStop(outcome.githubMessage ?? l10n.t('the repository does not allow it')),
          ),
        );
      }
      return outcome.state === 'started'
        ? l10n.t('Turned on CodeQL default setup; GitHub started the first analysis.')
        : l10n.t('CodeQL default setup was already on.');
    },
  };
}

async function planSecretScanning(client: GitHubClient): Promise<SetupStep> {
  const base = { id: 'secret-scanning', title: secretScanningTitle() };
  const repository = `${client.owner}/${client.repo}`;
  let settings;
  try {
    settings = await client.securityScanning.readSecretScanningSettings();
  } catch (error) {
    if (isAccessRefusal(error)) {
      return { ...base, status: 'blocked', description: unavailableSentence('secret scanning', 'noAccess') };
    }
    throw error;
  }
  if (!settings.known) {
    return {
      ...base,
      status: 'blocked',
      description: l10n.t(
        'Only an admin of {0} sees and changes secret scanning: ask one to run this step.',
        repository,
      ),
    };
  }
  if (settings.secretScanning && settings.pushProtection) {
    return {
      ...base,
      status: 'done',
      description: l10n.t('Already in place: GitHub scans for secrets and blocks pushes that contain one.'),
    };
  }
  return {
    ...base,
    status: settings.secretScanning ? 'partial' : 'missing',
    description: settings.secretScanning
      ? l10n.t(
          'Now: secret scanning without push protection. EnvFlow will turn on secret scanning with push protection: GitHub blocks a push that contains a secret, and alerts show under Production.',
        )
      : l10n.t(
          'EnvFlow will turn on secret scanning with push protection: GitHub blocks a push that contains a secret, and alerts show under Production.',
        ),
    doing: l10n.t('turning on secret scanning'),
    apply: async () => {
      const outcome = await client.securityScanning.enableSecretScanning();
      if (outcome.state === 'refused') {
        throw new SetupStepRefused(l10n.t('GitHub did not turn on secret scanning: {0}.', withoutStop(outcome.reason)));
      }
      return l10n.t('Turned on secret scanning with push protection.');
    },
  };
}

function withoutStop(text: string): string {
  return text.trim().replace(/\.+$/, '');
}
