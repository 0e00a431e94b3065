// knip (npm run lint:dead): files, exports and dependencies nothing uses. Entry points are the
// bundles' entries (scripts/build.mjs ENTRIES), the local-action entry, the scripts, the
// benchmarks and the tests; everything else must be reached from them.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    'src/action.ts',
    'src/cli.ts',
    'src/server/index.ts',
    // Worker entries: piscina loads them by file name from dist/, nothing imports them statically.
    'src/render/worker.ts',
    // What `local-action run . src/local-action.ts` loads (docs/action.md#debugging-locally).
    'src/local-action.ts',
    'scripts/*.mjs',
    'bench/*.mjs',
    // bench/run.mjs and bench/breaks.mjs bundle these with esbuild by path.
    'bench/lib.ts',
    'bench/breaks-lib.ts',
    '__tests__/**/*.ts',
  ],
  project: ['src/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.{ts,mjs}', '__tests__/**/*.ts'],
  // An export its own file also uses is a named part of that module (often pinned by a unit
  // test through the module's public face), not dead code.
  ignoreExportsUsedInFile: true,
  ignoreIssues: {
    // piscina runs the worker's default export; the in-thread fallback (src/render/index.ts)
    // imports the same function by name.
    'src/render/worker.ts': ['duplicates'],
  },
  ignoreDependencies: [
    // Run as a binary by __tests__/action-local-action.test.ts (node_modules/.bin/local-action).
    '@github/local-action',
    // Types for markdown-it, which __tests__/action-comment-render.test.ts imports.
    '@types/markdown-it',
    // A stylesheet that test reads from node_modules by path, not a module.
    'github-markdown-css',
    // Named only in a JSDoc type of stryker.config.mjs; it comes with @stryker-mutator/core.
    '@stryker-mutator/api',
  ],
  // A coreutils program the hostile-input tests run to make a named pipe.
  ignoreBinaries: ['mkfifo'],
};

export default config;
