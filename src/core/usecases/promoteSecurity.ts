/**
 * What Promote reads about security just before it opens the release pull request: the
 * open alerts at or above `envflow.gate.blockOnAlerts` (Dependabot from the refresh, code
 * and secret scanning read now), and the dependencies the release adds with known
 * vulnerabilities. Read on Promote only, never on a poll. A source GitHub does not offer
 * (not enabled, no access) is left out; one that fails to answer is named as unchecked
 * in the confirmation, never taken as zero alerts found.
 */
import { alertsBlockPromotion, type AlertCounts, type AlertVerdict } from '../flow/alertGate';
import type { GitHubClient } from '../github/client';
import type { FlowConfig } from '../model/flowConfig';
import type { RepositorySnapshot } from '../model/snapshot';
import { readVulnerableAdditions, vulnerableDependenciesSection } from '../release/vulnerableDependencies';

export interface ReleaseSecurity {
  readonly verdict: AlertVerdict;
  /** The release body's section on vulnerable additions, when the release adds any. */
  readonly vulnerableSection?: string;
  /** Sources that could not be read this time, as warnings for the confirmation. */
  readonly unread: readonly string[];
}

export async function readReleaseSecurity(
  client: Pick<GitHubClient, 'securityScanning'>,
  snapshot: RepositorySnapshot,
  config: Pick<FlowConfig, 'blockOnAlerts' | 'developBranch' | 'productionBranch'>,
): Promise<ReleaseSecurity> {
  const sources: AlertCounts[] = [];
  const unread: string[] = [];
  const note = (what: string) => (error: unknown) => {
    unread.push(
      `${what} could not be read (${error instanceof Error ? error.message : String(error)}), so it was not checked.`,
    );
    return undefined;
  };
  const dependabot = snapshot.production.security;
  if (dependabot?.available) {
    sources.push({ source: 'Dependabot', bySeverity: dependabot.bySeverity });
  }
  if (config.blockOnAlerts !== 'off') {
    const code = await client.securityScanning.listCodeScanningAlerts().catch(note('Code scanning'));
    if (code?.data.available) {
      sources.push({ source: 'code scanning', bySeverity: code.data.bySeverity });
    }
    // A leaked secret has no severity on GitHub; it is as urgent as the most severe alert.
    const secrets = await client.securityScanning.listSecretScanningAlerts().catch(note('Secret scanning'));
    if (secrets?.data.available && secrets.data.total > 0) {
      sources.push({
        source: 'secret scanning',
        bySeverity: { critical: secrets.data.total, high: 0, medium: 0, low: 0 },
      });
    }
  }
  const changes =
    (await readVulnerableAdditions(client.securityScanning, config.productionBranch, config.developBranch).catch(
      note('The dependency review'),
    )) ?? [];
  const vulnerableSection = vulnerableDependenciesSection(changes);
  return {
    verdict: alertsBlockPromotion(sources, config.blockOnAlerts),
    unread,
    ...(vulnerableSection ? { vulnerableSection } : {}),
  };
}
