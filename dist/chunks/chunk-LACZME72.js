import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  addManifestFormats,
  fieldName,
  require_ajv,
  require_mod,
  screenshots_schema_default
} from "./chunk-ISFJUNJG.js";
import {
  PLAY,
  PSEUDO_LOCALES,
  getPreset,
  isAcceptedSize,
  isRtlLocale,
  presetRefs,
  resolvePreset,
  storeLocale
} from "./chunk-5XU2I224.js";
import {
  isInside,
  packageRoot,
  resolveInside
} from "./chunk-AWSRQZJB.js";
import {
  UserError,
  errorMessage,
  expected
} from "./chunk-7IMI5VS3.js";
import {
  __toESM,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/render/pool.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
var BYTES_PER_THREAD = 320 * 1024 * 1024;
var DECODE_BUDGET = 96 * 1024 * 1024;
var MIN_DECODE_BUDGET = 48 * 1024 * 1024;
function poolSize(wanted, batches) {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const byMemory = Math.max(1, Math.floor(os.totalmem() / BYTES_PER_THREAD));
  return Math.max(1, Math.min(wanted ?? cores, byMemory, batches));
}
function decodeBudget(threads) {
  return Math.max(MIN_DECODE_BUDGET, Math.floor(DECODE_BUDGET / threads));
}
function defaultWorkerFile() {
  return path.join(packageRoot(), "dist/render/worker.js");
}
var RenderPool = class _RenderPool {
  constructor(pool, held) {
    this.pool = pool;
    this.held = held;
    pool.on("error", (e) => {
      this.failure ??= e;
    });
  }
  pool;
  held;
  /** Tasks handed to the threads so far, by kind; `facts` counts the measuring of a set's facts, alone or ahead of a batch (tests check it is once per set). */
  tasks = { batch: 0, facts: 0, lint: 0 };
  /** An error the pool raised outside any task (e.g. a reply from a worker whose task was aborted): kept, never thrown from an event. */
  failure;
  /** A pool of up to `threads` workers, or why there is none (the caller renders in-process). */
  static async open(threads, opts = {}) {
    const workerFile = opts.workerFile ?? defaultWorkerFile();
    if (!existsSync(workerFile))
      return { unavailable: `the render worker ${workerFile} is missing (run "npm run build")` };
    let Piscina;
    try {
      ({ Piscina } = await import("piscina"));
    } catch (e) {
      return { unavailable: `piscina cannot be loaded (${errorMessage(e).split("\n")[0]})` };
    }
    const held = new Int32Array(new SharedArrayBuffer(8));
    const pool = new Piscina({
      filename: workerFile,
      minThreads: opts.minThreads ?? threads,
      maxThreads: threads,
      idleTimeout: opts.idleTimeoutMs ?? 1e3,
      concurrentTasksPerWorker: 1,
      workerData: { held }
    });
    return new _RenderPool(pool, held);
  }
  /** Threads running now. */
  get threads() {
    return this.pool.threads.length;
  }
  /** Tasks waiting for a thread. */
  get queueSize() {
    return this.pool.queueSize;
  }
  /** Share of the threads' capacity used since start (0-1). */
  get utilization() {
    return this.pool.utilization;
  }
  /** Bytes of decode memory the threads hold now (BatchTask.cost), and the most they held at once since start. */
  get decodeHeld() {
    return { now: Atomics.load(this.held, 0) * 1024, peak: Atomics.load(this.held, 1) * 1024 };
  }
  /** Renders a batch on a thread. */
  run(task, signal, transferList) {
    this.tasks.batch++;
    if (task.measure) this.tasks.facts++;
    return this.pool.run(task, { signal, transferList });
  }
  /** Lints a finished set on a thread. */
  lint(task, signal) {
    this.tasks.lint++;
    return this.pool.run(task, { name: "lint", signal });
  }
  async close() {
    await this.pool.destroy();
  }
};

// src/manifest/theme.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_fastest_levenshtein = __toESM(require_mod(), 1);
var import_ajv = __toESM(require_ajv(), 1);
import { existsSync as existsSync2, readFileSync, readdirSync } from "node:fs";
import path2 from "node:path";
var DEFAULT_THEME = "aurora";
var validateStyle;
function styleErrors(style) {
  validateStyle ??= addManifestFormats(new import_ajv.Ajv({ allErrors: true, strict: false })).compile({
    ...screenshots_schema_default.definitions.style,
    definitions: screenshots_schema_default.definitions
  });
  if (validateStyle(style)) return [];
  return (validateStyle.errors ?? []).map(
    (e) => `style${e.instancePath.replace(/\//g, ".")} ${e.message}${e.keyword === "additionalProperties" ? ` (${e.params.additionalProperty})` : ""}`
  );
}
function builtinThemes() {
  return readdirSync(path2.join(packageRoot(), "templates")).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}
function loadTheme(ref, baseDir, cwd = process.cwd()) {
  const name = ref ?? DEFAULT_THEME;
  const isPath = name.includes("/") || name.endsWith(".json");
  let file;
  if (isPath) {
    file = resolveInside(baseDir, name, cwd);
    if (!file) throw new UserError(`theme path "${name}" leaves the manifest's folder and the working directory`);
    if (!existsSync2(file)) throw new UserError(`theme file "${name}" does not exist`);
  } else {
    const names = builtinThemes();
    if (!names.includes(name)) {
      throw new UserError(
        `Unknown theme "${name}" (did you mean "${(0, import_fastest_levenshtein.closest)(name, names)}"?); built-in themes: ${names.join(", ")}`
      );
    }
    file = path2.join(packageRoot(), "templates", `${name}.json`);
  }
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`theme ${name}: invalid JSON: ${errorMessage(e)}`);
  }
  const t = data;
  if (!t || typeof t !== "object" || !t.style || typeof t.style !== "object") {
    throw new UserError(`theme ${name}: expected an object with a "style" object`);
  }
  const errors = styleErrors(t.style);
  if (errors.length) throw new UserError(`theme ${name} (${file}): ${errors.join("; ")}`);
  return { name: t.name ?? name, description: t.description, style: t.style };
}

