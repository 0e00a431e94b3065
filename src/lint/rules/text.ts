// Rules on text, from the renderer's layout (size, fit, contrast, glyphs) and the plan (translations).
import { contrastRatio } from '../../util/contrast.js';
import { hit, round1, TEXT_MIN_READABLE, WCAG_AA, type Rule } from './shared.js';

const LARGE_TEXT: ReadonlySet<string> = new Set(['headline', 'stat', 'quote', 'award']);

export const TEXT_RULES: readonly Rule[] = [
  // ---- text, from the renderer's layout -------------------------------------------------------------
  {
    id: 'text.overflow',
    severity: 'error',
    scope: 'text',
    description:
      "Headline and subtitle fit their box at or above the style's smallest size (else they are cut off or run into the device).",
    source: 'storeshotsRules',
    check: (img, t) =>
      t.overflow
        ? [
            hit(
              img,
              `${img.path}: the ${t.kind} "${t.text}" does not fit its ${Math.round(t.box.width)}x${Math.round(t.box.height)} px box even at the smallest allowed size (${t.minFontSize} px; it needed ${round1(t.fitFontSize)} px). Shorten the text, allow more lines or lower ${t.kind}.min-size`,
            ),
          ]
        : [],
  },
  {
    id: 'text.set-size',
    severity: 'warning',
    scope: 'text',
    description:
      'No one slide pulls the type size its whole set shares 10% or more below what the other slides would take (shorten that text or give it more lines).',
    source: 'storeshotsRules',
    check: (img, t) =>
      t.shrinksSet
        ? [
            hit(
              img,
              `${img.path}: the ${t.kind} "${t.text}" sets the ${t.kind} of every slide in its set at ${round1(t.shrinksSet.size)} px; without it they would be ${round1(t.shrinksSet.without)} px (${Math.round((t.shrinksSet.without / t.shrinksSet.size - 1) * 100)}% larger). Shorten it or give it more lines`,
            ),
          ]
        : [],
  },
  {
    id: 'text.too-small',
    severity: 'warning',
    scope: 'text',
    description: `Text is set at ${TEXT_MIN_READABLE * 100}% of the image's shorter side or larger, so it stays readable at store thumbnail size.`,
    source: 'storeshotsRules',
    check: (img, t) => {
      const w = img.facts?.width ?? img.job?.size.width;
      const h = img.facts?.height ?? img.job?.size.height;
      if (!w || !h) return [];
      const floor = Math.round(TEXT_MIN_READABLE * Math.min(w, h));
      return t.fontSize < floor
        ? [
            hit(
              img,
              `${img.path}: the ${t.kind} "${t.text}" is set at ${round1(t.fontSize)} px, below ${floor} px (${TEXT_MIN_READABLE * 100}% of ${Math.min(w, h)} px), too small to read in the store; shorten it or raise ${t.kind}.min-size`,
            ),
          ]
        : [];
    },
  },
  {
    id: 'text.illegible',
    severity: 'error',
    scope: 'text',
    description: `A headline's contrast against the background behind it is at least ${WCAG_AA.large}:1 (WCAG 2.1 AA for large text); below that it cannot be read in the store.`,
    source: 'wcag',
    check: (img, t) => {
      const ratio = contrastRatio(t.color, t.background);
      return t.kind === 'headline' && ratio !== undefined && ratio < WCAG_AA.large
        ? [
            hit(
              img,
              `${img.path}: the headline "${t.text}" (${t.color}) has a contrast of ${ratio.toFixed(2)}:1 against the background behind it (${t.background}), below the ${WCAG_AA.large}:1 WCAG AA asks for large text: it cannot be read. Remove headline.color (auto picks a readable one) or change it or the background`,
            ),
          ]
        : [];
    },
  },
  {
    id: 'text.contrast',
    severity: 'warning',
    scope: 'text',
    description: `Text other than the headline meets WCAG 2.1 AA against the background behind it (${WCAG_AA.large}:1 for stats, quotes and awards, which are set large; ${WCAG_AA.normal}:1 for other text); headlines are text.illegible's.`,
    source: 'wcag',
    check: (img, t) => {
      const ratio = contrastRatio(t.color, t.background);
      // The big content texts (stats, quotes, awards) are set large.
      const need = LARGE_TEXT.has(t.kind) ? WCAG_AA.large : WCAG_AA.normal;
      return t.kind !== 'headline' && ratio !== undefined && ratio < need
        ? [
            hit(
              img,
              `${img.path}: the ${t.kind} "${t.text}" (${t.color}) has a contrast of ${ratio.toFixed(2)}:1 against the background behind it (${t.background}); WCAG AA asks for ${need}:1. Darken the background or change ${t.kind}.color`,
            ),
          ]
        : [];
    },
  },
  {
    id: 'text.under-callout',
    severity: 'warning',
    scope: 'text',
    description: 'No call-out (a magnified region of the screenshot) is drawn over the headline or subtitle.',
    source: 'storeshotsRules',
    check: (img, t) =>
      t.underCallout
        ? [
            hit(
              img,
              `${img.path}: a call-out covers the ${t.kind} "${t.text}"; move it (callouts[].position, or a region lower on the screenshot) or shorten the text`,
            ),
          ]
        : [],
  },
  {
    id: 'text.missing-glyph',
    severity: 'error',
    scope: 'text',
    description: 'Every character of the text is covered by a loaded font (no empty boxes).',
    source: 'storeshotsRules',
    check: (img, t) =>
      t.missingGlyphs.length
        ? [
            hit(
              img,
              `${img.path}: no font covers ${t.missingGlyphs.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')} in the ${t.kind} "${t.text}"; add a font for this script under fonts:`,
            ),
          ]
        : [],
  },
  {
    id: 'text.missing-translation',
    severity: 'warning',
    scope: 'job',
    description: 'Every locale has its own headline and subtitle; a fallback to fallback-locale is reported.',
    source: 'storeshotsRules',
    check: (job) =>
      (['headline', 'subtitle'] as const).flatMap((kind) => {
        const t = job[kind];
        if (t?.origin !== 'fallback') return [];
        return [
          {
            path: job.output.path,
            locale: job.locale,
            preset: job.preset,
            slide: job.slide,
            message: `${job.output.path}: no ${job.locale} ${kind} for slide "${job.slide}"${t.key ? ` (key "${t.key}")` : ''}; the ${t.locale} text "${t.text}" is shown instead`,
          },
        ];
      }),
  },
  {
    id: 'text.untranslated',
    severity: 'warning',
    scope: 'job',
    description:
      "A locale's text is not word-for-word the fallback locale's text (probably copied, not translated); keys marked not to be translated are exempt.",
    source: 'storeshotsRules',
    check: (job, plan) =>
      (['headline', 'subtitle'] as const).flatMap((kind) => {
        const own = job[kind];
        if (!own?.sameAsFallback) return [];
        return [
          {
            path: job.output.path,
            locale: job.locale,
            preset: job.preset,
            slide: job.slide,
            message: `${job.output.path}: the ${job.locale} ${kind} of slide "${job.slide}" is the same as the ${plan.fallbackLocale ?? 'fallback'} one ("${own.text}"); is it translated?`,
          },
        ];
      }),
  },
];
