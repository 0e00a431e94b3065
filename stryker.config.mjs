// StrykerJS for the modules where a bug costs users most (issue #14). Run it through
// `npm run mutation [module...]` (scripts/mutation.mjs): one module at a time (STRYKER_MODULE),
// incremental, then the scores go to TESTING.md. Not part of CI: it is slow on two cores.
import { MODULES } from './scripts/mutation-modules.mjs';

const name = process.env.STRYKER_MODULE ?? 'signature';
const mod = MODULES.find((m) => m.name === name);
if (!mod) throw new Error(`STRYKER_MODULE: unknown module ${name}; one of ${MODULES.map((m) => m.name).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the test files that import src/ (see vitest.stryker.config.ts), and of those the module's own.
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  testFiles: mod.tests,
  mutate: mod.mutate,
  coverageAnalysis: 'perTest',
  // Module-level ("static") mutants: the vitest runner evaluates a module once per worker, so a
  // static mutant is never active in a test and comes back survived after running every test (plan:
  // 595 of 955, an hour of runs for no information). Modules that set ignoreStatic leave them out;
  // the score table says which.
  ignoreStatic: mod.ignoreStatic === true,
  incremental: true,
  incrementalFile: `reports/stryker-incremental/${mod.name}.json`,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // STRYKER_TIMEOUT_MS raises it on a loaded machine, where a slow test would otherwise count as a
  // timed-out (detected) mutant.
  timeoutMS: Number(process.env.STRYKER_TIMEOUT_MS ?? 20_000),
  // The first run of every test under a load of 30 on two cores takes longer than the default 5 minutes.
  dryRunTimeoutMinutes: 20,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${mod.name}.json` },
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: false, reportScoreTable: true },
  // dist/ is copied unmutated: tests start the real service from it as a collaborator; they see
  // mutants only through what they import from src/.
  // A sandbox per module, so that two modules can run at once (nice, concurrency 1 each) without one
  // copying or cleaning the other's.
  ignorePatterns: ['reports', 'storeshots-out', 'test-results', 'bench', '.stryker-tmp*'],
  tempDirName: `.stryker-tmp-${mod.name}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
