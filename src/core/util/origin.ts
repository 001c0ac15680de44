/**
 * Where a token may go. A token is keyed by the API URL's origin (scheme, host and
 * port), never by host alone, so a token issued for https://ghe.example.com is not
 * handed to http://ghe.example.com or to another port of the same host. Plain http
 * is accepted only on the loopback interface (the sandbox and tests), where the
 * traffic never leaves the machine.
 */
import { isIP } from 'node:net';

/** `scheme://host[:port]` of an API URL, lower case; undefined when it does not parse. */
export function apiOrigin(apiUrl: string): string | undefined {
  try {
    const url = new URL(apiUrl);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/**
 * True when `hostname` (as `URL.hostname` gives it: IPv6 in brackets) names this machine:
 * `localhost`, an address in 127.0.0.0/8, or ::1. Decided by parsing the address, so
 * `127.attacker.example` (a DNS name anyone can register) is not loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === 'localhost') {
    return true;
  }
  const family = isIP(name);
  if (family === 4) {
    return name.split('.')[0] === '127';
  }
  if (family === 6) {
    return isIpv6Loopback(name);
  }
  return false;
}

/** ::1 in any spelling, and ::ffff:127.x.y.z (an IPv4 loopback mapped into IPv6). */
function isIpv6Loopback(address: string): boolean {
  // WHATWG URL parsing already canonicalises IPv6 (`[0:0::1]` → `[::1]`, mapped IPv4 in hex).
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  if (canonical === '::1') {
    return true;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(canonical);
  return mapped !== null && parseInt(mapped[1]!, 16) >> 8 === 127;
}

/** True when `apiUrl`'s origin is loopback (any scheme). */
export function isLoopbackUrl(apiUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(apiUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * Undefined when a token may be sent to `apiUrl`; else one sentence saying why not:
 * only https, or http to this machine's loopback interface.
 */
export function insecureApiUrlReason(apiUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return `envflow.github.apiUrl (${JSON.stringify(apiUrl)}) is not a URL: set it to your GitHub API address, e.g. https://api.github.com.`;
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return undefined;
  }
  if (url.protocol === 'http:') {
    return `envflow.github.apiUrl uses http:// for ${url.host}, which would send your GitHub token unencrypted: EnvFlow connects only over https (change the setting to https://${url.host}${url.pathname.replace(/\/$/, '')}).`;
  }
  return `envflow.github.apiUrl uses ${url.protocol}//, not https://: EnvFlow connects to GitHub only over https.`;
}
