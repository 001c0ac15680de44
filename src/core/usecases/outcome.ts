/**
 * What a command ended in, typed so tests and other extensions can tell a closed gate
 * from a cancel from a rejected push. `value` is what the command resolves to for
 * automation (the branch, the pull request, …).
 */
export type Outcome<T = unknown> =
  | { readonly kind: 'done'; readonly sentence?: string; readonly value?: T }
  | { readonly kind: 'cancelled'; readonly sentence?: string }
  /** The command chose not to act (a closed gate, an invalid name); the user was told why. */
  | { readonly kind: 'refused'; readonly sentence: string }
  /** Something went wrong while acting; `sentence` is the one the user sees. */
  | { readonly kind: 'failed'; readonly sentence: string };

export type OutcomeKind = Outcome['kind'];

export function done<T>(value?: T, sentence?: string): Outcome<T> {
  return { kind: 'done', value, sentence };
}

export function cancelled(sentence?: string): Outcome<never> {
  return { kind: 'cancelled', sentence };
}

export function refused(sentence: string): Outcome<never> {
  return { kind: 'refused', sentence };
}

/** Thrown by a use case when the user backed out half-way (a declined modal deep in a step). */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';

  constructor() {
    super('Cancelled.');
  }
}
