// @ts-check
/**
 * The layers of src/, enforced (docs/architecture.md draws them):
 *
 *   model                              no other layer (one package: @vscode/l10n, for its words)
 *   log, util                          model
 *   git, github                        the above; never each other
 *   actions                            the above (GitHub Actions job logs)
 *   flow                               the above
 *   release, setup, monitor, testing   the above; never each other
 *   usecases                           all of core
 *   ui                                 core, constants, src/util
 *   container, extension               everything
 *
 * And the tests, laid out the same way: a test under test/<layer>/<area>/ imports only its
 * own folder, test/support and tools/ (the GitHub API server and the sandbox that
 * `npm start` runs too), so each folder can be read, run and moved alone.
 *
 * dependency-cruiser rather than an ESLint boundaries rule: ESLint sees one file at a
 * time, so it can forbid an edge but not find a cycle; this walks the whole graph,
 * type-only imports included (a type import is still a dependency a reader follows).
 */
const core = '^src/core/';
const layer = (name) => `^src/core/${name}/`;
const above = {
  // What a layer may not import: every layer above it.
  git: ['github', 'actions', 'flow', 'release', 'setup', 'monitor', 'testing', 'usecases'],
  github: ['git', 'actions', 'flow', 'release', 'setup', 'monitor', 'testing', 'usecases'],
  actions: ['flow', 'release', 'setup', 'monitor', 'testing', 'usecases'],
  flow: ['release', 'setup', 'monitor', 'testing', 'usecases'],
  release: ['setup', 'monitor', 'testing', 'usecases'],
  setup: ['release', 'monitor', 'testing', 'usecases'],
  monitor: ['release', 'setup', 'testing', 'usecases'],
  testing: ['release', 'setup', 'monitor', 'usecases'],
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'model-is-a-leaf',
      severity: 'error',
      comment:
        'core/model is the data every layer shares; it imports no other layer (its one package, @vscode/l10n, words its few sentences).',
      from: { path: layer('model') },
      to: { pathNot: layer('model') },
    },
    {
      name: 'base-only-on-model',
      severity: 'error',
      comment: 'The logger and the small utilities sit just above the model.',
      from: { path: '^src/core/(log[.]ts$|util/)' },
      to: { path: core, pathNot: '^src/core/(model/|log[.]ts$|util/)' },
    },
    ...Object.entries(above).map(([name, forbidden]) => ({
      name: `${name}-not-upwards`,
      severity: /** @type {const} */ ('error'),
      comment: `core/${name} may import only the layers below it and its siblings' common base.`,
      from: { path: layer(name) },
      to: { path: `^src/core/(${forbidden.join('|')})/` },
    })),
    {
      name: 'core-folder-has-a-layer',
      severity: 'error',
      comment: 'A new folder of src/core gets its place in these rules, or nothing would constrain it.',
      from: { path: core, pathNot: `^src/core/(log[.]ts$|(model|util|usecases|${Object.keys(above).join('|')})/)` },
      to: {},
    },
    {
      name: 'core-without-vscode',
      severity: 'error',
      comment: 'The core runs in plain Node (unit tests, the bench); VS Code belongs to src/ui.',
      from: { path: core },
      to: { path: '(^|/)node_modules/@types/vscode/' },
    },
    {
      name: 'core-not-outwards',
      severity: 'error',
      comment: 'The core never reaches into the UI or the composition root that builds it.',
      from: { path: core },
      to: { path: '^src/', pathNot: core },
    },
    {
      name: 'ui-not-to-entry',
      severity: 'error',
      comment: 'The UI receives what it needs; it never imports the container or the entry point that create it.',
      from: { path: '^src/(ui|util)/' },
      to: { path: '^src/(container|extension)[.]ts$' },
    },
    {
      name: 'test-folder-stands-alone',
      severity: 'error',
      comment:
        'A test imports its own folder, test/support and tools/ only: a helper two folders share belongs in test/support.',
      from: { path: '^test/([^/]+)/([^/]+)/', pathNot: '^test/support/' },
      to: { path: '^test/', pathNot: '^test/(support/|$1/$2/)' },
    },
    {
      name: 'test-layer-root-stands-alone',
      severity: 'error',
      comment:
        "A file at a test layer's root (a runner, a unit test) imports its own layer root, test/support and tools/ only.",
      from: { path: '^test/([^/]+)/[^/]+$', pathNot: '^test/support/' },
      to: { path: '^test/', pathNot: '^test/(support/|$1/[^/]+$)' },
    },
    {
      name: 'test-support-stands-alone',
      severity: 'error',
      comment: 'test/support serves every test folder, so it depends on none of them.',
      from: { path: '^test/support/' },
      to: { path: '^test/', pathNot: '^test/support/' },
    },
    {
      name: 'no-test-imports-a-test',
      severity: 'error',
      comment: 'Importing a test file runs its suites a second time; what two tests share belongs in a helper.',
      from: {},
      to: { path: '[.]test[.]ts$' },
    },
    {
      name: 'tools-not-into-tests',
      severity: 'error',
      comment: 'tools/ serve `npm start` as well as the tests: they may use test/support, never a test folder.',
      from: { path: '^tools/' },
      to: { path: '^test/', pathNot: '^test/support/' },
    },
  ],
  options: {
    // src, test and tools, plus vscode (which resolves to its type declarations: the host
    // provides the module) so core-without-vscode sees it.
    includeOnly: '^(src|test|tools)/|(^|/)node_modules/@types/vscode/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
