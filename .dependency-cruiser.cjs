// Which way imports may run in src/ (issue #18, point 3): `npm run lint:deps`, run in .ci/run.
// Type-only imports count: a cycle through types is still a cycle for the reader.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere in src/.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      comment: 'src/util/ holds helpers every layer shares: it imports nothing else of src/.',
      from: { path: '^src/util/' },
      to: { path: '^src/', pathNot: '^src/(util/|version\\.ts$)' },
    },
    {
      name: 'manifest-before-plan',
      severity: 'error',
      comment:
        'The manifest is read before anything is planned or drawn: src/manifest/ imports no plan, render, lint, report or front end.',
      from: { path: '^src/manifest/' },
      to: {
        path: '^src/(plan|render|lint|report|publish|remote|upload|server|action|cli|github|diff|import)/|^src/(project|pipeline|merge|cli|action)\\.ts$',
      },
    },
    {
      name: 'no-native-outside-render',
      severity: 'error',
      comment:
        'The native loader (canvas, sharp) is reached through render/ only: manifest, plan, lint, the service and the GitHub code never import it or the native packages themselves.',
      from: { path: '^src/(manifest|plan|lint|l10n|store|report|server|github|util)/' },
      to: { path: '^src/render/native\\.ts$|^node_modules/(@napi-rs/canvas|sharp)/' },
    },
    {
      name: 'front-ends-on-top',
      severity: 'error',
      comment: 'cli/ and action/ are front ends: nothing below them imports them (the entry files excepted).',
      from: { pathNot: '^src/(cli|action)/|^src/(cli|action|local-action)\\.ts$|^src/server/index\\.ts$' },
      to: { path: '^src/(cli|action)/|^src/(cli|action)\\.ts$' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'src/ never imports test code.',
      from: { path: '^src/' },
      to: { path: '^__tests__/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
