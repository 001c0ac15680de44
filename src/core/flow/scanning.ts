/**
 * Code scanning and secret scanning beside Dependabot: open alerts by severity, each
 * with GitHub's filtered list, or one sentence saying why they cannot be shown and who
 * can change that. Costs two conditional requests (more only past 100 open alerts).
 */
import type { CodeScanningPart, SecretScanningPart, SecuritySeverity } from '../model/snapshot';
import type { CodeScanningAlerts, SecretScanningAlerts, SecurityScanning } from '../github/securityScanning';
import type { Fetched } from '../github/types';

export type ScanningReader = Pick<SecurityScanning, 'listCodeScanningAlerts' | 'listSecretScanningAlerts'>;

export const SEVERITIES: readonly SecuritySeverity[] = ['critical', 'high', 'medium', 'low'];

export type { SeverityRow } from '../model/snapshot';

export type ScanningPart = SecretScanningPart;

export interface ScanningSummary {
  readonly codeScanning: CodeScanningPart;
  readonly secretScanning: SecretScanningPart;
}

/** GitHub's list of open code scanning alerts, narrowed to one severity when given. */
export function codeScanningUrl(webUrl: string, severity?: SecuritySeverity): string {
  return `${webUrl}/security/code-scanning${severity ? `?query=is:open+severity:${severity}` : ''}`;
}

export function secretScanningUrl(webUrl: string): string {
  return `${webUrl}/security/secret-scanning`;
}

export async function readScanningSummary(scanning: ScanningReader, webUrl: string): Promise<Fetched<ScanningSummary>> {
  const code = await scanning.listCodeScanningAlerts();
  const secret = await scanning.listSecretScanningAlerts();
  return {
    data: {
      codeScanning: codeScanningPart(code.data, webUrl),
      secretScanning: secretScanningPart(secret.data, webUrl),
    },
    notModified: code.notModified && secret.notModified,
  };
}

/** What the Production section shows of code scanning: rows by severity, or why there are none. */
export function codeScanningPart(alerts: CodeScanningAlerts, webUrl: string): CodeScanningPart {
  if (!alerts.available) {
    return { available: false, reason: alerts.reason, sentence: unavailableSentence('code scanning', alerts.reason) };
  }
  return {
    available: true,
    total: alerts.total,
    url: codeScanningUrl(webUrl),
    bySeverity: alerts.bySeverity,
    rows: SEVERITIES.filter((severity) => alerts.bySeverity[severity] > 0).map((severity) => ({
      severity,
      count: alerts.bySeverity[severity],
      url: codeScanningUrl(webUrl, severity),
    })),
  };
}

export function secretScanningPart(alerts: SecretScanningAlerts, webUrl: string): SecretScanningPart {
  return alerts.available
    ? { available: true, total: alerts.total, url: secretScanningUrl(webUrl) }
    : { available: false, reason: alerts.reason, sentence: unavailableSentence('secret scanning', alerts.reason) };
}

/** Says plainly why alerts are missing and who can fix it. */
export function unavailableSentence(
  feature: 'code scanning' | 'secret scanning',
  reason: 'notEnabled' | 'noAccess',
): string {
  const name = feature === 'code scanning' ? 'Code scanning' : 'Secret scanning';
  if (reason === 'notEnabled') {
    const how =
      feature === 'code scanning' ? 'turn on CodeQL default setup' : 'turn on secret scanning with push protection';
    return `${name} is not enabled for this repository: a repository admin can ${how} from Set Up or the repository's security settings.`;
  }
  return `${name} alerts are hidden from you: a repository admin can grant your account, or the token, access to security alerts.`;
}
