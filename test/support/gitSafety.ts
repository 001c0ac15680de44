/**
 * What EnvFlow must never ask git to do, since each loses someone's work: force-push, rewrite a shared branch,
 * move or delete a tag. Used by the release suites' guard and by the host launcher over
 * every git process a host suite logged.
 */

/**
 * Why an argument list rewrites or destroys shared history, or undefined when it does
 * not: any force (`--force…`, `-f` in a push, `+` refspecs), a hard reset, a deleted or
 * moved tag, a deleted remote branch, or a raw ref update.
 */
export function forbiddenGit(args: readonly string[]): string | undefined {
  const command = args.find((arg) => !arg.startsWith('-'));
  const has = (pattern: RegExp) => args.some((arg) => pattern.test(arg));
  if (has(/^--force/)) {
    return 'a --force option';
  }
  if (has(/(^|:)\+refs\//) || (command === 'push' && has(/^\+/))) {
    return "a '+' (forced) refspec";
  }
  if (command === 'push' && (has(/^-[a-zA-Z]*[fd][a-zA-Z]*$/) || has(/^--(delete|mirror|prune)$/) || has(/^:/))) {
    return 'a forced push or a deletion on the remote';
  }
  if (command === 'reset' && has(/^--hard$/)) {
    return 'a hard reset';
  }
  if (command === 'tag' && has(/^-[a-zA-Z]*[fd][a-zA-Z]*$|^--delete$/)) {
    return 'a moved or deleted tag';
  }
  if (command === 'update-ref' || (command === 'branch' && has(/^-[a-zA-Z]*[DfM][a-zA-Z]*$/))) {
    return 'a raw or forced ref update';
  }
  return undefined;
}

/** One line per forbidden invocation in a git wrapper log (`<epoch ms> <args>` lines). */
export function forbiddenGitInvocations(log: string): string[] {
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf(' ') + 1))
    .flatMap((args) => {
      const why = forbiddenGit(args.split(' '));
      return why ? [`${why}: git ${args}`] : [];
    });
}
