/**
 * Which GitHub repository a git remote URL points to. Credentials embedded in the URL
 * are dropped here and never kept: the result is built from host, owner and repo only.
 */

/** A remote that is a GitHub (or GitHub Enterprise Server) repository. */
export interface GitHubRemote {
  /** Host of the web UI, lower case, e.g. `github.com`. */
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
  /** `https://<host>/<owner>/<repo>` */
  readonly webUrl: string;
  /** REST base URL for this host, without a trailing slash. */
  readonly apiUrl: string;
}

import { insecureApiUrlReason } from '../util/origin';

const DOTCOM_API = 'https://api.github.com';
const DOTCOM_HOSTS = new Set(['github.com', 'www.github.com', 'ssh.github.com']);
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
// `[user@]host:path` — git's scp-like syntax, only when no '/' comes before the ':'.
const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/;

/**
 * Parses https, ssh://, git:// and scp-like (`git@host:owner/repo.git`) remote URLs.
 * github.com maps to api.github.com; another host is GitHub Enterprise Server only when
 * `apiUrl` (the `envflow.github.apiUrl` setting) is on that host, and only over https
 * (plain http only to this machine's loopback interface). Otherwise returns
 * `{ reason }`, one sentence saying why EnvFlow stays local-only.
 */
export function parseGitHubRemote(url: string, apiUrl: string = DOTCOM_API): GitHubRemote | { reason: string } {
  const located = locate(url.trim());
  if ('reason' in located) {
    return located;
  }
  const host = located.host.toLowerCase();
  const segments = located.path.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const owner = segments[0] ?? '';
  const repo = (segments[1] ?? '').replace(/\.git$/i, '');
  const api = apiFor(host, apiUrl);
  if (api === undefined) {
    return { reason: `origin points to ${host}, which is not GitHub: EnvFlow works in local-only mode.` };
  }
  // Said where the connection state is shown: a token never travels in clear text.
  const insecure = insecureApiUrlReason(api);
  if (insecure !== undefined) {
    return { reason: insecure };
  }
  if (segments.length !== 2 || !OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') {
    return { reason: `origin's path on ${host} is not an owner/repository pair: EnvFlow works in local-only mode.` };
  }
  const webHost = DOTCOM_HOSTS.has(host) ? 'github.com' : host;
  return { host: webHost, owner, repo, webUrl: `https://${webHost}/${owner}/${repo}`, apiUrl: api };
}

function locate(url: string): { host: string; path: string } | { reason: string } {
  const local = { reason: 'origin is a local path, not GitHub: EnvFlow works in local-only mode.' };
  if (url.length === 0) {
    return { reason: 'origin has no URL: EnvFlow works in local-only mode.' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // A Windows drive letter (C:\… or C:/…) looks scp-like but is a path.
    const scp = /^[A-Za-z]:[\\/]/.test(url) ? null : SCP_LIKE.exec(url);
    return scp ? { host: scp[1]!, path: scp[2]! } : local;
  }
  if (scheme === 'file') {
    return local;
  }
  if (!['https', 'http', 'ssh', 'git', 'git+ssh', 'ssh+git'].includes(scheme)) {
    return {
      reason: `origin uses the ${scheme}:// transport, which EnvFlow cannot map to GitHub: EnvFlow works in local-only mode.`,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'origin has a URL EnvFlow cannot parse: EnvFlow works in local-only mode.' };
  }
  // `hostname` never includes the user info, so credentials go no further.
  return { host: parsed.hostname, path: decodeURIComponent(parsed.pathname) };
}

function apiFor(host: string, configuredApiUrl: string): string | undefined {
  if (DOTCOM_HOSTS.has(host)) {
    return DOTCOM_API;
  }
  let configured: URL;
  try {
    configured = new URL(configuredApiUrl);
  } catch {
    return undefined;
  }
  const apiHost = configured.hostname.toLowerCase();
  // GHES serves the API at https://HOST/api/v3; GHE.com data residency at https://api.HOST.
  if (apiHost === host || apiHost === `api.${host}`) {
    return configuredApiUrl.replace(/\/+$/, '');
  }
  return undefined;
}