// src/plan/output-path.ts
init_define_globalThis_STORESHOTS_NATIVES();
var nn = (i) => String(i).padStart(2, "0");
function deliverSafeName(stem, displayType) {
  let name = stem.replace(/_framed$/i, "-framed");
  if (displayType === "APP_APPLE_TV") name = name.replace(/vision/gi, (m) => `${m.slice(0, 3)}-${m.slice(3)}`);
  if (displayType === "APP_IPAD_PRO_3GEN_129") name = name.replace(/app_ipad_pro_129/gi, "app-ipad-pro-129");
  return name;
}
function outputPath(layout, j) {
  if (layout === "flat" || PSEUDO_LOCALES.includes(j.locale))
    return `${j.locale}/${j.preset}/${nn(j.index)}-${j.slide}.${j.ext}`;
  const preset = getPreset(j.preset.split("@")[0]);
  if (!preset) return void 0;
  const code = storeLocale(preset.store, j.locale);
  if (!code) return void 0;
  if (preset.store === "appstore") {
    const name = j.preset.replace("@", "-");
    return `fastlane/screenshots/${code}/${deliverSafeName(`${nn(j.index)}_${name}_${j.slide}`, preset.displayType)}.${j.ext}`;
  }
  const base = `fastlane/metadata/android/${code}/images`;
  if (preset.playFolder === "featureGraphic") return `${base}/featureGraphic.${j.ext}`;
  return `${base}/${preset.playFolder}/${nn(j.index)}_${j.slide}.${j.ext}`;
}

// src/l10n/locales.ts
init_define_globalThis_STORESHOTS_NATIVES();
function bcp47FromFolder(folder) {
  return folder.split(/[-_]/).map(
    (p, i) => i === 0 ? p.toLowerCase() : p.length === 4 && /^[A-Za-z]+$/.test(p) ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.length === 2 ? p.toUpperCase() : p
  ).join("-");
}
function folderForms(locale) {
  return locale.includes("-") ? [locale, locale.replace(/-/g, "_")] : [locale];
}

