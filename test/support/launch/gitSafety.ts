/**
 * What EnvFlow must never ask git to do (SPEC §6): force-push, rewrite a shared branch,
 * move or delete a tag. Checked over every git process a host suite logged.
 */
const forbidden: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^push\b.*\s(--force\S*|-f|--mirror|--delete|-d)(\s|$)/, why: 'a forced or deleting push' },
  { pattern: /^push\b.*\s\+\S+/, why: 'a push with a forced (+) refspec' },
  { pattern: /^push\b.*\s:\S+/, why: 'a push that deletes a remote ref' },
  { pattern: /^reset\b.*--hard/, why: 'a hard reset' },
  { pattern: /^(tag|branch)\b.*\s(-f|--force|-d|-D|--delete)(\s|$)/, why: 'moving or deleting a tag or branch' },
  { pattern: /^update-ref\b/, why: 'writing a ref directly' },
];

/** One line per forbidden invocation in a git wrapper log (`<ms> <args>` lines). */
export function forbiddenGitInvocations(log: string): string[] {
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf(' ') + 1))
    .flatMap((args) => forbidden.filter((f) => f.pattern.test(args)).map((f) => `${f.why}: git ${args}`));
}
