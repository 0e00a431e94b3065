// AppScreen's render request (https://appscreen.co/docs/api/) as a whole-set job: its multipart fields
// (screens, theme, sizes, langs, captions, fields, layout, rounded) become the body of POST /v1/sets
// (a manifest plus the uploaded screens), so the set core checks, renders and archives it. Every
// refusal names the AppScreen field at fault. docs/render-api.md#appscreen says what maps to what.
import { badRequest } from '../../errors.js';

/** AppScreen themes as built-in themes plus style tokens (docs/render-api.md#appscreen). */
const THEMES: Record<string, { theme: string; style?: Record<string, unknown> }> = {
  // One solid colour: aurora's first stop, as a gradient of one colour (styles merge, so a gradient cannot be dropped).
  flat: { theme: 'aurora', style: { background: { type: 'linear', gradient: ['#4f46e5', '#4f46e5'] } } },
  paper: { theme: 'paper' },
  // A device frame on a gradient: aurora is that look.
  frame: { theme: 'aurora', style: { device: { frame: 'auto' } } },
  // The screenshot as a frameless rounded card with a shadow, on paper.
  card: { theme: 'paper', style: { device: { frame: 'none', fit: 'crop', scale: 0.92, shadow: true } } },
  glass: { theme: 'glass' },
  mesh: { theme: 'mesh' },
  image: { theme: 'photo' },
};

/** AppScreen sizes as manifest presets: ios-6.7 is the 6.7" size (1290x2796) the 6.9" App Store slot takes. */
const SIZES: Record<string, string | { id: string; size: string }> = {
  'ios-6.9': 'appstore.iphone_6_9',
  'ios-6.7': { id: 'appstore.iphone_6_9', size: '1290x2796' },
  'ios-6.5': 'appstore.iphone_6_5',
  play: 'play.phone',
};

const slotOf = (p: string | { id: string }) => (typeof p === 'string' ? p : p.id);

/** What the set core calls a field, as AppScreen's form calls it (`manifest.presets[1].id` is `sizes[1]`). */
export function formField(param: string): string {
  return param
    .replace(/^manifest\.presets\[(\d+)\].*$/, 'sizes[$1]')
    .replace(/^manifest\.locales\[(\d+)\].*$/, 'langs[$1]')
    .replace(/^manifest\.slides\[(\d+)\]\.(headline|subtitle).*$/, 'captions[$1]')
    .replace(/^manifest\.slides\[(\d+)\].*$/, 'screens[$1]')
    .replace(/^files\["screens\/(\d+)\.png"\]$/, (_, n: string) => `screens[${Number(n) - 1}]`)
    .replace(/^manifest\.theme$/, 'theme');
}

/** Layouts: AppScreen's default is a flat zip; the others are the set core's (which refuses the framework
 * layouts without a public convention for where fastlane lives). */
const LAYOUTS: Record<string, string> = {
  default: 'flat',
  fastlane: 'fastlane',
  flutter: 'flutter',
  'react-native': 'react-native',
  capacitor: 'capacitor',
  kmm: 'kmm',
};

/** Bare language codes as the store locales their fastlane folders use (others pass through as BCP 47). */
const LANGS: Record<string, string> = { en: 'en-US', es: 'es-ES', fr: 'fr-FR', pt: 'pt-BR', zh: 'zh-Hans' };

export const MAX_SCREENS = 200;
export const MAX_LANGS = 15;
export const SCREEN_BYTES = 10 * 1024 * 1024;

function json(raw: string | undefined, field: string): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest(
      `Expected a JSON string for ${field} but received ${JSON.stringify(raw.slice(0, 60))}`,
      field,
      'invalid_json',
    );
  }
}

function stringArray(v: unknown, field: string, max: number): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string'))
    throw badRequest(`Expected a non-empty JSON array of strings for ${field}`, field);
  if (v.length > max)
    throw badRequest(`Expected at most ${max} items for ${field} but received ${v.length}`, field, 'too_many_items');
  return v as string[];
}

