// Phase 3 of `import frameit`: storeshots styles from merged frameit configs (global, per locale
// filter, per slide), paths made relative to the manifest. Pure: findings come from the scan.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Style } from '../../manifest/types.js';
import type { Size } from '../../store/presets.js';
import { FRAME_COLORS } from './framefile.js';
import { isObj, type Note, type Obj } from './types.js';

export interface StyleContext {
  root: string;
  note: Note;
  /** Manifest-relative path of a file. */
  rel(abs: string): string;
  /** Fonts the styles name, in order of first use (the manifest's fonts:). */
  fontsUsed: string[];
  /** Messages already given (a missing file is reported once). */
  reported: Set<string>;
}

export function fileRef(ctx: StyleContext, p: unknown, keyPath: string): string | undefined {
  if (typeof p !== 'string') return undefined;
  const abs = path.resolve(ctx.root, p);
  if (!existsSync(abs)) {
    if (!ctx.reported.has(keyPath)) {
      ctx.reported.add(keyPath);
      ctx.note('import.no-equivalent', `${keyPath} ${JSON.stringify(p)}: file not found; not carried over`);
    }
    return undefined;
  }
  return ctx.rel(abs);
}

export function styleOf(ctx: StyleContext, c: Obj, size: Size): Style {
  const st: Style = {};
  const title = isObj(c.title) ? c.title : {};
  const keyword = isObj(c.keyword) ? c.keyword : {};
  const bg = fileRef(ctx, c.background, 'background');
  if (bg) st.background = { image: bg, fit: 'cover' };
  st.layout = c.title_below_image === true ? 'text-bottom' : 'text-top';
  const pad = paddingFraction(c.padding, size);
  if (pad !== undefined) st.padding = pad;
  if (typeof c.frame === 'string' && FRAME_COLORS[c.frame]) st.device = { color: FRAME_COLORS[c.frame] };
  const h: NonNullable<Style['headline']> = {};
  if (typeof title.color === 'string') h.color = title.color;
  if (typeof keyword.color === 'string' && keyword.color !== title.color) h.accent = keyword.color;
  const font = fileRef(ctx, title.font ?? keyword.font, 'title.font');
  if (font) {
    h.font = font;
    if (!ctx.fontsUsed.includes(font)) ctx.fontsUsed.push(font);
  }
  if (typeof title.font_weight === 'number')
    h.weight = Math.min(900, Math.max(100, Math.round(title.font_weight / 100) * 100));
  let px: number | undefined;
  if (typeof title.font_size === 'number' && title.font_size > 0) {
    h.size = title.font_size;
    px = title.font_size;
  } else if (typeof c.font_scale_factor === 'number' && c.font_scale_factor > 0) {
    h.size = c.font_scale_factor;
    px = c.font_scale_factor * size.width;
  }
  if (typeof c.interline_spacing === 'number' && c.interline_spacing > 0) {
    const lh = 1.15 + c.interline_spacing / (px ?? 0.085 * size.width);
    h['line-height'] = Math.min(3, Math.round(lh * 100) / 100);
  }
  if (Object.keys(h).length) st.headline = h;
  return st;
}

export function paddingFraction(p: unknown, size: Size): number | undefined {
  const one = (s: string): number | undefined => {
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(s.trim());
    if (!m) return undefined;
    return m[2] ? (Number(m[1]) / 100) * (Math.min(size.width, size.height) / size.width) : Number(m[1]) / size.width;
  };
  const v = typeof p === 'number' ? p / size.width : typeof p === 'string' ? one(p.split('x')[0]!) : undefined;
  return v === undefined ? undefined : Math.min(0.3, Math.round(v * 1000) / 1000);
}

/** The keys of `a` that differ from `b`, recursively. */
export function diffStyle(a: Style, b: Style): Style {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    const w = (b as Record<string, unknown>)[k];
    if (isObj(v) && isObj(w)) {
      const d = diffStyle(v as Style, w as Style);
      if (Object.keys(d).length) out[k] = d;
    } else if (JSON.stringify(v) !== JSON.stringify(w)) out[k] = v;
  }
  return out as Style;
}
