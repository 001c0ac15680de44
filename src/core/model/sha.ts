/** How many hex digits of a commit id EnvFlow shows: git's own default abbreviation. */
export const SHORT_SHA_LENGTH = 7;

/** The abbreviated commit id every sentence and tree row shows; '' when there is none. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, SHORT_SHA_LENGTH) : '';
}
