/**
 * Every action the written workflows use, pinned to the full commit SHA of a release
 * tag: a tag can be moved to other code, a commit cannot. The version stays in a
 * comment, which is what Dependabot's github-actions updates read and rewrite.
 */
export const PINNED_ACTIONS = {
  checkout: { uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  setupNode: { uses: 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  setupPython: { uses: 'actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97', version: 'v7.0.0' },
  setupGo: { uses: 'actions/setup-go@b7ad1dad31e06c5925ef5d2fc7ad053ef454303e', version: 'v7.0.0' },
  setupJava: { uses: 'actions/setup-java@b6effb05e454b25005698d916606bdc6ffcbf961', version: 'v5.7.0' },
  pnpm: { uses: 'pnpm/action-setup@fe02b34f77f8bc703788d5817da081398fad5dd2', version: 'v4.0.0' },
} as const;

export type PinnedAction = keyof typeof PINNED_ACTIONS;

/** `      - uses: owner/repo@sha # vX.Y.Z` at the steps' indentation. */
export function usesLine(action: PinnedAction, indent = '      - '): string {
  const { uses, version } = PINNED_ACTIONS[action];
  return `${indent}uses: ${uses} # ${version}`;
}

/**
 * A checkout that leaves no token in `.git/config`, so no later step (a user's hook
 * included) can push with it. `ref` is an expression or omitted for the event's commit.
 */
export function checkoutStep(options: { ref?: string; fullHistory?: boolean } = {}): string[] {
  return [
    usesLine('checkout'),
    '        with:',
    ...(options.ref ? [`          ref: ${options.ref}`] : []),
    ...(options.fullHistory ? ['          fetch-depth: 0'] : []),
    '          persist-credentials: false',
  ];
}
