/**
 * Code scanning and secret scanning alerts, CodeQL default setup, with GitHub's refusals:
 * no analysis yet (404), Advanced Security off (403), no access (403, or 404 for secret
 * scanning, which hides itself), and a non-admin changing the setup (403).
 */
import { repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { ApiError, jsonBody, ok, paginate, type ApiRequest } from '../http';
import type { Route } from '../router';
import type { CodeScanningAlertRecord, SecretScanningAlertRecord } from '../securityRecords';
import { timestamp } from '../state';
import type { AlertSeverity } from '../types';

const CODE_SCANNING_DOCS = '/code-scanning/code-scanning#list-code-scanning-alerts-for-a-repository';
const SECRET_SCANNING_DOCS = '/secret-scanning/secret-scanning#list-secret-scanning-alerts-for-a-repository';
const DEFAULT_SETUP_DOCS = '/code-scanning/code-scanning#update-a-code-scanning-default-setup-configuration';
/** The SARIF level a CodeQL rule of each security severity carries. */
const ruleLevel = { critical: 'error', high: 'error', medium: 'warning', low: 'note' } as const;

export function addCodeScanningAlert(
  context: ServerContext,
  input: {
    severity: AlertSeverity;
    ruleId?: string;
    description?: string;
    path?: string;
    state?: CodeScanningAlertRecord['state'];
  },
): CodeScanningAlertRecord {
  const alerts = context.state.security.codeScanningAlerts;
  const alert: CodeScanningAlertRecord = {
    number: alerts.length + 1,
    severity: input.severity,
    ruleId: input.ruleId ?? 'js/sql-injection',
    description: input.description ?? 'Database query built from user-controlled sources',
    path: input.path ?? 'src/server.js',
    state: input.state ?? 'open',
    createdAt: timestamp(),
  };
  alerts.push(alert);
  return alert;
}

export function addSecretScanningAlert(
  context: ServerContext,
  input: { secretType?: string; displayName?: string; state?: SecretScanningAlertRecord['state'] } = {},
): SecretScanningAlertRecord {
  const alerts = context.state.security.secretScanningAlerts;
  const alert: SecretScanningAlertRecord = {
    number: alerts.length + 1,
    secretType: input.secretType ?? 'github_personal_access_token',
    displayName: input.displayName ?? 'GitHub Personal Access Token',
    state: input.state ?? 'open',
    createdAt: timestamp(),
  };
  alerts.push(alert);
  return alert;
}

function listFilter(request: ApiRequest, name: string): string[] | undefined {
  const value = request.query.get(name);
  return value === null ? undefined : value.split(',').map((item) => item.trim());
}

function renderCodeScanningAlert(context: ServerContext, alert: CodeScanningAlertRecord): Record<string, unknown> {
  const url = `${repoApiUrl(context)}/code-scanning/alerts/${alert.number}`;
  const dismissed = alert.state === 'dismissed';
  return {
    number: alert.number,
    created_at: alert.createdAt,
    updated_at: alert.createdAt,
    url,
    html_url: `${repoWebUrl(context)}/security/code-scanning/${alert.number}`,
    instances_url: `${url}/instances`,
    state: alert.state,
    fixed_at: alert.state === 'fixed' ? alert.createdAt : null,
    dismissed_by: null,
    dismissed_at: dismissed ? alert.createdAt : null,
    dismissed_reason: dismissed ? "won't fix" : null,
    dismissed_comment: null,
    rule: {
      id: alert.ruleId,
      name: alert.ruleId,
      severity: ruleLevel[alert.severity],
      security_severity_level: alert.severity,
      description: alert.description,
      tags: ['security', 'external/cwe/cwe-089'],
    },
    tool: { name: 'CodeQL', guid: null, version: '2.19.3' },
    most_recent_instance: {
      ref: 'refs/heads/main',
      analysis_key: '.github/workflows/codeql.yml:analyze',
      environment: '{"language":"javascript"}',
      category: '/language:javascript',
      state: alert.state,
      commit_sha: '0'.repeat(40),
      message: { text: alert.description },
      location: { path: alert.path, start_line: 12, end_line: 12, start_column: 5, end_column: 40 },
      classifications: [],
    },
  };
}

function listCodeScanningAlerts(request: ApiRequest, context: ServerContext) {
  const mode = context.state.security.codeScanning;
  if (mode === 'noAnalysis') {
    throw new ApiError(404, 'no analysis found', {}, CODE_SCANNING_DOCS);
  }
  if (mode === 'disabled') {
    throw new ApiError(
      403,
      'Code scanning is not enabled for this repository. Please enable code scanning in the repository settings.',
      {},
      CODE_SCANNING_DOCS,
    );
  }
  if (mode === 'forbidden') {
    throw new ApiError(403, 'Resource not accessible by integration', {}, CODE_SCANNING_DOCS);
  }
  const states = listFilter(request, 'state');
  const severity = request.query.get('severity');
  const matching = context.state.security.codeScanningAlerts
    .filter((alert) => !states || states.includes(alert.state))
    .filter((alert) => severity === null || alert.severity === severity)
    .sort((a, b) => b.number - a.number);
  const page = paginate(matching, request);
  return ok(
    page.items.map((alert) => renderCodeScanningAlert(context, alert)),
    200,
    page.headers,
  );
}

function renderSecretScanningAlert(context: ServerContext, alert: SecretScanningAlertRecord): Record<string, unknown> {
  const url = `${repoApiUrl(context)}/secret-scanning/alerts/${alert.number}`;
  return {
    number: alert.number,
    created_at: alert.createdAt,
    updated_at: alert.createdAt,
    url,
    html_url: `${repoWebUrl(context)}/security/secret-scanning/${alert.number}`,
    locations_url: `${url}/locations`,
    state: alert.state,
    resolution: alert.state === 'resolved' ? 'revoked' : null,
    resolved_at: alert.state === 'resolved' ? alert.createdAt : null,
    resolved_by: null,
    secret_type: alert.secretType,
    secret_type_display_name: alert.displayName,
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
    validity: 'unknown',
    publicly_leaked: false,
    multi_repo: false,
  };
}

function listSecretScanningAlerts(request: ApiRequest, context: ServerContext) {
  const mode = context.state.security.secretScanning;
  if (mode === 'disabled') {
    throw new ApiError(404, 'Secret scanning is disabled on this repository.', {}, SECRET_SCANNING_DOCS);
  }
  if (mode === 'forbidden') {
    throw new ApiError(404, 'Not Found', {}, SECRET_SCANNING_DOCS);
  }
  const states = listFilter(request, 'state');
  const matching = context.state.security.secretScanningAlerts
    .filter((alert) => !states || states.includes(alert.state))
    .sort((a, b) => b.number - a.number);
  const page = paginate(matching, request);
  return ok(
    page.items.map((alert) => renderSecretScanningAlert(context, alert)),
    200,
    page.headers,
  );
}

function renderDefaultSetup(context: ServerContext): Record<string, unknown> {
  const setup = context.state.security.defaultSetup;
  const configured = setup.state === 'configured';
  return {
    state: setup.state,
    languages: configured ? ['javascript-typescript'] : [],
    runner_type: configured ? 'standard' : null,
    runner_label: null,
    query_suite: 'default',
    threat_model: 'remote',
    updated_at: setup.updatedAt,
    schedule: configured ? 'weekly' : null,
  };
}

function refuseWithoutAdvancedSecurity(context: ServerContext): void {
  if (context.state.security.codeScanning === 'disabled') {
    throw new ApiError(
      403,
      'Advanced Security must be enabled for this repository to use code scanning.',
      {},
      DEFAULT_SETUP_DOCS,
    );
  }
  if (context.state.security.codeScanning === 'forbidden') {
    throw new ApiError(403, 'Resource not accessible by integration', {}, DEFAULT_SETUP_DOCS);
  }
}

function readDefaultSetup(_request: ApiRequest, context: ServerContext) {
  refuseWithoutAdvancedSecurity(context);
  return ok(renderDefaultSetup(context));
}

function updateDefaultSetup(request: ApiRequest, context: ServerContext) {
  refuseWithoutAdvancedSecurity(context);
  if (!context.state.isAdmin) {
    throw new ApiError(403, 'Resource not accessible by integration', {}, DEFAULT_SETUP_DOCS);
  }
  const state = jsonBody(request).state;
  if (state !== 'configured' && state !== 'not-configured') {
    throw new ApiError(422, 'Invalid request: state must be "configured" or "not-configured".', {}, DEFAULT_SETUP_DOCS);
  }
  const setup = context.state.security.defaultSetup;
  if (setup.state === state) {
    return ok({});
  }
  setup.state = state;
  setup.updatedAt = timestamp();
  if (state === 'not-configured') {
    return ok({});
  }
  // GitHub starts the first analysis at once and answers with the run that performs it.
  const runId = context.state.nextId();
  return ok({ run_id: runId, run_url: `${repoApiUrl(context)}/actions/runs/${runId}` }, 202);
}

export const scanningRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/code-scanning/alerts', handler: listCodeScanningAlerts },
  { method: 'GET', template: '/repos/{owner}/{repo}/secret-scanning/alerts', handler: listSecretScanningAlerts },
  { method: 'GET', template: '/repos/{owner}/{repo}/code-scanning/default-setup', handler: readDefaultSetup },
  { method: 'PATCH', template: '/repos/{owner}/{repo}/code-scanning/default-setup', handler: updateDefaultSetup },
];
