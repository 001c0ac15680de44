/**
 * Code scanning and secret scanning alerts, CodeQL default setup, and the dependency
 * graph's comparison of two refs. "Not enabled" and "no access" are told apart from
 * GitHub's answer, like Dependabot's.
 */
import type { SecuritySeverity } from '../model/snapshot';
import { refusalOf, type ClientRequests } from './clientRequests';
import { toGitHubError } from './errors';
import { asArray, asObject, optionalObject, optionalString, requiredString } from './json';
import type { Fetched } from './types';

export type ScanningUnavailable = {
  readonly available: false;
  readonly reason: 'notEnabled' | 'noAccess';
  readonly githubMessage?: string;
};

export type CodeScanningAlerts =
  | {
      readonly available: true;
      readonly total: number;
      readonly bySeverity: Readonly<Record<SecuritySeverity, number>>;
    }
  | ScanningUnavailable;

export type SecretScanningAlerts = { readonly available: true; readonly total: number } | ScanningUnavailable;

/** `started`: GitHub began the first analysis; `unchanged`: default setup was already on. */
export type DefaultSetupOutcome =
  | { readonly state: 'started'; readonly runUrl?: string }
  | { readonly state: 'unchanged' }
  | ({ readonly state: 'refused' } & Omit<ScanningUnavailable, 'available'>);

/** Whether CodeQL default setup is on, or why it cannot be read. */
export type DefaultSetupState = { readonly available: true; readonly configured: boolean } | ScanningUnavailable;

/** Secret scanning and its push protection; `unknown` when GitHub does not show them (not an admin). */
export type SecretScanningSettings =
  | { readonly known: true; readonly secretScanning: boolean; readonly pushProtection: boolean }
  | { readonly known: false };

/** `enabled`: both are on now; `refused`: GitHub's reason (no admin rights, a plan without it). */
export type SecretScanningOutcome =
  { readonly state: 'enabled' } | { readonly state: 'refused'; readonly status: number; readonly reason: string };

export interface DependencyVulnerability {
  readonly severity: string;
  readonly ghsaId: string;
  readonly summary: string;
  readonly url: string;
}

export interface DependencyChange {
  readonly changeType: 'added' | 'removed';
  readonly name: string;
  readonly version: string;
  readonly ecosystem: string;
  readonly manifest: string;
  readonly vulnerabilities: readonly DependencyVulnerability[];
}

/** The security severity a code scanning rule without one carries, from its SARIF level. */
const SEVERITY_OF_LEVEL: Readonly<Record<string, SecuritySeverity>> = { error: 'high', warning: 'medium', note: 'low' };

export class SecurityScanning {
  constructor(private readonly requests: ClientRequests) {}

  /** Open code scanning alerts by severity, or why they cannot be read (paginated, conditional). */
  listCodeScanningAlerts(): Promise<Fetched<CodeScanningAlerts>> {
    return this.unlessUnavailable('list code scanning alerts', async () => {
      const alerts = await this.requests.getPages(
        'GET /repos/{owner}/{repo}/code-scanning/alerts',
        { state: 'open' },
        (raw) => asArray(raw, 'code scanning alerts'),
      );
      const bySeverity: Record<SecuritySeverity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
      for (const entry of alerts.data) {
        bySeverity[codeScanningSeverityOf(entry)] += 1;
      }
      return { data: { available: true, total: alerts.data.length, bySeverity }, notModified: alerts.notModified };
    });
  }

  /** How many secret scanning alerts are open, or why they cannot be read (paginated, conditional). */
  listSecretScanningAlerts(): Promise<Fetched<SecretScanningAlerts>> {
    return this.unlessUnavailable('list secret scanning alerts', async () => {
      const alerts = await this.requests.getPages(
        'GET /repos/{owner}/{repo}/secret-scanning/alerts',
        { state: 'open' },
        (raw) => asArray(raw, 'secret scanning alerts'),
      );
      return { data: { available: true, total: alerts.data.length }, notModified: alerts.notModified };
    });
  }

  /** Turns on CodeQL default setup; where the plan does not allow it, GitHub's reason comes back as data. */
  enableCodeQLDefaultSetup(): Promise<DefaultSetupOutcome> {
    const { requests } = this;
    return requests.call('turn on CodeQL default setup', async () => {
      try {
        const response = await requests.write('PATCH /repos/{owner}/{repo}/code-scanning/default-setup', {
          state: 'configured',
        });
        if (response.status === 202) {
          const runUrl = optionalString(asObject(response.data, 'default setup run'), 'run_url');
          return runUrl === undefined ? { state: 'started' } : { state: 'started', runUrl };
        }
        return { state: 'unchanged' };
      } catch (error) {
        const { available: _available, ...why } = unavailableOr(error, requests.host);
        return { state: 'refused', ...why };
      }
    });
  }

  /** Whether CodeQL default setup is configured (one request). */
  readDefaultSetup(): Promise<DefaultSetupState> {
    const { requests } = this;
    return requests.call('read CodeQL default setup', async () => {
      try {
        const setup = await requests.getOne('GET /repos/{owner}/{repo}/code-scanning/default-setup', {}, (raw) =>
          optionalString(asObject(raw, 'default setup'), 'state'),
        );
        return { available: true, configured: setup.data === 'configured' };
      } catch (error) {
        return unavailableOr(error, requests.host);
      }
    });
  }

