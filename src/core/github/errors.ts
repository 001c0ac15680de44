/**
 * The one place a failure talking to GitHub becomes something a user can act on:
 * a `GitHubError` whose kind drives the UI (stale marking, sign-in prompt, rate-limit
 * pause) and whose message is one sentence saying what happened and what to do.
 */
import * as l10n from '@vscode/l10n';
import type { GitHubErrorKind } from '../model/errorKinds';
import { redact } from '../log';

export type { GitHubErrorKind };

/** A GitHub failure with a user-facing one-sentence `message`. */
export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  readonly kind: GitHubErrorKind;
  /** HTTP status when GitHub answered at all. */
  readonly status?: number;
  /** When a rate-limited client may try again. */
  readonly retryAt?: Date;

  constructor(
    kind: GitHubErrorKind,
    message: string,
    details: { status?: number; retryAt?: Date; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.retryAt = details.retryAt;
  }
}

/** The fields of Octokit's RequestError this module reads (duck-typed: it is a transitive dependency). */
interface RequestErrorLike {
  readonly status: number;
  readonly message: string;
  readonly request: unknown;
  readonly response?: { readonly headers?: Record<string, string | number | undefined>; readonly data?: unknown };
  readonly cause?: unknown;
}

function isRequestErrorLike(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number' && 'request' in error;
}

/** Network-level error codes Node's fetch (undici) puts on `cause`. */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Maps anything thrown while talking to GitHub to the one GitHubError the user sees. */
export function toGitHubError(error: unknown, host: string, now: Date = new Date()): GitHubError {
  if (error instanceof GitHubError) {
    return error;
  }
  if (isRequestErrorLike(error)) {
    if (error.response === undefined) {
      // Octokit wraps a fetch that never got an answer as a status-500 error without a response.
      return isTimeout(error.cause) || isNetworkFailure(error.cause) || error.cause === undefined
        ? offline(host, error)
        : fromPlainError(error.cause, host);
    }
    return fromResponse(error, now);
  }
  return fromPlainError(error, host);
}

function fromPlainError(error: unknown, host: string): GitHubError {
  if (isTimeout(error) || isNetworkFailure(error)) {
    return offline(host, error);
  }
  if (error instanceof SyntaxError) {
    return malformed(error);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new GitHubError('unknown', sentence(l10n.t('Talking to GitHub failed: {0}', redact(detail))), {
    cause: error,
  });
}

function fromResponse(error: RequestErrorLike, now: Date): GitHubError {
  const status = error.status;
  const headers = error.response?.headers ?? {};
  const githubMessage = messageOf(error.response?.data);
  if (status === 429 || (status === 403 && isRateLimited(headers, githubMessage))) {
    const retryAt = retryTime(headers, now);
    return new GitHubError(
      'rateLimited',
      l10n.t("GitHub's rate limit is used up; EnvFlow resumes at {0}.", clockTime(retryAt)),
      {
        status,
        retryAt,
        cause: error,
      },
    );
  }
  if (status === 401) {
    return new GitHubError('unauthorized', l10n.t('GitHub rejected the token: sign in again.'), {
      status,
      cause: error,
    });
  }
  if (status === 403) {
    return new GitHubError(
      'unauthorized',
      githubMessage
        ? l10n.t(
            'GitHub refused access ({0}): sign in with an account that has permission.',
            withoutFinalStop(githubMessage),
          )
        : l10n.t('GitHub refused access: sign in with an account that has permission.'),
      {
        status,
        cause: error,
      },
    );
  }
  if (status === 404 || status === 410) {
    return new GitHubError(
      'notFound',
      l10n.t(
        'Not found on GitHub: the repository or branch does not exist, or this account cannot see it; check the branch, or sign in with an account that can.',
      ),
      { status, cause: error },
    );
  }
  if (status === 400 || status === 409 || status === 422) {
    // GitHub's words say what was wrong; "Validation Failed" alone does not, so the way out is always added.
    const why = withoutFinalStop(validationMessage(error.response?.data) ?? `HTTP ${status}`);
    return new GitHubError(
      'validation',
      l10n.t('GitHub refused the request: {0}; check it on GitHub, then try again.', why),
      {
        status,
        cause: error,
      },
    );
  }
  if (status >= 500) {
    // A command is not retried (a write may have happened); the view's refresh is.
    return new GitHubError(
      'server',
      l10n.t('GitHub is having trouble (HTTP {0}): try again in a minute; the view keeps retrying on its own.', status),
      { status, cause: error },
    );
  }
  return new GitHubError(
    'unknown',
    sentence(
      githubMessage
        ? l10n.t('GitHub answered HTTP {0}: {1}', status, withoutFinalStop(githubMessage))
        : l10n.t('GitHub answered HTTP {0}', status),
    ),
    {
      status,
      cause: error,
    },
  );
}

function offline(host: string, cause: unknown): GitHubError {
  return new GitHubError(
    'offline',
    l10n.t("Can't reach {0}: check your connection; EnvFlow keeps showing the last known state.", host),
    { cause },
  );
}

function malformed(cause: unknown): GitHubError {
  return new GitHubError(
    'malformed',
    l10n.t("GitHub sent an answer EnvFlow can't read: try again; the view retries on its next refresh."),
    { cause },
  );
}

/** A GitHubError for a response body that is not the JSON shape the endpoint documents. */
export function malformedResponse(what: string): GitHubError {
  return malformed(new SyntaxError(`Unexpected shape of ${what}`));
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && OFFLINE_CODES.has(code)) {
      return true;
    }
    // Node's fetch reports every transport failure as this TypeError, with the details on `cause`.
    if (current.name === 'TypeError' && /fetch failed|terminated|other side closed/i.test(current.message)) {
      return true;
    }
  }
  return false;
}

function isRateLimited(
  headers: Record<string, string | number | undefined>,
  githubMessage: string | undefined,
): boolean {
  return (
    String(headers['x-ratelimit-remaining']) === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(githubMessage ?? '')
  );
}

/** `retry-after` (seconds) wins over `x-ratelimit-reset` (epoch seconds); a minute when GitHub says neither. */
function retryTime(headers: Record<string, string | number | undefined>, now: Date): Date {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) {
    return new Date(now.getTime() + retryAfter * 1000);
  }
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset) && reset > 0) {
    return new Date(reset * 1000);
  }
  return new Date(now.getTime() + 60_000);
}

/** Local wall-clock `HH:MM`, the way the user reads the status bar clock. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function messageOf(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    return redact((data as { message: string }).message);
  }
  return undefined;
}

/** GitHub's 422 body puts the useful words in `errors[].message`; `message` is only "Validation Failed". */
function validationMessage(data: unknown): string | undefined {
  const top = messageOf(data);
  const errors = typeof data === 'object' && data !== null ? (data as { errors?: unknown }).errors : undefined;
  if (Array.isArray(errors)) {
    const details = errors
      .map((entry: unknown) => {
        if (typeof entry === 'string') {
          return entry;
        }
        if (typeof entry !== 'object' || entry === null) {
          return undefined;
        }
        const { message, field, code } = entry as { message?: unknown; field?: unknown; code?: unknown };
        if (typeof message === 'string') {
          return message;
        }
        return typeof field === 'string' && typeof code === 'string'
          ? `${field} is ${code.replace(/_/g, ' ')}`
          : undefined;
      })
      .filter((text): text is string => typeof text === 'string' && text.length > 0)
      .map((text) => withoutFinalStop(redact(text)));
    if (details.length > 0) {
      return details.join('; ');
    }
  }
  return top;
}

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function sentence(text: string): string {
  return `${withoutFinalStop(text)}.`;
}
