/**
 * Code scanning and secret scanning beside Dependabot: open alerts by severity, each
 * with GitHub's filtered list, or one sentence saying why they cannot be shown and who
 * can change that. Costs two conditional requests (more only past 100 open alerts).
 */
import type { SecuritySeverity } from '../model/snapshot';
import type { SecurityScanning } from '../github/securityScanning';
import type { Fetched } from '../github/types';

export type ScanningReader = Pick<SecurityScanning, 'listCodeScanningAlerts' | 'listSecretScanningAlerts'>;

export const SEVERITIES: readonly SecuritySeverity[] = ['critical', 'high', 'medium', 'low'];

export interface SeverityRow {
  readonly severity: SecuritySeverity;
  readonly count: number;
  /** GitHub's list of open alerts of this severity. */
  readonly url: string;
}

export type ScanningPart =
  | { readonly available: true; readonly total: number; readonly url: string }
  | { readonly available: false; readonly reason: 'notEnabled' | 'noAccess'; readonly sentence: string };

export interface ScanningSummary {
  readonly codeScanning:
    | (ScanningPart & {
        readonly available: true;
        readonly bySeverity: Readonly<Record<SecuritySeverity, number>>;
        readonly rows: readonly SeverityRow[];
      })
    | (ScanningPart & { readonly available: false });
  readonly secretScanning: ScanningPart;
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
  const codeData = code.data;
  const secretData = secret.data;
  const codeScanning: ScanningSummary['codeScanning'] = codeData.available
    ? {
        available: true,
        total: codeData.total,
        url: codeScanningUrl(webUrl),
        bySeverity: codeData.bySeverity,
        rows: SEVERITIES.filter((severity) => codeData.bySeverity[severity] > 0).map((severity) => ({
          severity,
          count: codeData.bySeverity[severity],
          url: codeScanningUrl(webUrl, severity),
        })),
      }
    : { available: false, reason: codeData.reason, sentence: unavailableSentence('code scanning', codeData.reason) };
  const secretScanning: ScanningPart = secretData.available
    ? { available: true, total: secretData.total, url: secretScanningUrl(webUrl) }
    : {
        available: false,
        reason: secretData.reason,
        sentence: unavailableSentence('secret scanning', secretData.reason),
      };
  return { data: { codeScanning, secretScanning }, notModified: code.notModified && secret.notModified };
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
