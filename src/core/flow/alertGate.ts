/**
 * Whether open security alerts stop a promotion to production (`envflow.gate.blockOnAlerts`):
 * any open alert at or above the threshold does, unless the user overrides it, which the
 * release pull request then records.
 */
import type { SecuritySeverity } from '../model/snapshot';

export type AlertThreshold = SecuritySeverity | 'off';

export const ALERT_THRESHOLDS: readonly AlertThreshold[] = ['critical', 'high', 'medium', 'low', 'off'];

/** Open alerts of one source (Dependabot, code scanning, …) by severity. */
export interface AlertCounts {
  readonly source: string;
  readonly bySeverity: Readonly<Record<SecuritySeverity, number>>;
}

export type AlertVerdict =
  | { readonly blocked: false }
  | { readonly blocked: true; readonly count: number; readonly sentence: string; readonly sources: readonly string[] };

const RANK: Readonly<Record<SecuritySeverity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/** The setting's value when it is one, else the default (`critical`). */
export function alertThresholdOf(value: unknown): AlertThreshold {
  return ALERT_THRESHOLDS.includes(value as AlertThreshold) ? (value as AlertThreshold) : 'critical';
}

export function alertsBlockPromotion(alerts: readonly AlertCounts[], threshold: AlertThreshold): AlertVerdict {
  if (threshold === 'off') {
    return { blocked: false };
  }
  const atOrAbove = (Object.keys(RANK) as SecuritySeverity[]).filter((severity) => RANK[severity] >= RANK[threshold]);
  const blocking = alerts
    .map((source) => ({
      source: source.source,
      count: atOrAbove.reduce((sum, severity) => sum + (source.bySeverity[severity] ?? 0), 0),
    }))
    .filter((source) => source.count > 0);
  const count = blocking.reduce((sum, source) => sum + source.count, 0);
  if (count === 0) {
    return { blocked: false };
  }
  const level = threshold === 'critical' ? 'critical' : `${threshold} or higher`;
  const sources = blocking.map((source) => source.source);
  return {
    blocked: true,
    count,
    sources,
    sentence: `${count} open ${level} security alert${count === 1 ? '' : 's'} (${sources.join(', ')}) ${count === 1 ? 'stops' : 'stop'} the promotion: fix or dismiss ${count === 1 ? 'it' : 'them'} on GitHub, promote anyway, or change envflow.gate.blockOnAlerts.`,
  };
}

/** The line the release pull request body carries when the user promoted past the gate. */
export function alertOverrideLine(verdict: AlertVerdict & { blocked: true }, login: string | undefined): string {
  const who = login ? `@\u200b${login}` : 'The promoter';
  return `> **Security gate overridden:** ${who} promoted with ${verdict.count} open alert${verdict.count === 1 ? '' : 's'} at or above the configured severity (${verdict.sources.join(', ')}).`;
}
