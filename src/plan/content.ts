// A slide's content beyond headline and subtitle (feature list, stats, quote, rating, award,
// before/after labels), each text resolved per locale exactly like a headline (inline maps,
// strings-file keys, fallback), and the checks that a layout has the content it draws.
import type { Localized, SlideEntry } from '../manifest/types.js';
import type { ResolvedText, SlideContent } from './types.js';

type Resolve = (value: Localized | undefined, fp: Array<string | number>) => ResolvedText | undefined;

/** The slide's content in one locale; undefined when it has none. */
export function resolveContent(
  s: Pick<SlideEntry, 'items' | 'stats' | 'quote' | 'rating' | 'award' | 'labels'>,
  fp: Array<string | number>,
  resolve: Resolve,
): SlideContent | undefined {
  const c: SlideContent = {};
  if (s.items)
    c.items = s.items.map((it, i) => ({
      ...(it.icon ? { icon: it.icon } : {}),
      text: resolve(it.text, [...fp, 'items', i, 'text']) ?? empty(),
    }));
  if (s.stats)
    c.stats = s.stats.map((st, i) => ({
      value: resolve(st.value, [...fp, 'stats', i, 'value']) ?? empty(),
      ...optional('label', resolve(st.label, [...fp, 'stats', i, 'label'])),
    }));
  if (s.quote)
    c.quote = {
      text: resolve(s.quote.text, [...fp, 'quote', 'text']) ?? empty(),
      ...optional('source', resolve(s.quote.source, [...fp, 'quote', 'source'])),
    };
  if (s.rating)
    c.rating = { stars: s.rating.stars, ...optional('count', resolve(s.rating.count, [...fp, 'rating', 'count'])) };
  const award = resolve(s.award, [...fp, 'award']);
  if (award) c.award = award;
  if (s.labels)
    c.labels = {
      ...optional('before', resolve(s.labels.before, [...fp, 'labels', 'before'])),
      ...optional('after', resolve(s.labels.after, [...fp, 'labels', 'after'])),
    };
  return Object.keys(c).length ? c : undefined;
}

const empty = (): ResolvedText => ({ text: '', origin: 'inline', locale: '' });
const optional = <K extends string>(k: K, v: ResolvedText | undefined) =>
  (v ? { [k]: v } : {}) as Partial<Record<K, ResolvedText>>;

/** Layouts that draw no device, so a slide with them takes no screenshot from the screenshots pattern. */
export function withoutDevice(layout: string | undefined): boolean {
  return layout === 'feature-list' || layout === 'stats' || layout === 'quote';
}

/** What of the content decides pixels (the render cache key): the texts and the stars, not where they were read. */
export function contentKey(c: SlideContent): unknown {
  return { texts: contentTexts(c).map(([what, t]) => [what, t.text]), stars: c.rating?.stars ?? null };
}

/** A slide's content as plain strings: what the render API carries (docs/render-api.md). */
export interface ContentText {
  items?: Array<{ icon?: string; text: string }>;
  stats?: Array<{ value: string; label?: string }>;
  quote?: { text: string; source?: string };
  rating?: { stars: number; count?: string };
  award?: string;
  labels?: { before?: string; after?: string };
}

/** The content's texts as plain strings (a remote render request). */
export function contentToText(c: SlideContent): ContentText {
  return JSON.parse(
    JSON.stringify(c, (_key, v) => (v && typeof v === 'object' && 'origin' in v && 'text' in v ? v.text : v)),
  ) as ContentText;
}

/** Plain strings back to content, each text inline in the locale (the service's jobs). */
export function contentFromText(c: ContentText, locale: string): SlideContent {
  const t = (text: string) => ({ text, origin: 'inline' as const, locale });
  const opt = <K extends string>(k: K, v: string | undefined) =>
    (v !== undefined ? { [k]: t(v) } : {}) as Partial<Record<K, ResolvedText>>;
  const out: SlideContent = {};
  if (c.items) out.items = c.items.map((i) => ({ ...(i.icon ? { icon: i.icon } : {}), text: t(i.text) }));
  if (c.stats) out.stats = c.stats.map((s) => ({ value: t(s.value), ...opt('label', s.label) }));
  if (c.quote) out.quote = { text: t(c.quote.text), ...opt('source', c.quote.source) };
  if (c.rating) out.rating = { stars: c.rating.stars, ...opt('count', c.rating.count) };
  if (c.award !== undefined) out.award = t(c.award);
  if (c.labels) out.labels = { ...opt('before', c.labels.before), ...opt('after', c.labels.after) };
  return out;
}

/** What each content layout needs, for a message naming the slide's field. */
const NEEDS: Partial<Record<string, { field: 'items' | 'stats' | 'quote'; what: string }>> = {
  'feature-list': { field: 'items', what: 'a list of items ({icon, text})' },
  stats: { field: 'stats', what: 'a list of stats ({value, label})' },
  quote: { field: 'quote', what: 'a quote ({text, source})' },
};

/** A problem when the slide's layout draws content the slide does not have: [field, what is expected]. */
export function missingContent(s: SlideEntry, layout: string | undefined): { field: string; what: string } | undefined {
  const need = layout ? NEEDS[layout] : undefined;
  if (!need || s[need.field] !== undefined) return undefined;
  return { field: need.field, what: need.what };
}

/** Every text of the content with what it is, for glyph coverage and lint. */
export function contentTexts(c: SlideContent | undefined): Array<[string, ResolvedText]> {
  if (!c) return [];
  const out: Array<[string, ResolvedText | undefined]> = [
    ...(c.items ?? []).map((it): [string, ResolvedText] => [
      'item',
      { ...it.text, text: `${it.icon ?? ''} ${it.text.text}` },
    ]),
    ...(c.stats ?? []).flatMap(
      (st): Array<[string, ResolvedText | undefined]> => [
        ['stat', st.value],
        ['stat label', st.label],
      ],
    ),
    ['quote', c.quote?.text],
    ['quote source', c.quote?.source],
    ['rating count', c.rating?.count],
    ['award', c.award],
    ['before label', c.labels?.before],
    ['after label', c.labels?.after],
  ];
  return out.filter((x): x is [string, ResolvedText] => !!x[1]?.text);
}