interface PmNode {
  type?: unknown;
  text?: unknown;
  content?: unknown;
  marks?: unknown;
}

/** A ProseMirror-style doc as our caption text: paragraphs are lines, bold (strong) marks become **accent**. */
export function docText(doc: unknown, field: string): string {
  const node = doc as PmNode;
  if (!node || typeof node !== 'object' || node.type !== 'doc' || !Array.isArray(node.content))
    throw badRequest(`Expected a rich-text doc {"type": "doc", "content": [...]} for ${field}`, field);
  const lines = node.content.map((p: PmNode, i) => {
    const at = `${field}.content[${i}]`;
    if (!p || typeof p !== 'object' || (p.type !== 'paragraph' && p.type !== 'heading'))
      throw badRequest(`Expected a paragraph for ${at}`, at);
    if (p.content === undefined) return '';
    if (!Array.isArray(p.content)) throw badRequest(`Expected an array for ${at}.content`, `${at}.content`);
    return p.content
      .map((t: PmNode, k) => {
        const tat = `${at}.content[${k}]`;
        if (t?.type === 'hardBreak') return '\n';
        if (t?.type !== 'text' || typeof t.text !== 'string')
          throw badRequest(`Expected a text node {"type": "text", "text": "…"} for ${tat}`, tat);
        const marks = Array.isArray(t.marks) ? (t.marks as PmNode[]) : [];
        const bold = marks.some((m) => m?.type === 'bold' || m?.type === 'strong');
        return bold && t.text.trim() ? `**${t.text}**` : t.text;
      })
      .join('');
  });
  return lines.join('\n').trim();
}

export interface AppScreenForm {
  /** Ours (AppScreen's translate request is unpublished): `true` fills the captions of every language after
   * the first (the source) by machine translation before the set is made (docs/render-api.md#appscreen). */
  translate?: string;
  theme?: string;
  sizes?: string;
  langs?: string;
  captions?: string;
  fields?: string;
  layout?: string;
  rounded?: string;
}

/** A caption to machine-translate: the source text of one field of one screen, and the locales it lacks. */
export interface CaptionToTranslate {
  /** Index into manifest.slides. */
  slide: number;
  /** headline or subtitle. */
  to: string;
  /** The AppScreen field it came from, e.g. captions[0].texts.Headline. */
  field: string;
  text: string;
  missing: string[];
}

/** With `translate=true`: the source locale (langs[0]) and the captions to fill. */
export interface TranslatePlan {
  source: string;
  /** Every locale but the source, each with the `langs` index it came from. */
  targets: Array<{ locale: string; lang: number }>;
  captions: CaptionToTranslate[];
}

/**
 * The POST /v1/sets body for an AppScreen request with `screens` uploaded as the given file names, and
 * the variants when two sizes share a store slot (each size in its own folder), `rounded`, and what to
 * translate when `translate` is on (the body then holds only the source's captions).
 */
