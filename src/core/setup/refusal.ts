/** What a 403/404 from GitHub means for a setup step, shared by protection, rulesets and environments. */
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
  return `GitHub refused access to ${what}: it needs admin rights on ${repository}, so ask an admin to run this step.`;
}

/** What a 403/404 on branch protection means, in one sentence with the way out. */
export function noAdminSentence(branch: string, repository: string): string {
  return `GitHub refused access to ${branch}'s protection: it needs admin rights on ${repository} and a plan with branch protection (private repositories on GitHub Free have none), so ask an admin to run this step.`;
}
