// @ts-check
/**
 * The layers of src/, enforced (docs/architecture.md draws them):
 *
 *   model                              imports nothing
 *   log, util                          model
 *   git, github                        the above; never each other
 *   actions                            the above (GitHub Actions job logs)
 *   flow                               the above
 *   release, setup, monitor, testing   the above; never each other
 *   usecases                           all of core
 *   ui                                 core, constants, src/util
 *   container, extension               everything
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
      comment: 'core/model is the data every layer shares; it imports nothing, not even Node.',
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
  ],
  options: {
    // src, plus vscode (which resolves to its type declarations: the host provides the
    // module) so core-without-vscode sees it.
    includeOnly: '^src/|(^|/)node_modules/@types/vscode/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.src.json' },
  },
};