export function setBody(
  form: AppScreenForm,
  screens: string[],
): {
  body: Record<string, unknown>;
  variants?: Array<{ folder: string; presets: unknown[] }>;
  rounded?: boolean;
  translate?: TranslatePlan;
} {
  if (screens.length === 0) throw badRequest('Expected at least one PNG in screens', 'screens', 'parameter_missing');
  if (screens.length > MAX_SCREENS)
    throw badRequest(
      `Expected at most ${MAX_SCREENS} files for screens but received ${screens.length}`,
      'screens',
      'too_many_items',
    );

  const themeName = form.theme ?? 'paper';
  const theme = THEMES[themeName];
  if (!theme)
    throw badRequest(
      `Expected one of ${Object.keys(THEMES).join(', ')} for theme but received ${JSON.stringify(themeName.slice(0, 40))}`,
      'theme',
    );

  const sizes = stringArray(json(form.sizes, 'sizes'), 'sizes', Object.keys(SIZES).length) ?? ['ios-6.9'];
  const presets = sizes.map((s, i) => {
    const p = SIZES[s];
    if (!p)
      throw badRequest(
        `Expected one of ${Object.keys(SIZES).join(', ')} for sizes[${i}] but received ${JSON.stringify(s.slice(0, 40))}`,
        `sizes[${i}]`,
      );
    const first = sizes.indexOf(s);
    if (first !== i) throw badRequest(`sizes[${i}] repeats sizes[${first}] (${s})`, `sizes[${i}]`);
    return p;
  });
  // ios-6.9 and ios-6.7 fill one App Store slot (6.9" iPhone, which takes either size): a manifest lists a
  // slot once, so each size is rendered as a variant of the job in its own folder of the zip. In store
  // folders they would collide: deliver uploads every file of a locale folder into the slot its size maps
  // to, so both sets would land in the one slot.
  const shared = presets.findIndex((p, i) => presets.findIndex((o) => slotOf(o) === slotOf(p)) !== i);
  const layoutName = form.layout ?? 'default';
  const layout = LAYOUTS[layoutName];
  if (!layout)
    throw badRequest(
      `Expected one of ${Object.keys(LAYOUTS).join(', ')} for layout but received ${JSON.stringify(layoutName.slice(0, 40))}`,
      'layout',
    );
  if (shared >= 0 && layoutName !== 'default') {
    const first = presets.findIndex((o) => slotOf(o) === slotOf(presets[shared]!));
    throw badRequest(
      `sizes[${shared}] (${sizes[shared]}) and sizes[${first}] (${sizes[first]}) fill the same App Store slot (${slotOf(presets[shared]!)}, 6.9" iPhone): in the ${layoutName} layout deliver would upload both into that one slot. Send one of them, or use layout default, which puts each size in its own folder`,
      `sizes[${shared}]`,
      'sizes_share_slot',
    );
  }
  const variants = shared >= 0 ? sizes.map((folder, i) => ({ folder, presets: [presets[i]!] })) : undefined;

  const langs = stringArray(json(form.langs, 'langs'), 'langs', MAX_LANGS) ?? ['en'];
  const locales = langs.map((l, i) => {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l))
      throw badRequest(
        `Expected a locale code (e.g. "en", "de", "pt-BR") for langs[${i}] but received ${JSON.stringify(l.slice(0, 40))}`,
        `langs[${i}]`,
      );
    return LANGS[l] ?? l;
  });

  if (form.translate !== undefined && !['true', 'false', '1', '0'].includes(form.translate))
    throw badRequest(
      `Expected true or false for translate but received ${JSON.stringify(form.translate.slice(0, 20))}`,
      'translate',
    );
  const translate = form.translate === 'true' || form.translate === '1';
  if (translate && locales.length < 2)
    throw badRequest(
      'translate needs at least two langs: the first is the language the captions are written in, the others are translated into',
      'langs',
    );
  const toTranslate: CaptionToTranslate[] = [];

  if (form.rounded !== undefined && !['true', 'false', '1', '0'].includes(form.rounded))
    throw badRequest(
      `Expected true or false for rounded but received ${JSON.stringify(form.rounded.slice(0, 20))}`,
      'rounded',
    );
  // Marketing assets with alpha (rounded, transparent corners): AppScreen refuses them with fastlane layouts,
  // and so do we with every store-folder layout (fastlane, flutter): they are not store screenshots.
  const rounded = form.rounded === 'true' || form.rounded === '1';
  if (rounded && layoutName !== 'default')
    throw badRequest(
      `rounded cannot be combined with the ${layoutName} layout: rounded images are marketing assets with transparent corners, and store folders take opaque screenshots`,
      'rounded',
    );

  // Caption fields: the first is the headline, the second the subtitle.
  const fieldDefs = json(form.fields, 'fields') ?? [{ id: 'Headline' }, { id: 'Subtitle' }];
  if (!Array.isArray(fieldDefs) || fieldDefs.some((f) => !f || typeof (f as { id?: unknown }).id !== 'string'))
    throw badRequest('Expected a JSON array of {"id", "label"} for fields', 'fields');
  if (fieldDefs.length > 2)
    throw badRequest(
      `Expected at most 2 caption fields (headline, subtitle) for fields but received ${fieldDefs.length}`,
      'fields',
      'too_many_items',
    );
  const slot = new Map((fieldDefs as Array<{ id: string }>).map((f, i) => [f.id, i === 0 ? 'headline' : 'subtitle']));

  const captions = json(form.captions, 'captions') ?? [];
  if (!Array.isArray(captions))
    throw badRequest('Expected a JSON array (one caption object a screen) for captions', 'captions');
  if (captions.length > screens.length)
    throw badRequest(
      `captions has ${captions.length} entries for ${screens.length} screens`,
      'captions',
      'too_many_items',
    );

  const slides = screens.map((file, i) => {
    const slide: Record<string, unknown> = { id: `screen-${String(i + 1).padStart(3, '0')}`, screenshot: file };
    const c = captions[i] as { texts?: unknown } | undefined;
    if (c === undefined || c === null) return slide;
    if (typeof c !== 'object' || !c.texts || typeof c.texts !== 'object' || Array.isArray(c.texts))
      throw badRequest(`Expected {"texts": {"<field id>": <doc>}} for captions[${i}]`, `captions[${i}]`);
    for (const [id, value] of Object.entries(c.texts as Record<string, unknown>)) {
      const field = `captions[${i}].texts.${id}`;
      const to = slot.get(id);
      if (!to)
        throw badRequest(
          `Unknown caption field ${id} for ${field} (fields: ${[...slot.keys()].join(', ')})`,
          field,
          'parameter_unknown',
        );
      // One doc for every language, or one per language code.
      const v = value as { type?: unknown };
      let per: Record<string, string>;
      if (v && typeof v === 'object' && v.type === 'doc') {
        const text = docText(value, field);
        // Without translate one doc is every language's caption; with it, the source's.
        if (!translate) {
          slide[to] = text;
          continue;
        }
        per = { [locales[0]!]: text };
      } else if (v && typeof v === 'object' && !Array.isArray(v)) {
        per = {};
        for (const [lang, doc] of Object.entries(v)) {
          const k = langs.indexOf(lang);
          if (k < 0) throw badRequest(`${field}.${lang} is not one of langs (${langs.join(', ')})`, `${field}.${lang}`);
          per[locales[k]!] = docText(doc, `${field}.${lang}`);
        }
      } else throw badRequest(`Expected a rich-text doc, or docs by language code, for ${field}`, field);
      slide[to] = per;
      if (!translate) continue;
      const missing = locales.filter((l) => per[l] === undefined);
      if (missing.length === 0) continue;
      const text = per[locales[0]!];
      if (text === undefined)
        throw badRequest(
          `With translate, ${field} needs the caption in ${langs[0]} (the first of langs), which the others are translated from`,
          `${field}.${langs[0]}`,
          'parameter_missing',
        );
      toTranslate.push({ slide: i, to, field, text, missing });
    }
    return slide;
  });

  const body = {
    async: true,
    layout,
    manifest: {
      version: 1,
      locales,
      presets: presets.filter((p, i) => presets.findIndex((o) => slotOf(o) === slotOf(p)) === i),
      theme: theme.theme,
      ...(theme.style ? { style: theme.style } : {}),
      'fallback-locale': locales[0],
      slides,
    },
  };
  const plan: TranslatePlan | undefined = translate
    ? {
        source: locales[0]!,
        targets: locales.slice(1).map((locale, k) => ({ locale, lang: k + 1 })),
        captions: toTranslate,
      }
    : undefined;
  return {
    body,
    ...(variants ? { variants } : {}),
    ...(rounded ? { rounded } : {}),
    ...(plan ? { translate: plan } : {}),
  };
}
