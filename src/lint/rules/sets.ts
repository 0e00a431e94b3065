// Rules on sets and on the whole run: counts, duplicates, required slots, locale folders, skipped files.
import { APPSTORE, PLAY } from '../../store/facts.js';
import { getPreset } from '../../store/presets.js';
import type { Hit, LintImage } from '../model.js';
import { displayTypeLabel, where, type Rule } from './shared.js';

export const SET_RULES: readonly Rule[] = [
  // ---- sets: counts and duplicates ----------------------------------------------------------------
  {
    id: 'appstore.count',
    severity: 'error',
    scope: 'set',
    stores: ['appstore'],
    description: `An App Store set (one display size, one locale) holds ${APPSTORE.minPerSet} to ${APPSTORE.maxPerSet} screenshots.`,
    source: 'appleSpecs',
    check: (set) => {
      if (set.count <= APPSTORE.maxPerSet) return [];
      const extra = set.slides
        ? set.slides.slice(APPSTORE.maxPerSet)
        : set.images.slice(APPSTORE.maxPerSet).map((i) => i.path);
      return [
        {
          message: `${set.label} has ${set.count} screenshots; the App Store takes at most ${APPSTORE.maxPerSet} per display size and locale (deliver skips the rest: ${extra.join(', ')})`,
          path: set.folder,
          locale: set.locale,
          preset: set.presetRef,
        },
      ];
    },
  },
  {
    id: 'play.count',
    severity: 'error',
    scope: 'set',
    stores: ['play'],
    description: `A Play device type holds at most ${PLAY.maxPerType} screenshots per locale.`,
    source: 'playPreview',
    check: (set) => {
      if ((set.playKind ?? 'screenshot') !== 'screenshot' || set.count <= PLAY.maxPerType) return [];
      return [
        {
          message: `${set.label} has ${set.count} screenshots; Google Play takes at most ${PLAY.maxPerType} per device type`,
          path: set.folder,
          locale: set.locale,
          preset: set.presetRef,
        },
      ];
    },
  },
  {
    id: 'image.duplicate',
    severity: 'warning',
    scope: 'set',
    stores: ['appstore', 'play'],
    description:
      'No two images in one set have the same bytes (a copied file or a slide rendered from the same input twice).',
    source: 'storeshotsRules',
    check: (set) => {
      const seen = new Map<string, LintImage>();
      const out: Hit[] = [];
      for (const img of set.images) {
        if (!img.facts) continue;
        const first = seen.get(img.facts.sha256);
        if (first)
          out.push({
            ...where(img),
            message: `${img.path} is byte-for-byte the same image as ${first.path} in ${set.label}`,
          });
        else seen.set(img.facts.sha256, img);
      }
      return out;
    },
  },
  {
    id: 'play.promo-eligibility',
    severity: 'warning',
    scope: 'set',
    stores: ['play'],
    description: `For promotion on Play, a phone set has at least ${PLAY.promoMinCount} screenshots of at least ${PLAY.promoMinSide} px at 9:16 or 16:9 ("Highly recommended", not needed to publish).`,
    source: 'playPreview',
    check: (set) => {
      if (set.playFolder !== 'phoneScreenshots' || !set.complete || set.images.length === 0) return [];
      const ok = set.images.filter((i) => {
        if (!i.facts) return false;
        const short = Math.min(i.facts.width, i.facts.height);
        const long = Math.max(i.facts.width, i.facts.height);
        return short >= PLAY.promoMinSide && Math.abs(long / short - 16 / 9) < 0.01;
      });
      return ok.length >= PLAY.promoMinCount
        ? []
        : [
            {
              message: `${set.label} has ${ok.length} screenshot(s) of at least ${PLAY.promoMinSide} px at 9:16 or 16:9; Play asks for ${PLAY.promoMinCount} to make the app eligible for promotion and recommendations`,
              path: set.folder,
              locale: set.locale,
              preset: set.presetRef,
            },
          ];
    },
  },

  // ---- the whole run: required slots, Play's total, locale folders, skipped files ---------------------
  {
    id: 'appstore.required-slot',
    severity: 'error',
    scope: 'run',
    description:
      'An iPhone app provides a 6.9" (Dynamic Island, large) set, or else a 6.5" set, and a 6.3" (Dynamic Island, medium) set; an iPad app provides an iPad 13" set.',
    source: 'appleSpecs',
    unconfirmed:
      'Apple\'s page (read 2026-10) lists the 6.3" set as required while its 6.5" row says otherwise (docs/store-rules.md#app-store-required-sets). Both readings agree on "6.9" or 6.5"" and on iPad 13", which are errors; a missing 6.3" set, or a 6.5" set standing in for the 6.9" one, is a warning.',
    check: (run) => {
      if (!run.stores.has('appstore')) return [];
      // Rendering: what the manifest targets (a --slide or --shard selection still targets every set).
      // Linting files: the display types deliver would find in locale folders; loose files are no listing.
      const types = new Set<string>(
        run.plan
          ? run.plan.presets.flatMap((ref) => getPreset(ref.split('@')[0]!)?.displayType ?? [])
          : run.images.flatMap((img) =>
              img.store === 'appstore' && img.locale && img.displayType ? [img.displayType] : [],
            ),
      );
      const iphone = [...types].some((t) => t.startsWith('APP_IPHONE_'));
      const out: Hit[] = [];
      const [large, medium] = APPSTORE.requiredIphoneDisplayTypes;
      const largeLabel = displayTypeLabel(large);
      const from = run.plan ? 'The manifest has no' : 'No locale folder has an';
      if (iphone) {
        if (!types.has(large) && !types.has('APP_IPHONE_65')) {
          out.push({
            message: `${from} ${largeLabel} set (nor a 6.5" set); App Store Connect requires one to submit an iPhone app. Add appstore.iphone_6_9`,
          });
        } else if (!types.has(large)) {
          out.push({
            message: `${from} ${largeLabel} set; the 6.5" set satisfies the older rule, but Apple's 2026 page lists the Dynamic Island sizes. Add appstore.iphone_6_9`,
            severity: 'warning',
          });
        }
        if (!types.has(medium)) {
          out.push({
            message: `${from} ${displayTypeLabel(medium)} set; Apple's page (2026-10) lists it as required for iPhone apps (sources disagree whether the 6.9" set scales down to it). Add appstore.iphone_6_3`,
            severity: 'warning',
          });
        }
      }
      if (run.targetsIpad && !types.has(APPSTORE.requiredIpadDisplayType)) {
        out.push({
          message: `${from} ${displayTypeLabel(APPSTORE.requiredIpadDisplayType)} set; App Store Connect requires one when the app runs on iPad. Add appstore.ipad_13`,
        });
      }
      return out;
    },
  },
  {
    id: 'play.min-total',
    severity: 'error',
    scope: 'run',
    description: `A Play listing has at least ${PLAY.minTotal} screenshots in total, across device types.`,
    source: 'playPreview',
    check: (run) => {
      const perLocale = new Map<string, number>();
      for (const set of run.sets) {
        // Loose files (no locale folder) are not a listing: only listings have a total.
        if (set.store !== 'play' || (set.playKind ?? 'screenshot') !== 'screenshot' || !set.locale) continue;
        const k = set.locale;
        perLocale.set(k, (perLocale.get(k) ?? 0) + set.count);
      }
      const out: Hit[] = [];
      for (const [locale, n] of perLocale) {
        if (n > 0 && n < PLAY.minTotal) {
          out.push({
            message: `The ${locale} Play listing has ${n} screenshot; Google Play needs at least ${PLAY.minTotal} in total to publish`,
            locale,
          });
        }
      }
      return out;
    },
  },
  {
    id: 'locale.unknown-store-locale',
    severity: 'error',
    scope: 'run',
    description:
      'Every locale folder is a code the store knows (deliver refuses other folder names; supply sends the folder name to Play as the language).',
    source: { appstore: 'fastlaneLanguages', play: 'playLanguages' },
    unconfirmed: "Play's full language list is UNCONFIRMED, so unknown Play folders are warnings.",
    check: (run) =>
      run.localeFolders.map((f) =>
        f.flat
          ? {
              path: f.path,
              locale: f.name,
              store: f.store,
              severity: 'warning' as const,
              message: `${f.path}: "${f.name}" maps to no ${f.store === 'appstore' ? 'App Store' : 'Google Play'} locale, so the fastlane layout leaves these images out; use a code from \`storeshots presets --locales\``,
            }
          : f.store === 'appstore'
            ? {
                path: f.path,
                locale: f.name,
                store: f.store,
                message: `${f.path}: "${f.name}" is not an App Store Connect locale; deliver refuses the upload ("Unsupported directory name(s)"). Rename it to one of the codes in \`storeshots presets --locales\``,
              }
            : {
                path: f.path,
                locale: f.name,
                store: f.store,
                severity: 'warning' as const,
                message: `${f.path}: "${f.name}" is not a Play language code supply knows (Hebrew is iw-IL, Simplified Chinese zh-CN); Play may refuse it`,
              },
      ),
  },
  {
    id: 'fastlane.ignored-file',
    severity: 'warning',
    scope: 'run',
    description:
      'Every image in a fastlane tree is one deliver or supply uploads (right folder, .png/.jpg/.jpeg, not hidden by the _framed rule).',
    source: { appstore: 'fastlaneDeliverLoader', play: 'fastlaneSupply' },
    check: (run) =>
      run.ignored.map((i) => ({ path: i.path, locale: i.locale, store: i.store, message: `${i.path}: ${i.reason}` })),
  },
  {
    id: 'path.unreadable',
    severity: 'warning',
    scope: 'run',
    description: 'Every folder and link under a linted path can be followed (no symlink loops, no permission errors).',
    source: 'storeshotsRules',
    check: (run) => run.unreachable.map((u) => ({ path: u.path, message: `${u.path}: skipped: ${u.reason}` })),
  },

  {
    id: 'output.collision',
    severity: 'error',
    scope: 'run',
    description:
      'No two images of a run are written to the same file (two manifest locales mapped to one store locale overwrite each other).',
    source: 'storeshotsRules',
    check: (run) => {
      const byPath = new Map<string, LintImage[]>();
      for (const img of run.images) if (img.job) byPath.set(img.path, [...(byPath.get(img.path) ?? []), img]);
      return [...byPath.values()]
        .filter((list) => list.length > 1)
        .map((list) => ({
          ...where(list[0]!),
          message: `${list[0]!.path} is written by ${list.map((i) => i.job!.id).join(' and ')}; the later one overwrites the earlier. Locales ${[...new Set(list.map((i) => i.locale))].join(' and ')} map to the same store locale: keep one of them`,
        }));
    },
  },
];
