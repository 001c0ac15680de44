/**
 * The title the production workflow gives a run EnvFlow dispatched (its `run-name`).
 * GitHub gives a dispatch no key of its own, so a retried Roll Back finds the run an
 * earlier attempt started by this title; the workflow Set Up writes builds the same text.
 */
export function dispatchRunName(inputs: { readonly target: string; readonly reason: string }): string {
  return `EnvFlow ${inputs.reason} to ${inputs.target}`;
}
