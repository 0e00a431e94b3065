// The modules `npm run mutation` measures (issue #14), each with the test files that import its
// source directly (tests of the built dist/ bundle cannot see a mutant in src/). A module with
// `partOf` measures a part of another one: once that one is measured, the part leaves the total
// (each mutant is counted once).
export const MODULES = [
  {
    name: 'signature',
    mutate: ['src/util/signature.ts'],
    tests: ['__tests__/server-signature.test.ts', '__tests__/unit-signature.test.ts'],
  },
  {
    name: 'net',
    // The address rules moved from net.ts to address.ts (2026-12-02, so the CLI's capture can use them
    // without the HTTP client): both files are the SSRF guard, and net.ts's tests exercise both.
    mutate: ['src/server/net.ts', 'src/server/address.ts'],
    tests: ['__tests__/server-ssrf.test.ts', '__tests__/unit-server-net.test.ts'],
  },
  { name: 'access', mutate: ['src/server/access.ts'], tests: ['__tests__/unit-server-access.test.ts'] },
  {
    name: 'idempotency',
    mutate: ['src/server/idempotency.ts'],
    tests: ['__tests__/unit-server-idempotency.test.ts', '__tests__/unit-server-idempotency-shared.test.ts'],
  },
  { name: 'collect', mutate: ['src/action/modes/collect.ts'], tests: ['__tests__/unit-collect.test.ts'] },
  // The checks collect makes before it fetches anything and of whose render it is (lines 53-98): a
  // part of collect.ts that can be measured in minutes rather than hours on a busy machine.
  {
    name: 'collect-checks',
    mutate: ['src/action/modes/collect.ts:53-98'],
    partOf: 'collect',
    tests: ['__tests__/unit-collect.test.ts'],
  },
  // Where each image is written (flat and fastlane layouts): small, measured on its own.
  { name: 'output-path', mutate: ['src/plan/output-path.ts'], tests: ['__tests__/layout.test.ts'] },
  {
    name: 'plan',
    mutate: ['src/plan/plan.ts', 'src/plan/pseudo.ts'],
    ignoreStatic: true,
    // Every test file that plans from src/ without rendering much (2026-12-03: with only the first
    // five, 361 of 1,021 mutants survived, most of them in what the manifest-hostile, slides, design
    // and render-layout tests check: style layers' files, appearances, content slides, shards).
    tests: [
      '__tests__/plan.test.ts',
      '__tests__/manifest.test.ts',
      '__tests__/l10n-plan.test.ts',
      '__tests__/layout.test.ts',
      '__tests__/l10n-pseudo.test.ts',
      '__tests__/manifest-hostile.test.ts',
      '__tests__/manifest-validators.test.ts',
      '__tests__/slides-manifest.test.ts',
      '__tests__/design-appearance.test.ts',
      '__tests__/design-icon-theme.test.ts',
      '__tests__/design-layout.test.ts',
      '__tests__/render-layout.test.ts',
      '__tests__/cache-key.test.ts',
      '__tests__/l10n-readers.test.ts',
      '__tests__/l10n-frameit.test.ts',
    ],
  },
  // Parts of plan.ts measurable in minutes (buildPlan itself is one 450-line function that nearly
  // every plan test covers: about 40 minutes on two quiet cores): style layers and locale-style
  // precedence, {placeholder} patterns and sizes (lines 58-130), shards and --only/--locale
  // selection (584-636), and the pseudo-locales.
  {
    name: 'plan-parts',
    mutate: ['src/plan/plan.ts:58-130', 'src/plan/plan.ts:584-636', 'src/plan/pseudo.ts'],
    partOf: 'plan',
    ignoreStatic: true,
    tests: [
      '__tests__/plan.test.ts',
      '__tests__/manifest.test.ts',
      '__tests__/l10n-plan.test.ts',
      '__tests__/l10n-pseudo.test.ts',
      '__tests__/render-layout.test.ts',
    ],
  },
  // The sizes buildPlan accepts for a preset (Play's any-size bounds, a landscape reference given a
  // portrait size, a size a fixed preset does not take; lines 198-229), with
  // plan.test (where those refusals are tested): a part of plan measurable in a session on a busy machine.
  {
    name: 'plan-presets',
    mutate: ['src/plan/plan.ts:198-229'],
    partOf: 'plan',
    ignoreStatic: true,
    tests: ['__tests__/plan.test.ts'],
  },
  // The rest of src/plan: content slides' text (content.ts), the call-out's checks (callout-check.ts)
  // and the text colour chosen against the background (text-colour.ts), written after plan was first
  // measured, with the planning and design tests that reach them from src/.
  {
    name: 'plan-design',
    mutate: ['src/plan/content.ts', 'src/plan/callout-check.ts', 'src/plan/text-colour.ts'],
    ignoreStatic: true,
    tests: [
      '__tests__/plan-content.test.ts',
      '__tests__/design-layout.test.ts',
      '__tests__/slides-manifest.test.ts',
      '__tests__/plan.test.ts',
      '__tests__/manifest-hostile.test.ts',
      '__tests__/render-slides.test.ts',
      '__tests__/lint-rules.test.ts',
      '__tests__/l10n-readers.test.ts',
    ],
  },
  {
    name: 'store',
    mutate: ['src/store/**/*.ts'],
    // The store facts are module-level tables: the vitest runner never activates a static mutant.
    ignoreStatic: true,
    // deliverDisplayType, resolvePreset's refusals and presetRefs are reached through lint on real
    // files (lint-paths, lint-appstore, lint-play) and the locale maps through l10n planning.
    tests: [
      '__tests__/presets.test.ts',
      '__tests__/store-lookup.test.ts',
      '__tests__/layout.test.ts',
      '__tests__/plan.test.ts',
      '__tests__/lint-rules.test.ts',
      '__tests__/lint-paths.test.ts',
      '__tests__/lint-appstore.test.ts',
      '__tests__/lint-play.test.ts',
      '__tests__/l10n-plan.test.ts',
    ],
  },
  {
    name: 'lint',
    // The rule files measured on their own below are left out here: each mutant is counted once.
    mutate: ['src/lint/**/*.ts', '!src/lint/rules/appstore.ts', '!src/lint/rules/play.ts', '!src/lint/rules/sets.ts'],
    ignoreStatic: true,
    tests: [
      '__tests__/lint-header.test.ts',
      '__tests__/lint-paths.test.ts',
      '__tests__/lint-appstore.test.ts',
      '__tests__/lint-play.test.ts',
      '__tests__/lint-planted.test.ts',
      '__tests__/lint-rules.test.ts',
      '__tests__/layout.test.ts',
      '__tests__/action-units.test.ts',
    ],
  },
  // The file rules (unreadable, extension, EXIF orientation), the text rules (overflow, set size,
  // contrast, glyphs, translations) and their helpers: the part of the rest of src/lint measurable
  // in a session on a busy machine.
  {
    name: 'lint-files-text',
    mutate: ['src/lint/rules/files.ts', 'src/lint/rules/text.ts', 'src/lint/rules/shared.ts', 'src/lint/links.ts'],
    partOf: 'lint',
    ignoreStatic: true,
    tests: [
      '__tests__/lint-rules.test.ts',
      '__tests__/lint-planted.test.ts',
      '__tests__/lint-paths.test.ts',
      '__tests__/lint-appstore.test.ts',
      '__tests__/lint-play.test.ts',
      // src/lint/links.ts (a finding's rule link and docs/lint.md anchor) is tested with the Action's links.
      '__tests__/action-units.test.ts',
    ],
  },
  // The rest of src/lint beside lint-files-text and the three rule files measured on their own: the
  // image header reader (header.ts), collecting the files to lint (collect.ts), running the rules and
  // the report (index.ts, model.ts, rules.ts) and the promotional-text rules (rules/promo.ts). With
  // lint-files-text it covers the whole of the `lint` module, in two runs that each fit a session.
  {
    name: 'lint-rest',
    mutate: [
      'src/lint/header.ts',
      'src/lint/collect.ts',
      'src/lint/index.ts',
      'src/lint/model.ts',
      'src/lint/rules.ts',
      'src/lint/rules/promo.ts',
    ],
    partOf: 'lint',
    ignoreStatic: true,
    tests: [
      '__tests__/lint-header.test.ts',
      '__tests__/lint-header-broken.test.ts',
      '__tests__/lint-collect.test.ts',
      '__tests__/lint-paths.test.ts',
      '__tests__/lint-appstore.test.ts',
      '__tests__/lint-play.test.ts',
      '__tests__/lint-planted.test.ts',
      '__tests__/lint-rules.test.ts',
      '__tests__/layout.test.ts',
      '__tests__/action-units.test.ts',
      '__tests__/slides-manifest.test.ts',
      '__tests__/design-appearance.test.ts',
    ],
  },
  // The text rules that measure (text.too-small, text.illegible, text.contrast), with lint-rules:
  // what could be measured of lint-files-text in a session with the machine at a load of 30.
  {
    name: 'lint-text',
    mutate: ['src/lint/rules/text.ts:45-104'],
    partOf: 'lint-files-text',
    ignoreStatic: true,
    tests: ['__tests__/lint-rules.test.ts'],
  },
  // The App Store rules (counts, sizes, alpha, formats) on their own: measurable in minutes.
  {
    name: 'lint-appstore',
    mutate: ['src/lint/rules/appstore.ts'],
    ignoreStatic: true,
    tests: [
      '__tests__/lint-rules.test.ts',
      '__tests__/lint-planted.test.ts',
      '__tests__/lint-paths.test.ts',
      '__tests__/lint-appstore.test.ts',
    ],
  },
  // The Play rules (formats, sides, aspect ratio, file sizes, the feature graphic, icon and TV banner).
  {
    name: 'lint-play',
    mutate: ['src/lint/rules/play.ts'],
    ignoreStatic: true,
    tests: [
      '__tests__/lint-rules.test.ts',
      '__tests__/lint-planted.test.ts',
      '__tests__/lint-paths.test.ts',
      '__tests__/lint-play.test.ts',
    ],
  },
  // Set and run rules: counts, duplicates, promotion eligibility, required slots, Play's total,
  // locale folders, skipped files and output collisions.
  {
    name: 'lint-sets',
    mutate: ['src/lint/rules/sets.ts'],
    ignoreStatic: true,
    tests: ['__tests__/lint-rules.test.ts', '__tests__/lint-planted.test.ts', '__tests__/lint-paths.test.ts'],
  },
  {
    name: 'render-text-layout',
    mutate: ['src/render/text.ts', 'src/render/layout.ts'],
    ignoreStatic: true,
    // Line breaking, fitting and bidi runs are pinned by render-breaks and, as strings and numbers
    // (every branch of text.ts), by render-wrap; the set facts and the layout of designed slides by
    // design-layout, render-slides and render-break-data (all from src/, no Chromium).
    tests: [
      '__tests__/render-layout.test.ts',
      '__tests__/render-breaks.test.ts',
      '__tests__/render-wrap.test.ts',
      '__tests__/design-layout.test.ts',
      '__tests__/render-slides.test.ts',
      '__tests__/render-break-data.test.ts',
      // Placement as numbers (layout kinds, columns, RTL, devices, set sizes, accents): layout.ts.
      '__tests__/render-placement.test.ts',
    ],
  },
  // Fitting a text block (fitSize and fitsWith: the largest size that wraps into max-lines, and when
  // hyphenation is tried), with render-layout only: a part of
  // render-text-layout measurable in a session on a busy machine (the whole is about 1,200 mutants;
  // render-breaks loads the break data of every store locale for each mutant).
  {
    name: 'render-fit',
    mutate: ['src/render/text.ts:335-348'],
    partOf: 'render-text-layout',
    ignoreStatic: true,
    tests: ['__tests__/render-layout.test.ts'],
  },
  {
    name: 'github',
    // comment.ts is measured on its own (github-comment).
    mutate: ['src/github/**/*.ts', '!src/github/comment.ts'],
    // The tests of src/github itself against the loopback GitHub. action-publish (the publishing steps,
    // which reach the same code through the Action's modes) is left out: it runs the artifact client
    // and whole publish flows per mutant, and a run with it could not finish on this machine (the
    // score is a lower bound).
    tests: ['__tests__/action-github.test.ts', '__tests__/github-refusals.test.ts'],
  },
  // How a plan's sets become render requests (body, canvas, the Idempotency-Key, files that cannot
  // travel): measurable in minutes, unlike the whole of src/remote whose end-to-end tests start the service.
  { name: 'remote-request', mutate: ['src/remote/request.ts'], tests: ['__tests__/remote-client.test.ts'] },
  // The sticky pull-request comment (marker, size cut, run stamps, find and upsert): measurable in
  // minutes against the loopback GitHub.
  { name: 'github-comment', mutate: ['src/github/comment.ts'], tests: ['__tests__/action-github.test.ts'] },
  // The rest of src/remote in two rows, each measurable on its own within a session on a busy machine
  // (together they are src/remote with request.ts above: each mutant is counted once). Only the tests
  // against loopback fakes (the render API of fakes/render-api.ts, checked against our OpenAPI
  // description): remote-e2e and unit-collect start the real service for every mutant.
  {
    name: 'remote-client',
    mutate: ['src/remote/client.ts'],
    tests: ['__tests__/remote-client.test.ts', '__tests__/remote-run.test.ts'],
  },
  {
    name: 'remote-run',
    mutate: ['src/remote/run.ts'],
    tests: ['__tests__/remote-client.test.ts', '__tests__/remote-run.test.ts'],
  },
];
