// The text measurer: Skia's shaping (HarfBuzz) through the canvas, cached per string and font.
import path from 'node:path';
import type { Job } from '../plan/types.js';
import type { TextStyle } from '../manifest/types.js';
import { canvas, type CanvasModule } from './native.js';
import { cssFont, familyChain } from './fonts.js';
import type { FontSpec, TextMeasurer } from './layout.js';

type Ctx = ReturnType<InstanceType<CanvasModule['Canvas']>['getContext']>;

/** Applies a font to a context: the shorthand, the language (CJK glyph forms) and letter spacing. */
export function applyFont(ctx: Ctx, f: FontSpec): void {
  ctx.font = cssFont(f.weight, f.size, f.chain);
  ctx.lang = f.lang;
  ctx.letterSpacing = `${f.letterSpacing * f.size}px`;
}

export function createMeasurer(): TextMeasurer {
  const ctx = canvas().createCanvas(8, 8).getContext('2d');
  const cache = new Map<string, number>();
  return {
    width(text, font) {
      const key = `${font.chain.join(',')}|${font.weight}|${font.size}|${font.lang}|${font.letterSpacing}|${text}`;
      let w = cache.get(key);
      if (w === undefined) {
        applyFont(ctx, font);
        w = ctx.measureText(text).width;
        cache.set(key, w);
      }
      return w;
    },
    chain(style: TextStyle, job: Job) {
      const f = style.font;
      const file = f && /\.(ttf|otf|ttc)$/i.test(f) ? path.resolve(job.baseDir, f) : f;
      return familyChain({ font: file, locale: job.locale, userFonts: job.fonts });
    },
  };
}
