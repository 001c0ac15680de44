/**
 * Dependabot alerts, with GitHub's two refusals: alerts turned off for the repository,
 * and a token without access to security alerts (both 403, told apart by the message).
 */
import { repoApiUrl, repoWebUrl, viewer, type ServerContext } from '../context';
import { ApiError, ok, paginate, type ApiRequest } from '../http';
import type { Route } from '../router';
import { timestamp, type DependabotAlertRecord } from '../state';
import type { DependabotAlertInput } from '../types';

const cvssScores = { critical: 9.8, high: 7.5, medium: 5.3, low: 3.1 } as const;

export function addDependabotAlert(context: ServerContext, input: DependabotAlertInput): DependabotAlertRecord {
  const number = context.state.dependabotAlerts.length + 1;
  // GHSA ids are three groups of four characters from a reduced alphabet.
  const group = (seed: number) =>
    (seed * 7919 + 1_000_000)
      .toString(36)
      .slice(-4)
      .replace(/[01ilo]/g, 'x');
  const alert: DependabotAlertRecord = {
    number,
    severity: input.severity,
    packageName: input.package,
    ecosystem: input.ecosystem ?? 'npm',
    summary: input.summary,
    state: input.state ?? 'open',
    ghsaId: `GHSA-${group(number)}-${group(number + 17)}-${group(number + 31)}`,
    createdAt: timestamp(),
  };
  context.state.dependabotAlerts.push(alert);
  return alert;
}

function renderAlert(context: ServerContext, alert: DependabotAlertRecord): Record<string, unknown> {
  const dependencyPackage = { ecosystem: alert.ecosystem, name: alert.packageName };
  const vulnerability = {
    package: dependencyPackage,
    severity: alert.severity,
    vulnerable_version_range: '< 4.17.21',
    first_patched_version: { identifier: '4.17.21' },
  };
  const closedAt = alert.state === 'open' ? null : alert.createdAt;
  return {
    number: alert.number,
    state: alert.state,
    dependency: {
      package: dependencyPackage,
      manifest_path: 'package-lock.json',
      scope: 'runtime',
      relationship: 'direct',
    },
    security_advisory: {
      ghsa_id: alert.ghsaId,
      cve_id: null,
      summary: alert.summary,
      description: `${alert.summary}. Upgrade ${alert.packageName} to 4.17.21 or later.`,
      vulnerabilities: [vulnerability],
      severity: alert.severity,
      cvss: { vector_string: null, score: cvssScores[alert.severity] },
      cwes: [],
      identifiers: [{ value: alert.ghsaId, type: 'GHSA' }],
      references: [{ url: `https://github.com/advisories/${alert.ghsaId}` }],
      published_at: context.state.createdAt,
      updated_at: context.state.createdAt,
      withdrawn_at: null,
    },
    security_vulnerability: vulnerability,
    url: `${repoApiUrl(context)}/dependabot/alerts/${alert.number}`,
    html_url: `${repoWebUrl(context)}/security/dependabot/${alert.number}`,
    created_at: alert.createdAt,
    updated_at: alert.createdAt,
    dismissed_at: alert.state === 'dismissed' ? closedAt : null,
    dismissed_by: alert.state === 'dismissed' ? viewer(context) : null,
    dismissed_reason: alert.state === 'dismissed' ? 'tolerable_risk' : null,
    dismissed_comment: null,
    fixed_at: alert.state === 'fixed' ? closedAt : null,
    auto_dismissed_at: null,
  };
}

/** GitHub's comma-separated list filters (`state=open,dismissed`). */
function listFilter(request: ApiRequest, name: string): string[] | undefined {
  const value = request.query.get(name);
  return value === null ? undefined : value.split(',').map((item) => item.trim());
}

function listAlerts(request: ApiRequest, context: ServerContext) {
  if (context.state.dependabot === 'disabled') {
    throw new ApiError(
      403,
      'Dependabot alerts are disabled for this repository.',
      {},
      '/dependabot/alerts#list-dependabot-alerts-for-a-repository',
    );
  }
  if (context.state.dependabot === 'forbidden') {
    throw new ApiError(
      403,
      'Resource not accessible by integration',
      {},
      '/dependabot/alerts#list-dependabot-alerts-for-a-repository',
    );
  }
  const states = listFilter(request, 'state');
  const severities = listFilter(request, 'severity');
  const ecosystems = listFilter(request, 'ecosystem');
  const packages = listFilter(request, 'package');
  const matching = context.state.dependabotAlerts
    .filter((alert) => !states || states.includes(alert.state))
    .filter((alert) => !severities || severities.includes(alert.severity))
    .filter((alert) => !ecosystems || ecosystems.includes(alert.ecosystem))
    .filter((alert) => !packages || packages.includes(alert.packageName))
    .sort((a, b) => (request.query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
  const page = paginate(matching, request);
  return ok(
    page.items.map((alert) => renderAlert(context, alert)),
    200,
    page.headers,
  );
}

export const alertRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/dependabot/alerts', handler: listAlerts },
];