  /** Secret scanning and push protection as the repository's settings say (admins see them). */
  readSecretScanningSettings(): Promise<SecretScanningSettings> {
    const { requests } = this;
    return requests.call('read the secret scanning settings', async () => {
      const repository = await requests.getOne('GET /repos/{owner}/{repo}', {}, (raw) =>
        optionalObject(asObject(raw, 'repository'), 'security_and_analysis'),
      );
      const settings = repository.data;
      if (!settings) {
        return { known: false };
      }
      const on = (key: string) => optionalString(optionalObject(settings, key), 'status') === 'enabled';
      return {
        known: true,
        secretScanning: on('secret_scanning'),
        pushProtection: on('secret_scanning_push_protection'),
      };
    });
  }

  /** Turns on secret scanning with push protection; a refusal (403/422) comes back with GitHub's reason. */
  enableSecretScanning(): Promise<SecretScanningOutcome> {
    const { requests } = this;
    return requests.call('turn on secret scanning', async () => {
      try {
        await requests.write('PATCH /repos/{owner}/{repo}', {
          security_and_analysis: {
            secret_scanning: { status: 'enabled' },
            secret_scanning_push_protection: { status: 'enabled' },
          },
        });
        return { state: 'enabled' };
      } catch (error) {
        const refusal = refusalOf(error);
        const mapped = toGitHubError(error, requests.host);
        if (refusal && (refusal.status === 422 || (refusal.status === 403 && mapped.kind !== 'rateLimited'))) {
          return {
            state: 'refused',
            status: refusal.status,
            reason: refusal.message ?? 'GitHub refused to turn on secret scanning.',
          };
        }
        throw error;
      }
    });
  }

  /** The dependencies `head` adds or removes against `base`, with known advisories (one conditional request). */
  compareDependencies(base: string, head: string): Promise<Fetched<DependencyChange[]>> {
    const { requests } = this;
    return requests.call('compare dependencies', () =>
      requests.getOne(
        `GET /repos/{owner}/{repo}/dependency-graph/compare/${requests.refPath(base)}...${requests.refPath(head)}`,
        {},
        toDependencyChanges,
      ),
    );
  }

  private unlessUnavailable<T>(
    what: string,
    read: () => Promise<Fetched<T>>,
  ): Promise<Fetched<T | ScanningUnavailable>> {
    return this.requests.call(what, async () => {
      try {
        return await read();
      } catch (error) {
        return { data: unavailableOr(error, this.requests.host), notModified: false };
      }
    });
  }
}

/**
 * Why scanning cannot be read, from a plain 403/404 (a rate-limited 403 is no verdict
 * about access and is rethrown): GitHub names a missing analysis or a switched-off
 * feature in its message; anything else is a token or role without access.
 */
function unavailableOr(error: unknown, host: string): ScanningUnavailable {
  const refusal = refusalOf(error);
  const mapped = toGitHubError(error, host);
  if (
    !refusal ||
    (refusal.status !== 403 && refusal.status !== 404) ||
    (mapped.kind !== 'unauthorized' && mapped.kind !== 'notFound')
  ) {
    throw error;
  }
  const reason = /disabled|not enabled|no analysis|must be enabled|not available/i.test(refusal.message ?? '')
    ? 'notEnabled'
    : 'noAccess';
  return refusal.message === undefined
    ? { available: false, reason }
    : { available: false, reason, githubMessage: refusal.message };
}

export function codeScanningSeverityOf(entry: unknown): SecuritySeverity {
  const rule = optionalObject(asObject(entry, 'code scanning alert'), 'rule');
  const security = optionalString(rule, 'security_severity_level');
  if (security === 'critical' || security === 'high' || security === 'medium' || security === 'low') {
    return security;
  }
  return SEVERITY_OF_LEVEL[optionalString(rule, 'severity') ?? ''] ?? 'low';
}

export function toDependencyChanges(raw: unknown): DependencyChange[] {
  return asArray(raw, 'dependency changes').map((entry) => {
    const change = asObject(entry, 'dependency change');
    return {
      changeType: change.change_type === 'removed' ? 'removed' : 'added',
      name: requiredString(change, 'name', 'dependency change'),
      version: optionalString(change, 'version') ?? '',
      ecosystem: optionalString(change, 'ecosystem') ?? '',
      manifest: optionalString(change, 'manifest') ?? '',
      vulnerabilities: asArray(change.vulnerabilities ?? [], 'dependency vulnerabilities').map((item) => {
        const vulnerability = asObject(item, 'dependency vulnerability');
        return {
          severity: optionalString(vulnerability, 'severity') ?? 'unknown',
          ghsaId: requiredString(vulnerability, 'advisory_ghsa_id', 'dependency vulnerability'),
          summary: optionalString(vulnerability, 'advisory_summary') ?? '',
          url: optionalString(vulnerability, 'advisory_url') ?? '',
        };
      }),
    };
  });
}