// src/plan/plan.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_fastest_levenshtein2 = __toESM(require_mod(), 1);
import path3 from "node:path";
import { existsSync as existsSync3 } from "node:fs";

// src/plan/pseudo.ts
init_define_globalThis_STORESHOTS_NATIVES();
var ACCENTS = {
  a: "\xE1",
  b: "\u0180",
  c: "\xE7",
  d: "\xF0",
  e: "\xE9",
  f: "\u0192",
  g: "\u011D",
  h: "\u0125",
  i: "\xED",
  j: "\u0135",
  k: "\u0137",
  l: "\u013C",
  m: "\u0271",
  n: "\xF1",
  o: "\xF3",
  p: "\xFE",
  q: "\u01EB",
  r: "\u0155",
  s: "\u0161",
  t: "\u0163",
  u: "\xFA",
  v: "\u1E7D",
  w: "\u0175",
  x: "\u1E8B",
  y: "\xFD",
  z: "\u017E",
  A: "\xC5",
  B: "\u0181",
  C: "\xC7",
  D: "\xD0",
  E: "\xC9",
  F: "\u0191",
  G: "\u011C",
  H: "\u0124",
  I: "\xCD",
  J: "\u0134",
  K: "\u0136",
  L: "\u013B",
  M: "\u1E40",
  N: "\xD1",
  O: "\xD3",
  P: "\xDE",
  Q: "\u01EA",
  R: "\u0154",
  S: "\u0160",
  T: "\u0162",
  U: "\xDA",
  V: "\u1E7C",
  W: "\u0174",
  X: "\u1E8A",
  Y: "\xDD",
  Z: "\u017D"
};
var PAD = ["\u0175", "\u0271", "\u1E85", "\u01FF"];
var PSEUDO_CHARACTERS = [
  .../* @__PURE__ */ new Set([...Object.values(ACCENTS), ...PAD, "\uFF3B", "\uFF3D", "\u200F", "\u202E", "\u202C"])
].join("");
var PSEUDO_EXPANSION = 0.4;
var PROTECTED = /(\*\*|%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:ll|l|h|z|q)?[@dDiuUxXoOfFeEgGcCsSpaA%]|\{\{[^{}]*\}\}|\{[^{}]*\}|\n)/u;
function pseudoLocalize(text, rtl = false) {
  const parts = text.split(PROTECTED);
  let out = "";
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      out += part;
      return;
    }
    out += part.replace(new RegExp("\\p{L}[\\p{L}\\p{M}'\u2019]*", "gu"), (word) => {
      const letters = [...word];
      const pad = Math.ceil(letters.length * PSEUDO_EXPANSION);
      return letters.map((c) => ACCENTS[c] ?? c).join("") + Array.from({ length: pad }, (_, k) => PAD[k % PAD.length]).join("");
    });
  });
  const wrapped = `\uFF3B${out}\uFF3D`;
  if (!rtl) return wrapped;
  return wrapped.replace(/[^\s]+/g, (w) => `\u200F\u202E${w}\u202C\u200F`);
}

// src/l10n/whitespace.ts
init_define_globalThis_STORESHOTS_NATIVES();
function normalizeWhitespace(text) {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(/[\t\v\f]/g, " ");
}

