import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  layoutSlide,
  slideSetFacts
} from "./chunk-OCSBSED2.js";
import {
  $b422b1e013cd6010$export$fa5499edb1ab414a,
  chainFor,
  familyFiles,
  loadBreakData
} from "./chunk-HV66XK6Q.js";
import "./chunk-AWSRQZJB.js";
import "./chunk-CZBPMC5E.js";
import "./chunk-6JH44W7O.js";
import {
  RenderError
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/render/fit-check.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/render/measure-pure.ts
init_define_globalThis_STORESHOTS_NATIVES();
var opened = /* @__PURE__ */ new Map();
var faces = /* @__PURE__ */ new Map();
function open(file) {
  let f = opened.get(file);
  if (!f) {
    const o = $b422b1e013cd6010$export$fa5499edb1ab414a(file);
    f = "fonts" in o ? o.fonts : [o];
    opened.set(file, f);
  }
  return f;
}
function face(alias, weight) {
  const key = `${alias}|${weight}`;
  let f = faces.get(key);
  if (!f) {
    const all = familyFiles(alias).flatMap(open);
    const variable = all.find((x) => x.variationAxes?.wght);
    if (variable) {
      const axis = variable.variationAxes.wght;
      f = variable.getVariation({ wght: Math.min(axis.max, Math.max(axis.min, weight)) });
    } else {
      const w = (x) => x["OS/2"]?.usWeightClass ?? 400;
      f = [...all].sort((a, b) => Math.abs(w(a) - weight) - Math.abs(w(b) - weight))[0];
    }
    if (f) faces.set(key, f);
  }
  return f;
}
function advance(f, run, clusters) {
  try {
    return f.layout(run).advanceWidth;
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return f.hhea.advanceWidthMax * clusters;
  }
}
var graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });
function createPureMeasurer() {
  const cache = /* @__PURE__ */ new Map();
  return {
    width(text, font) {
      const key = `${font.chain.join(",")}|${font.weight}|${font.size}|${font.letterSpacing}|${text}`;
      let w = cache.get(key);
      if (w !== void 0) return w;
      const chain = font.chain.map((a) => face(a, font.weight)).filter((f) => !!f);
      const emoji = font.chain.includes("ss-emoji") ? face("ss-emoji", font.weight) : void 0;
      let total = 0;
      let run = "";
      let runFace;
      let clusters = 0;
      let runClusters = 0;
      const flush = () => {
        if (run && runFace) total += advance(runFace, run, runClusters) / runFace.unitsPerEm * font.size;
        run = "";
        runClusters = 0;
      };
      for (const { segment } of graphemes.segment(text)) {
        clusters++;
        const cp = segment.codePointAt(0);
        const f = (emoji && segment.includes("\uFE0F") ? emoji : void 0) ?? chain.find((x) => x.hasGlyphForCodePoint(cp)) ?? chain[0];
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
    chain: chainFor
  };
}

// src/render/fit-check.ts
var round = (n) => Math.round(n * 10) / 10;
async function textFitProblems(all) {
  await loadBreakData(new Set(all.map((j) => j.locale)));
  const tm = createPureMeasurer();
  const bySet = /* @__PURE__ */ new Map();
  for (const j of all) bySet.get(j.set)?.push(j) ?? bySet.set(j.set, [j]);
  const problems = [];
  for (const [set, jobs] of bySet) {
    let facts;
    try {
      facts = slideSetFacts(jobs, tm);
    } catch (e) {
      if (e instanceof RenderError) continue;
      throw e;
    }
    for (const s of facts.shrunk ?? []) {
      const pct = Math.round((s.without / s.size - 1) * 100);
      problems.push({
        severity: "warning",
        field: s.kind,
        message: `${set}: slide "${s.slide}" sets the ${s.kind} of every slide in the set at ${round(s.size)} px; without it they would be ${round(s.without)} px (${pct}% larger). Shorten that ${s.kind} or give it more lines`,
        at: s.at
      });
    }
    for (const job of jobs) {
      for (const b of layoutSlide({ job, facts, measurer: tm }).blocks) {
        if (b.unbreakable.length === 0) continue;
        const words = b.unbreakable.map((w) => `"${w}"`).join(", ");
        problems.push({
          severity: "error",
          field: b.kind === "app-name" ? "app.name" : b.kind,
          message: `${job.locale}, slide "${job.slide}" (${job.presetId}): the ${b.kind} word ${words} does not fit the ${Math.round(b.box.width)} px column even hyphenated at ${round(b.font.size)} px (the smallest allowed is ${round(b.minFontSize)} px); it would be cut off. Shorten or split it, or lower ${b.kind}.min-size`,
          at: job.source.slide
        });
      }
    }
  }
  return problems;
}
export {
  textFitProblems
};
