// Social proof and promotion on Google Play: Play's guidelines for preview assets discourage
// ratings, awards, "#1"/"best" claims and calls to action in screenshots (docs/store-rules.md#google-play-content-of-screenshots),
// while App Store screenshots commonly show them. Checked from the plan: what the slide asks to draw.
import type { Job } from '../../plan/types.js';
import { contentTexts } from '../../plan/content.js';
import { PLAY } from '../../store/facts.js';
import type { Hit } from '../model.js';
import type { Rule } from './shared.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as a whole word (a leading # or a trailing . is part of it). */
const phrase = (p: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(p)}(?![\\p{L}\\p{N}])`, 'iu');
const CLAIMS = PLAY.discouraged.claims.map((p) => [p, phrase(p)] as const);
const CTAS = PLAY.discouraged.callsToAction.map((p) => [p, phrase(p)] as const);

/** What on the slide Play discourages: each as a short description. */
export function promoClaims(job: Job): string[] {
  const out: string[] = [];
  const c = job.content;
  if (c?.rating) out.push(`a rating (${c.rating.stars} stars)`);
  if (c?.award) out.push(`an award ("${c.award.text}")`);
  const texts: Array<[string, string]> = [
    ...(['headline', 'subtitle'] as const).flatMap((k): Array<[string, string]> => (job[k] ? [[k, job[k].text]] : [])),
    ...contentTexts(c)
      .filter(([what]) => what !== 'award')
      .map(([what, t]): [string, string] => [what, t.text]),
  ];
  for (const [what, text] of texts) {
    for (const [p, re] of CLAIMS) if (re.test(text)) out.push(`the claim "${p}" in the ${what} "${text}"`);
    for (const [p, re] of CTAS) if (re.test(text)) out.push(`the call to action "${p}" in the ${what} "${text}"`);
  }
  return out;
}

export const PROMO_RULES: readonly Rule[] = [
  {
    id: 'play.promo-claims',
    severity: 'warning',
    scope: 'job',
    description:
      'Google Play images show no ratings, awards, ranking or superlative claims ("#1", "best") or calls to action ("Download now"), which Play\'s guidelines discourage (App Store images may).',
    source: 'playPreview',
    check: (job): Hit[] => {
      if (job.store !== 'play') return [];
      const found = promoClaims(job);
      if (!found.length) return [];
      return [
        {
          path: job.output.path,
          locale: job.locale,
          preset: job.preset,
          slide: job.slide,
          message: `${job.output.path}: slide "${job.slide}" shows ${found.join(', ')}; Google Play's guidelines ask screenshots not to show ratings, awards, claims such as "#1" or "best" or calls to action. Keep this slide to App Store presets (slides[].presets)`,
        },
      ];
    },
  },
];