// src/plan/plan.ts
var isObject = (v) => !!v && typeof v === "object" && !Array.isArray(v);
function mergeStyle(...layers) {
  const out = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      out[k] = isObject(v) && isObject(out[k]) ? mergeStyle(out[k], v) : v;
    }
  }
  return out;
}
function scriptOf(locale) {
  const [language, first = ""] = locale.split("-");
  if (/^[a-z]{4}$/i.test(first)) return first;
  const lang = language.toLowerCase();
  if (lang === "zh" && /^(TW|HK|MO)$/i.test(first)) return "Hant";
  const map = {
    ar: "Arab",
    fa: "Arab",
    ur: "Arab",
    he: "Hebr",
    iw: "Hebr",
    ja: "Jpan",
    ko: "Kore",
    zh: "Hans",
    th: "Thai",
    hi: "Deva",
    mr: "Deva",
    bn: "Beng",
    gu: "Gujr",
    pa: "Guru",
    ta: "Taml",
    te: "Telu",
    kn: "Knda",
    ml: "Mlym",
    or: "Orya",
    el: "Grek",
    ru: "Cyrl",
    uk: "Cyrl",
    be: "Cyrl",
    bg: "Cyrl",
    sr: "Cyrl",
    mk: "Cyrl",
    hy: "Armn",
    ka: "Geor"
  };
  return map[lang];
}
function localeStyle(all, locale) {
  if (!all) return void 0;
  const lang = locale.split("-")[0];
  const script = scriptOf(locale);
  return mergeStyle(script ? all[script] : void 0, all[lang], lang !== locale ? all[locale] : void 0);
}
function fillPattern(pattern, v) {
  return pattern.replace(/\{(locale|device|slide|preset)\}/g, (_, k) => v[k]);
}
function parseSize(s) {
  const [w, h] = s.split("x").map(Number);
  return { width: w, height: h };
}
function buildPlan(input) {
  const { loaded, theme } = input;
  const m = loaded.manifest;
  const cwd = input.cwd ?? process.cwd();
  const problems = [];
  const err = (message, fp) => problems.push({ severity: "error", message, field: fieldName(fp), at: loaded.positionOf(fp) });
  const fallback = m["fallback-locale"];
  const layout = input.layout ?? m.output?.layout ?? "flat";
  const format = m.output?.format ?? "png";
  const quality = m.output?.quality ?? 90;
  const compression = m.output?.compression === "fast" ? "fast" : void 0;
  const ext = format === "jpeg" ? "jpg" : "png";
  const strings = input.strings ?? {};
  const fixedKeys = input.fixedKeys ?? /* @__PURE__ */ new Set();
  const sources = input.stringSources ?? {};
  const locales = [...m.locales, ...(input.extraLocales ?? []).filter((l) => !m.locales.includes(l))];
  const baseLocale = fallback ?? m.locales.find((l) => !PSEUDO_LOCALES.includes(l)) ?? m.locales[0];
  const warnings = [];
  const warn = (message, fp) => warnings.push({ severity: "warning", message, field: fieldName(fp), at: loaded.positionOf(fp) });
  if (fallback !== void 0 && !m.locales.includes(fallback)) {
    err(expected(`one of the manifest's locales (${m.locales.join(", ")})`, "fallback-locale", fallback), [
      "fallback-locale"
    ]);
  }
  const seen = /* @__PURE__ */ new Map();
  m.slides.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== void 0)
      err(`Duplicate slide id "${s.id}" at slides[${i}].id (first used at slides[${first}].id)`, ["slides", i, "id"]);
    else seen.set(s.id, i);
  });
  const known = presetRefs();
  const presets = [];
  m.presets.forEach((p, i) => {
    const entry = typeof p === "string" ? { id: p } : p;
    const fp = typeof p === "string" ? ["presets", i] : ["presets", i, "id"];
    const ref = resolvePreset(entry.id);
    if (!ref) {
      err(
        `Unknown preset "${entry.id}" at ${fieldName(fp)} (did you mean "${(0, import_fastest_levenshtein2.closest)(entry.id, known)}"?); run "storeshots presets" for the list`,
        fp
      );
      return;
    }
    if (presets.some((q) => q.ref === entry.id)) {
      err(`Preset "${entry.id}" is listed twice at ${fieldName(fp)}`, fp);
      return;
    }
    if (entry.size) {
      const size = parseSize(entry.size);
      const upright = !ref.landscape || size.width > size.height;
      if (ref.preset.anySize) {
        const max = ref.preset.device === "android-tablet" ? PLAY.largeMaxSide : PLAY.maxSide;
        const long = Math.max(size.width, size.height);
        const short = Math.min(size.width, size.height);
        if (short < PLAY.minSide || long > max || long > short * PLAY.maxAspect) {
          err(
            expected(
              `a size within Play's rules for ${entry.id} (each side ${PLAY.minSide}-${max} px, the long side at most ${PLAY.maxAspect}x the short)`,
              `presets[${i}].size`,
              entry.size
            ),
            ["presets", i, "size"]
          );
        } else if (!upright) {
          err(expected(`a landscape size (wider than tall) for ${entry.id}`, `presets[${i}].size`, entry.size), [
            "presets",
            i,
            "size"
          ]);
        }
      } else if (!upright || !isAcceptedSize(ref.preset, size)) {
        const list = ref.preset.accepted.map(
          (z) => ref.landscape ? `${z.height}x${z.width}` : `${z.width}x${z.height}`
        );
        err(expected(`one of the sizes ${entry.id} accepts (${list.join(", ")})`, `presets[${i}].size`, entry.size), [
          "presets",
          i,
          "size"
        ]);
      }
    }
    presets.push({ ref: entry.id, entry, fp });
  });
  m.slides.forEach((sl, i) => {
    (sl.presets ?? []).forEach((ref, j) => {
      if (presets.some((q) => q.ref === ref)) return;
      const listed = presets.map((q) => q.ref);
      const near = listed.length ? ` (did you mean "${(0, import_fastest_levenshtein2.closest)(ref, listed)}"?)` : "";
      err(
        `Preset "${ref}" at slides[${i}].presets[${j}] is not one of the manifest's presets${near}; the manifest has: ${listed.join(", ")}`,
        ["slides", i, "presets", j]
      );
    });
  });
  const stores = new Set(presets.map((p) => resolvePreset(p.ref).preset.store));
  m.locales.forEach((loc, i) => {
    if (PSEUDO_LOCALES.includes(loc)) return;
    for (const store of stores) {
      if (!storeLocale(store, loc)) {
        const name = store === "appstore" ? "the App Store" : "Google Play";
        err(
          `Locale "${loc}" at locales[${i}] is not a locale ${name} accepts; use one of its codes (storeshots presets --locales)`,
          ["locales", i]
        );
      }
    }
  });
  if (layout === "fastlane") {
    for (const store of stores) {
      const byCode = /* @__PURE__ */ new Map();
      m.locales.forEach((loc, i) => {
        const code = PSEUDO_LOCALES.includes(loc) ? void 0 : storeLocale(store, loc);
        if (code === void 0) return;
        const first = byCode.get(code);
        if (first === void 0) byCode.set(code, i);
        else
          err(
            `Locales "${m.locales[first]}" and "${loc}" at locales[${i}] both map to ${store === "appstore" ? "the App Store" : "Google Play"}'s ${code}, so their fastlane folders would collide; keep one`,
            ["locales", i]
          );
      });
    }
  }
  const hasLetters = (t) => new RegExp("\\p{L}", "u").test(t);
  const resolveText = (value, locale, fp) => {
    const r = resolveTextAsIs(value, locale, fp);
    return r && { ...r, text: normalizeWhitespace(r.text) };
  };
  const resolveTextAsIs = (value, locale, fp) => {
    if (value === void 0) return void 0;
    if (PSEUDO_LOCALES.includes(locale)) {
      const base = resolveText(value, baseLocale, fp);
      return base && {
        text: pseudoLocalize(base.text, locale === "pseudo-rtl"),
        origin: "pseudo",
        locale,
        ...base.key ? { key: base.key } : {}
      };
    }
    const what = `${fp[fp.length - 1]}`;
    if (typeof value === "string") return { text: value, origin: "inline", locale };
    if ("key" in value && typeof value.key === "string" && Object.keys(value).length === 1) {
      const key = value.key;
      const own2 = strings[locale]?.[key];
      const fb2 = fallback !== void 0 ? strings[fallback]?.[key] : void 0;
      if (own2 !== void 0) {
        const fixed = fixedKeys.has(key);
        const same = !fixed && fallback !== void 0 && locale !== fallback && fb2 === own2 && hasLetters(own2);
        if (same)
          warn(
            `The ${locale} text for key "${key}" at ${fieldName(fp)} is the same as the ${fallback} text: possibly untranslated (text.untranslated)`,
            fp
          );
        return {
          text: own2,
          origin: "strings",
          key,
          locale,
          source: sources[locale]?.[key],
          ...fixed ? { fixed } : {},
          ...same ? { sameAsFallback: true } : {}
        };
      }
      if (fixedKeys.has(key)) {
        const from = [fallback, baseLocale, ...m.locales].find(
          (l) => l !== void 0 && strings[l]?.[key] !== void 0
        );
        if (from !== void 0)
          return {
            text: strings[from][key],
            origin: "strings",
            key,
            locale: from,
            fixed: true,
            source: sources[from]?.[key]
          };
      }
      if (fb2 !== void 0 && fallback !== void 0) {
        warn(
          `No ${locale} text for key "${key}" at ${fieldName(fp)}; the ${fallback} text is used (text.missing-translation)`,
          fp
        );
        return { text: fb2, origin: "fallback", key, locale: fallback, source: sources[fallback]?.[key] };
      }
      const why = input.whyNoText?.(locale, key);
      err(
        `No text for key "${key}" in locale ${locale} at ${fieldName(fp)}${fallback ? ` (nor in the fallback ${fallback})` : ""}${why ? ` [${why}]` : ""}; add it to the strings files or set fallback-locale`,
        fp
      );
      return void 0;
    }
    const map = value;
    const own = map[locale];
    const fb = fallback !== void 0 ? map[fallback] : void 0;
    if (own !== void 0) {
      const same = fallback !== void 0 && locale !== fallback && fb === own && hasLetters(own);
      if (same)
        warn(
          `The ${locale} ${what} at ${fieldName(fp)} is the same as the ${fallback} one: possibly untranslated (text.untranslated)`,
          fp
        );
      return { text: own, origin: "inline", locale, ...same ? { sameAsFallback: true } : {} };
    }
    if (fb !== void 0 && fallback !== void 0) {
      warn(`No ${locale} ${what} at ${fieldName(fp)}; the ${fallback} text is used (text.missing-translation)`, fp);
      return { text: fb, origin: "fallback", locale: fallback };
    }
    err(
      `No ${what} for locale ${locale} at ${fieldName(fp)}${fallback ? "" : " and no fallback-locale"}; add "${locale}: \u2026" or set fallback-locale`,
      fp
    );
    return void 0;
  };
  const resolveFile = (p, fp) => {
    const abs = resolveInside(loaded.dir, p, cwd);
    if (!abs) err(`Path "${p}" at ${fieldName(fp)} leaves the manifest's folder and the working directory`, fp);
    return abs;
  };
  const files = [];
  const fileRef = (p, fp, what, note = "") => {
    const abs = resolveFile(p, fp);
    if (abs) files.push({ abs, what: `${what}${note}`, field: fieldName(fp), at: loaded.positionOf(fp) });
  };
  const resolveShot = (pattern, vars, fp) => {
    const abs = resolveFile(fillPattern(pattern, vars), fp);
    if (!abs || existsSync3(abs) || !pattern.includes("{locale}")) return abs;
    for (const form of folderForms(vars.locale).slice(1)) {
      const alt = resolveInside(loaded.dir, fillPattern(pattern, { ...vars, locale: form }), cwd);
      if (alt && existsSync3(alt)) return alt;
    }
    return abs;
  };
  const fonts = (m.fonts ?? []).flatMap((f, i) => {
    const abs = resolveFile(f, ["fonts", i]);
    if (abs) files.push({ abs, what: "font file", field: `fonts[${i}]`, at: loaded.positionOf(["fonts", i]) });
    return abs ?? [];
  });
  const styleLayers = [
    { style: theme.style, fp: ["theme"], note: ` (in theme ${theme.name})` },
    { style: m.style, fp: ["style"] },
    ...Object.entries(m["locale-style"] ?? {}).map(([k, st]) => ({ style: st, fp: ["locale-style", k] })),
    ...m.slides.map((sl, i) => ({ style: sl.style, fp: ["slides", i, "style"] })),
    ...m.presets.map((p, i) => ({ style: typeof p === "string" ? void 0 : p.style, fp: ["presets", i, "style"] })),
    { style: m["feature-graphic"]?.style, fp: ["feature-graphic", "style"] }
  ];
  for (const { style, fp: base, note } of styleLayers) {
    if (!style) continue;
    const at = (...rest) => note ? base : [...base, ...rest];
    const image = style.background?.image;
    if (image !== void 0) {
      if (image.startsWith("builtin:")) {
        const name = image.slice("builtin:".length);
        const templates = path3.join(packageRoot(), "templates");
        const abs = resolveInside(templates, name, templates);
        if (!abs || !name || path3.dirname(abs) !== templates) {
          err(
            expected(
              "builtin:NAME naming an image shipped in the templates folder",
              fieldName([...base, "background", "image"]),
              image
            ),
            at("background", "image")
          );
        } else
          files.push({
            abs,
            what: `background image${note ?? ""}`,
            field: fieldName([...base, "background", "image"]),
            at: loaded.positionOf(at("background", "image"))
          });
      } else fileRef(image, at("background", "image"), "background image", note);
    }
    for (const k of ["headline", "subtitle"]) {
      const font = style[k]?.font;
      if (font !== void 0 && (/\.(ttf|otf|ttc)$/i.test(font) || /[\\/]/.test(font)))
        fileRef(font, at(k, "font"), "font file", note);
    }
    const frame = style.device?.frame;
    if (frame !== void 0 && /\.png$/i.test(frame)) fileRef(frame, at("device", "frame"), "frame PNG", note);
  }
  if (m.app?.icon !== void 0) resolveFile(m.app.icon, ["app", "icon"]);
  const outDir = input.outDir ? path3.resolve(cwd, input.outDir) : m.output?.dir ? resolveFile(m.output.dir, ["output", "dir"]) ?? path3.resolve(loaded.dir, "storeshots-out") : path3.resolve(cwd, "storeshots-out");
  const all = [];
  for (const locale of locales) {
    for (const { ref, entry, fp: presetFp } of presets) {
      const pr = resolvePreset(ref);
      const size = entry.size ? parseSize(entry.size) : pr.size;
      const isFeature = pr.preset.playFolder === "featureGraphic";
      const slides = isFeature ? [
        {
          s: {
            id: "feature-graphic",
            headline: m["feature-graphic"]?.headline ?? m.app?.tagline ?? m.slides[0]?.headline,
            subtitle: m["feature-graphic"]?.subtitle,
            screenshot: m["feature-graphic"]?.screenshot,
            style: { layout: "feature", ...m["feature-graphic"]?.style }
          },
          fp: m["feature-graphic"] ? ["feature-graphic"] : ["slides", 0]
        }
      ] : m.slides.flatMap(
        (s, i) => !s.presets || s.presets.includes(ref) ? [{ s, fp: ["slides", i] }] : []
      );
      slides.forEach(({ s, fp }, k) => {
        const index = k + 1;
        const device = pr.preset.device;
        const vars = {
          locale: PSEUDO_LOCALES.includes(locale) ? baseLocale : locale,
          device,
          slide: s.id,
          preset: pr.preset.id
        };
        const pattern = s.screenshot ?? (isFeature ? void 0 : m.screenshots);
        const shotFp = s.screenshot ? [...fp, "screenshot"] : ["screenshots"];
        const screenshot = pattern ? resolveShot(pattern, vars, shotFp) : void 0;
        const second = s["second-screenshot"] ? resolveFile(fillPattern(s["second-screenshot"], vars), [...fp, "second-screenshot"]) : void 0;
        const rel = outputPath(layout, { locale, preset: ref, slide: s.id, index, ext });
        if (!rel) return;
        all.push({
          id: `${locale}/${ref}/${s.id}`,
          set: `${locale}/${ref}`,
          locale,
          rtl: isRtlLocale(locale),
          preset: ref,
          presetId: pr.preset.id,
          store: pr.preset.store,
          device,
          landscape: pr.landscape,
          size,
          slide: s.id,
          index,
          count: slides.length,
          headline: resolveText(s.headline, locale, [...fp, "headline"]),
          subtitle: resolveText(s.subtitle, locale, [...fp, "subtitle"]),
          appName: m.app?.name,
          style: mergeStyle(theme.style, m.style, localeStyle(m["locale-style"], locale), s.style, entry.style),
          theme: theme.name,
          screenshot,
          secondScreenshot: second,
          fonts,
          baseDir: loaded.dir,
          output: { path: rel, format, quality, ...compression ? { compression } : {} },
          source: { slide: loaded.positionOf(fp), preset: loaded.positionOf(presetFp) }
        });
      });
    }
  }
  const shotDirs = new Set(
    all.flatMap((j) => [j.screenshot, j.secondScreenshot]).filter((f) => !!f).map((f) => path3.dirname(f))
  );
  const patterns = [
    m.screenshots,
    ...m.slides.flatMap((sl) => [sl.screenshot, sl["second-screenshot"]]),
    m["feature-graphic"]?.screenshot
  ];
  const roots = new Set(
    patterns.filter((p) => !!p).map((p) => path3.resolve(loaded.dir, path3.dirname(`${p.split(/\{(?:locale|device|slide|preset)\}/)[0]}x`)))
  );
  const under = (dir, root) => dir === root || root !== loaded.dir && root !== path3.resolve(cwd) && isInside(root, dir, { self: true });
  const clash = [...shotDirs].find((d) => d === outDir) ?? [...roots].find((r) => under(outDir, r));
  if (clash) {
    const shown = path3.relative(cwd, clash) || ".";
    if (input.outDir)
      problems.push({
        severity: "error",
        field: "--out",
        message: expected(`an output folder outside the screenshot folder ${shown}`, "--out", input.outDir)
      });
    else
      err(
        expected(
          `an output folder outside the screenshot folder ${shown}`,
          "output.dir",
          m.output?.dir ?? "storeshots-out"
        ),
        m.output?.dir ? ["output", "dir"] : ["screenshots"]
      );
  }
  const plan = {
    manifestFile: loaded.file,
    app: { name: m.app?.name },
    locales,
    presets: presets.map((p) => p.ref),
    fallbackLocale: fallback,
    layout,
    outDir,
    all,
    jobs: all
  };
  return { plan, problems: dedupe(problems), warnings: dedupe(warnings), files };
}
function dedupe(problems) {
  const seen = /* @__PURE__ */ new Set();
  return problems.filter((p) => {
    const k = `${p.message}|${p.at?.line}|${p.at?.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function parseShard(s) {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || total > 256 || index < 1 || index > total) {
    throw new UserError(expected('a shard "i/n" with 1 <= i <= n <= 256', "--shard", s));
  }
  return { index, total };
}
function selectJobs(plan, sel) {
  const check = (what, given, known) => {
    for (const g of given ?? []) {
      if (!known.includes(g))
        throw new UserError(
          `Unknown ${what} "${g}" (did you mean "${(0, import_fastest_levenshtein2.closest)(g, known)}"?); the manifest has: ${known.join(", ")}`
        );
    }
  };
  check("locale", sel.locales, plan.locales);
  check("preset", sel.presets, plan.presets);
  check("slide", sel.slides, [...new Set(plan.all.map((j) => j.slide))]);
  let jobs = plan.all.filter(
    (j) => (!sel.locales?.length || sel.locales.includes(j.locale)) && (!sel.presets?.length || sel.presets.includes(j.preset)) && (!sel.slides?.length || sel.slides.includes(j.slide))
  );
  if (sel.shard) {
    const { index, total } = parseShard(sel.shard);
    jobs = jobs.filter((_, k) => k % total === index - 1);
  }
  return { ...plan, jobs };
}

export {
  normalizeWhitespace,
  builtinThemes,
  loadTheme,
  outputPath,
  bcp47FromFolder,
  mergeStyle,
  scriptOf,
  buildPlan,
  selectJobs,
  poolSize,
  decodeBudget,
  RenderPool
};
