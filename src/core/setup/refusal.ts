/** What a 403/404 from GitHub means for a setup step, shared by protection, rulesets and environments. */
import * as l10n from '@vscode/l10n';
import { GitHubError } from '../github/errors';

/** A 403 or 404 that means "no admin rights"; a rate limit answered with 403 is not one (it says when to resume). */
export function isAccessRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return (status === 403 || status === 404) && !isRateLimit(error);
}

export function isRateLimit(error: unknown): boolean {
  return error instanceof GitHubError && error.kind === 'rateLimited';
}

/** One sentence with the way out. */
export function accessRefused(what: string, repository: string): string {
  return l10n.t(
    'GitHub refused access to {0}: it needs admin rights on {1}, so ask an admin to run this step.',
    what,
    repository,
  );
}

/** What a 403/404 on branch protection means, in one sentence with the way out. */
export function noAdminSentence(branch: string, repository: string): string {
  return l10n.t(
    "GitHub refused access to {0}'s protection: it needs admin rights on {1} and a plan with branch protection (private repositories on GitHub Free have none), so ask an admin to run this step.",
    branch,
    repository,
  );
}
