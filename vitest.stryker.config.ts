// The suite StrykerJS runs against mutants: only test files that import src/ directly. Tests that
// run the built dist/ bundle (the Action's end-to-end tests, `storeshots serve` spawned from bin/)
// would run the sandbox's unmutated bundle and report mutants as killed or survived for no reason.
import { defineConfig } from 'vitest/config';

export const STRYKER_TESTS = [
  '__tests__/plan.test.ts',
  '__tests__/manifest.test.ts',
  '__tests__/l10n-plan.test.ts',
  '__tests__/layout.test.ts',
  '__tests__/presets.test.ts',
  '__tests__/store-lookup.test.ts',
  '__tests__/lint-header.test.ts',
  '__tests__/lint-header-broken.test.ts',
  '__tests__/lint-collect.test.ts',
  '__tests__/plan-content.test.ts',
  '__tests__/lint-paths.test.ts',
  '__tests__/lint-appstore.test.ts',
  '__tests__/lint-play.test.ts',
  '__tests__/lint-planted.test.ts',
  '__tests__/lint-rules.test.ts',
  '__tests__/render-layout.test.ts',
  '__tests__/render-breaks.test.ts',
  '__tests__/render-wrap.test.ts',
  '__tests__/design-layout.test.ts',
  '__tests__/render-slides.test.ts',
  '__tests__/render-break-data.test.ts',
  '__tests__/render-placement.test.ts',
  '__tests__/remote-client.test.ts',
  '__tests__/remote-run.test.ts',
  '__tests__/remote-e2e.test.ts',
  '__tests__/server-signature.test.ts',
  '__tests__/server-ssrf.test.ts',
  '__tests__/unit-*.test.ts',
  '__tests__/l10n-pseudo.test.ts',
  // Planning tests for the plan module (scripts/mutation-modules.mjs): they plan from src/.
  '__tests__/manifest-hostile.test.ts',
  '__tests__/manifest-validators.test.ts',
  '__tests__/slides-manifest.test.ts',
  '__tests__/design-appearance.test.ts',
  '__tests__/design-icon-theme.test.ts',
  '__tests__/cache-key.test.ts',
  '__tests__/l10n-readers.test.ts',
  '__tests__/l10n-frameit.test.ts',
  '__tests__/action-github.test.ts',
  '__tests__/github-refusals.test.ts',
  '__tests__/action-publish.test.ts',
  // src/lint/links.ts (lint-files-text): ruleAnchor and ruleLink, with the Action's links and comments.
  '__tests__/action-units.test.ts',
];

export default defineConfig({
  test: {
    include: STRYKER_TESTS,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['__tests__/setup/node24.ts'],
  },
});
