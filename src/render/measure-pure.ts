// A text measurer in pure JS (fontkit: the same font files, its own OpenType shaping), for
// `validate`, which never loads native code. It picks faces the way the canvas does (the nearest
// weight, a variable font at the weight) and falls back character by character along the chain.
// Widths agree with the canvas's (Skia and HarfBuzz) to within a few tenths of a percent on the
// typography corpus, except Noto Nastaliq Urdu (up to 10%: fontkit shapes its cursive attachment
// differently); __tests__/render-breaks.test.ts checks both. Render always measures with the canvas.
import * as fontkit from 'fontkit';
import { chainFor, familyFiles } from './coverage.js';
import type { FontSpec, TextMeasurer } from './layout.js';

const opened = new Map<string, fontkit.Font[]>();
const faces = new Map<string, fontkit.Font>();

function open(file: string): fontkit.Font[] {
  let f = opened.get(file);
  if (!f) {
    const o = fontkit.openSync(file);
    f = 'fonts' in o ? o.fonts : [o];
    opened.set(file, f);
  }
  return f;
}

/** The face of a family alias at a weight: the variable font at that weight, else the nearest weight. */
function face(alias: string, weight: number): fontkit.Font | undefined {
  const key = `${alias}|${weight}`;
  let f = faces.get(key);
  if (!f) {
    const all = familyFiles(alias).flatMap(open);
    const variable = all.find((x) => x.variationAxes?.wght);
    if (variable) {
      const axis = variable.variationAxes.wght!;
      f = variable.getVariation({ wght: Math.min(axis.max, Math.max(axis.min, weight)) });
    } else {
      const w = (x: fontkit.Font) => x['OS/2']?.usWeightClass ?? 400;
      f = [...all].sort((a, b) => Math.abs(w(a) - weight) - Math.abs(w(b) - weight))[0];
    }
    if (f) faces.set(key, f);
  }
  return f;
}

/**
 * The advance of a run in font units. fontkit cannot read Noto Color Emoji's character map (its
 * layout throws); every glyph of that font has the same advance, the font's largest, so a run of
 * it is that advance per cluster (as the canvas sets it).
 */
function advance(f: fontkit.Font, run: string, clusters: number): number {
  try {
    return f.layout(run).advanceWidth;
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return (f as unknown as { hhea: { advanceWidthMax: number } }).hhea.advanceWidthMax * clusters;
  }
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function createPureMeasurer(): TextMeasurer {
  const cache = new Map<string, number>();
  return {
    width(text: string, font: FontSpec): number {
      const key = `${font.chain.join(',')}|${font.weight}|${font.size}|${font.letterSpacing}|${text}`;
      let w = cache.get(key);
      if (w !== undefined) return w;
      const chain = font.chain.map((a) => face(a, font.weight)).filter((f): f is fontkit.Font => !!f);
      // A cluster asking for emoji presentation (U+FE0F) takes the emoji face, as the canvas does.
      const emoji = font.chain.includes('ss-emoji') ? face('ss-emoji', font.weight) : undefined;
      // Runs of clusters set in one face: the first of the chain that has the cluster's first character.
      let total = 0;
      let run = '';
      let runFace: fontkit.Font | undefined;
      let clusters = 0;
      let runClusters = 0;
      const flush = () => {
        if (run && runFace) total += (advance(runFace, run, runClusters) / runFace.unitsPerEm) * font.size;
        run = '';
        runClusters = 0;
      };
      for (const { segment } of graphemes.segment(text)) {
        clusters++;
        const cp = segment.codePointAt(0)!;
        const f =
          (emoji && segment.includes('\uFE0F') ? emoji : undefined) ??
          chain.find((x) => x.hasGlyphForCodePoint(cp)) ??
          chain[0];
        if (f !== runFace) {
          flush();
          runFace = f;
        }
        run += segment;
        runClusters++;
      }
      flush();
      w = total + font.letterSpacing * font.size * clusters;
      cache.set(key, w);
      return w;
    },
    chain: chainFor,
  };
}
