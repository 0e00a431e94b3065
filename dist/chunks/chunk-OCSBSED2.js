import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  REF_SIZE,
  bidiLevels,
  chooseWrap,
  defaultLineHeight,
  fitSize,
  parseHighlights,
  pieces,
  unbreakableWords,
  visualRuns
} from "./chunk-HV66XK6Q.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/render/slide-layout.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/render/layout.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/render/devices.ts
init_define_globalThis_STORESHOTS_NATIVES();
var m = (d) => d;
var MODELS = {
  "iphone-island": m({
    id: "iphone-island",
    screenAspect: 1320 / 2868,
    bezel: [0.04, 0.04, 0.04, 0.04],
    screenRadius: 0.135,
    bodyRadius: 0.175,
    rim: 0.012,
    island: { w: 0.27, h: 0.078, top: 0.032 },
    rotates: true,
    buttons: [
      { side: "left", at: 0.32, len: 0.1 },
      { side: "left", at: 0.5, len: 0.16 },
      { side: "left", at: 0.72, len: 0.16 },
      { side: "right", at: 0.6, len: 0.26 }
    ]
  }),
  "iphone-notch": m({
    id: "iphone-notch",
    screenAspect: 1284 / 2778,
    bezel: [0.045, 0.045, 0.045, 0.045],
    screenRadius: 0.12,
    bodyRadius: 0.165,
    rim: 0.012,
    notch: { w: 0.48, h: 0.068 },
    rotates: true,
    buttons: [
      { side: "left", at: 0.3, len: 0.08 },
      { side: "left", at: 0.46, len: 0.16 },
      { side: "left", at: 0.68, len: 0.16 },
      { side: "right", at: 0.55, len: 0.26 }
    ]
  }),
  "iphone-home": m({
    id: "iphone-home",
    screenAspect: 1242 / 2208,
    bezel: [0.23, 0.06, 0.23, 0.06],
    screenRadius: 5e-3,
    bodyRadius: 0.17,
    rim: 0.01,
    homeButton: { d: 0.15 },
    camera: { d: 0.025 },
    rotates: true,
    buttons: [
      { side: "left", at: 0.2, len: 0.07 },
      { side: "left", at: 0.4, len: 0.12 },
      { side: "left", at: 0.58, len: 0.12 },
      { side: "right", at: 0.4, len: 0.14 }
    ]
  }),
  ipad: m({
    id: "ipad",
    screenAspect: 2064 / 2752,
    bezel: [0.038, 0.038, 0.038, 0.038],
    screenRadius: 0.028,
    bodyRadius: 0.062,
    rim: 8e-3,
    camera: { d: 0.012 },
    rotates: true,
    buttons: [
      { side: "right", at: 0.04, len: 0.07 },
      { side: "right", at: 0.14, len: 0.07 }
    ]
  }),
  "android-phone": m({
    id: "android-phone",
    screenAspect: 1080 / 2400,
    bezel: [0.032, 0.032, 0.032, 0.032],
    screenRadius: 0.09,
    bodyRadius: 0.12,
    rim: 0.01,
    punchHole: { d: 0.038, top: 0.032 },
    rotates: true,
    buttons: [
      { side: "right", at: 0.32, len: 0.26 },
      { side: "right", at: 0.66, len: 0.14 }
    ]
  }),
  "android-tablet": m({
    id: "android-tablet",
    screenAspect: 1600 / 2560,
    bezel: [0.05, 0.05, 0.05, 0.05],
    screenRadius: 0.03,
    bodyRadius: 0.075,
    rim: 8e-3,
    camera: { d: 0.014 },
    rotates: true,
    buttons: [{ side: "right", at: 0.12, len: 0.12 }]
  }),
  mac: m({
    id: "mac",
    screenAspect: 1.6,
    bezel: [0.035, 0.022, 0.045, 0.022],
    screenRadius: 8e-3,
    bodyRadius: 0.03,
    rim: 4e-3,
    camera: { d: 7e-3 },
    base: { w: 1.2, h: 0.034 },
    rotates: false
  }),
  watch: m({
    id: "watch",
    screenAspect: 422 / 514,
    bezel: [0.1, 0.1, 0.1, 0.1],
    screenRadius: 0.22,
    bodyRadius: 0.32,
    rim: 0.035,
    crown: true,
    rotates: false
  }),
  "watch-round": m({
    id: "watch-round",
    screenAspect: 1,
    bezel: [0.1, 0.1, 0.1, 0.1],
    screenRadius: 0.5,
    bodyRadius: 0.6,
    rim: 0.05,
    crown: true,
    round: true,
    rotates: false
  }),
  tv: m({
    id: "tv",
    screenAspect: 16 / 9,
    bezel: [0.012, 0.012, 0.03, 0.012],
    screenRadius: 2e-3,
    bodyRadius: 6e-3,
    rim: 3e-3,
    stand: { w: 0.3, h: 0.07 },
    rotates: false
  }),
  none: m({
    id: "none",
    screenAspect: 0,
    bezel: [0, 0, 0, 0],
    screenRadius: 0.035,
    bodyRadius: 0.035,
    rim: 0,
    rotates: false
  })
};
var MODEL_IDS = Object.keys(MODELS);
function autoModel(device, presetId) {
  switch (device) {
    case "iphone":
      if (presetId === "appstore.iphone_5_5") return "iphone-home";
      if (presetId === "appstore.iphone_6_5" || presetId === "appstore.iphone_6_1") return "iphone-notch";
      return "iphone-island";
    case "ipad":
      return "ipad";
    case "android-phone":
      return "android-phone";
    case "android-tablet":
      return "android-tablet";
    case "mac":
      return "mac";
    case "watch":
      return presetId === "play.wear" ? "watch-round" : "watch";
    case "tv":
      return "tv";
    default:
      return "none";
  }
}
function geometry(model, landscape, aspect = model.screenAspect) {
  const [t, r, b, l] = model.bezel;
  const sh = 1 / aspect;
  let outerW = 1 + l + r;
  let outerH = sh + t + b;
  let sx = l;
  const sy = t;
  if (model.base) {
    const extra = (model.base.w - outerW) / 2;
    if (extra > 0) {
      sx += extra;
      outerW = model.base.w;
    }
    outerH += model.base.h;
  }
  if (model.stand) outerH += model.stand.h;
  const g = { outerW, outerH, screen: { x: sx, y: sy, width: 1, height: sh } };
  if (!(landscape && model.rotates)) return g;
  return { outerW: outerH, outerH: outerW, screen: { x: sy, y: outerW - sx - 1, width: sh, height: 1 } };
}
var FRAME_COLORS = {
  black: "#1d1d1f",
  "space-gray": "#4b4d52",
  "space-black": "#2b2b2d",
  silver: "#d4d6d9",
  white: "#eceef0",
  gold: "#e0cfb1",
  "rose-gold": "#e8c4b8",
  blue: "#3d4b63",
  titanium: "#8a8680",
  "natural-titanium": "#a8a49d",
  "desert-titanium": "#bfa48c",
  midnight: "#232a35",
  starlight: "#e8e2d6"
};

// src/render/layout.ts
var EXTENDED_KINDS = /* @__PURE__ */ new Set([
  "fan",
  "phone-tablet",
  "feature-list",
  "stats",
  "before-after",
  "quote"
]);
var LANDSCAPE = (w, h) => w > h * 1.15;
function effectiveKind(job) {
  const k = job.style.layout ?? "text-top";
  if (k === "feature") return k;
  if (LANDSCAPE(job.size.width, job.size.height)) {
    if (k === "text-top") return "text-left";
    if (k === "text-bottom") return "text-right";
  } else if (k === "text-left") return "text-top";
  else if (k === "text-right") return "text-bottom";
  if ((k === "two-devices" || k === "fan" || k === "phone-tablet" || k === "before-after") && !job.screenshot)
    return "text-top";
  return k;
}
function typeRef(w, h, kind) {
  if (kind === "feature") return h;
  if (kind === "text-left" || kind === "text-right") return Math.min(w * 0.5, h * 0.8);
  return Math.min(w, h * 0.55);
}
var px = (v, ref, dflt) => {
  const x = v ?? dflt;
  return x > 1 ? x : x * ref;
};
function padding(job) {
  return (job.style.padding ?? 0.07) * Math.min(job.size.width, job.size.height);
}
function textColumn(job, kind) {
  const { width: W } = job.size;
  const pad = padding(job);
  const safeW = W - 2 * pad;
  if (kind === "text-left" || kind === "text-right" || kind === "feature") {
    const hasDevice = kind !== "feature" || !!job.screenshot;
    const colW = hasDevice ? safeW * (kind === "feature" ? 0.5 : 0.4) : safeW;
    const textOnLeft = (kind === "text-left" || kind === "feature") !== job.rtl || !hasDevice;
    return { x: textOnLeft ? pad : W - pad - colW, width: colW };
  }
  return { x: pad, width: safeW };
}
function prepare(kind, raw, style, job, lk, tm, defaults) {
  if (!raw?.trim()) return void 0;
  const st = style ?? {};
  const ref = typeRef(job.size.width, job.size.height, lk);
  let { text, spans } = parseHighlights(raw.trim());
  if (st.uppercase) text = text.toLocaleUpperCase(job.locale);
  const maxSize = px(st.size, ref, defaults.size);
  const minSize = Math.min(maxSize, px(st["min-size"], ref, defaults.min));
  const font = {
    chain: tm.chain(st, job),
    weight: st.weight ?? defaults.weight,
    size: REF_SIZE,
    lang: job.locale,
    letterSpacing: st["letter-spacing"] ?? 0
  };
  const measure = (t) => tm.width(t, font);
  const ps = pieces(text, job.locale, measure);
  let loose;
  return {
    kind,
    style: st,
    text,
    spans,
    pieces: ps,
    // Hyphenation and emergency breaks are worked out only for a block that needs them.
    loose: () => loose ??= pieces(text, job.locale, measure, true),
    font,
    maxSize,
    minSize,
    maxLines: st["max-lines"] ?? defaults.lines,
    lineHeight: st["line-height"] ?? defaultLineHeight(font.chain)
  };
}
function prepareAll(job, tm) {
  const kind = effectiveKind(job);
  if (kind === "device-only") return { kind, items: [] };
  const s = job.style;
  const items = [];
  if (kind === "feature" && job.appName) {
    const p = prepare(
      "app-name",
      job.appName,
      { ...s.subtitle, weight: 700, size: 0.075, "min-size": 0.05, uppercase: false },
      job,
      kind,
      tm,
      { size: 0.075, min: 0.05, weight: 700, lines: 1 }
    );
    if (p) items.push(p);
  }
  const h = prepare(
    "headline",
    job.headline?.text,
    kind === "feature" ? { ...s.headline, size: 0.12, "min-size": 0.07 } : s.headline,
    job,
    kind,
    tm,
    { size: 0.085, min: 0.05, weight: 800, lines: 3 }
  );
  if (h) items.push(h);
  const sub = prepare(
    "subtitle",
    job.subtitle?.text,
    kind === "feature" ? { ...s.subtitle, size: 0.06, "min-size": 0.04 } : s.subtitle,
    job,
    kind,
    tm,
    { size: 0.042, min: 0.03, weight: 500, lines: 2 }
  );
  if (sub) items.push(sub);
  return { kind, items };
}
function ownFits(job, tm) {
  const { kind, items } = prepareAll(job, tm);
  const column = textColumn(job, kind);
  return {
    kind,
    column,
    items: items.map((p) => ({
      ...p,
      fit: fitSize({
        pieces: p.pieces,
        loose: p.loose,
        maxWidth: column.width,
        maxLines: p.maxLines,
        maxSize: p.maxSize,
        minSize: p.minSize
      })
    }))
  };
}
function stackGap(sizes) {
  return (sizes.headline ?? 0) * 0.35;
}
function wrapAt(p, size, maxWidth) {
  return chooseWrap({ strict: p.pieces, loose: p.loose }, maxWidth, p.maxLines, size / REF_SIZE);
}
function stackHeight(items, maxWidth) {
  let h = 0;
  for (const [i, p] of items.entries()) {
    const lines = wrapAt(p, p.size, maxWidth).lines.length;
    if (i > 0) h += gapBefore(p, items[i - 1]);
    h += lines * p.size * p.lineHeight;
  }
  return h;
}
function gapBefore(p, prev) {
  if (prev.kind === "app-name") return prev.size * 0.5;
  return p.kind === "subtitle" ? stackGap({ headline: prev.size }) : 0;
}
var SHRINK_WARNING = 0.1;
function setFacts(setJobs, tm) {
  const fits = setJobs.map((j) => ({ job: j, ...ownFits(j, tm) }));
  const lockable = fits.filter((f) => f.job.style["lock-type-size"] !== false);
  const shrunk = [];
  const lock = (kind) => {
    const xs = lockable.flatMap((f) => f.items.filter((i) => i.kind === kind).map((i) => ({ ...i, job: f.job })));
    if (xs.length === 0) return void 0;
    const floor = Math.max(...xs.map((x) => x.minSize));
    const own = xs.map((x) => Math.max(floor, Math.min(x.fit, x.maxSize)));
    const size = Math.min(...own);
    const k = own.indexOf(size);
    const others = Math.min(...own.filter((_, i) => i !== k));
    if (xs.length > 1 && others - size >= Math.max(1, others * SHRINK_WARNING))
      shrunk.push({ kind, slide: xs[k].job.slide, at: xs[k].job.source.slide, size, without: others });
    return size;
  };
  const facts = { headlineSize: lock("headline"), subtitleSize: lock("subtitle"), textHeight: 0 };
  if (shrunk.length) facts.shrunk = shrunk;
  for (const f of fits) {
    const sized2 = f.items.map((i) => ({ ...i, size: sizeFor(i, f.job, facts) }));
    facts.textHeight = Math.max(facts.textHeight, stackHeight(sized2, f.column.width));
  }
  return facts;
}
function sizeFor(p, job, facts) {
  const own = Math.max(p.minSize, Math.min(p.fit, p.maxSize));
  if (job.style["lock-type-size"] === false || p.kind === "app-name") return own;
  const locked = p.kind === "headline" ? facts.headlineSize : facts.subtitleSize;
  return locked === void 0 ? own : Math.min(p.maxSize, locked);
}
function alignOf(st, rtl, dflt) {
  const a = st.align ?? dflt;
  if (a === "center" || a === "left" || a === "right") return a;
  return a === "start" !== rtl ? "left" : "right";
}
function shrinking(facts, job, kind) {
  const s = facts.shrunk?.find((x) => x.kind === kind && x.slide === job.slide);
  return s && { size: s.size, without: s.without };
}
function placeText(items, box, job, tm, dfltAlign, facts) {
  const total = stackHeight(items, box.width);
  let y = box.y + Math.max(0, (box.height - total) / 2);
  const out = [];
  items.forEach((p, i) => {
    if (i > 0) y += gapBefore(p, items[i - 1]);
    const size = p.size;
    const font = { ...p.font, size };
    const wrap = wrapAt(p, size, box.width);
    const levels = bidiLevels(p.text, job.rtl);
    const lh = size * p.lineHeight;
    const align = alignOf(p.style, job.rtl, dfltAlign);
    const lines = wrap.lines.map(([a, b], k) => {
      const start = wrap.pieces[a].start;
      const end = wrap.pieces[b].end;
      const hyphen = k < wrap.lines.length - 1 ? wrap.pieces[b].hyphen : void 0;
      const runs = visualRuns(p.text, levels, start, end, p.spans);
      let x = 0;
      const placed = runs.map((r) => {
        const text = p.text.slice(r.start, r.end);
        const w = tm.width(text, font);
        const run = { ...r, text, x, width: w, accentX: [] };
        x += w;
        return run;
      });
      let hyphenRun;
      if (hyphen) {
        const last = placed[placed.length - 1];
        const w = tm.width(hyphen, font);
        const at = last && !last.rtl ? last.end : end;
        hyphenRun = { start: at, end: at, rtl: false, accents: [], text: hyphen, x, width: w, accentX: [] };
        placed.push(hyphenRun);
        x += w;
      }
      const accentedBefore = p.spans.some(([a2, b2]) => a2 <= end - 1 && end - 1 < b2);
      const width = x;
      const left = align === "left" ? box.x : align === "right" ? box.x + box.width - width : box.x + (box.width - width) / 2;
      for (const r of placed) {
        r.x += left;
        r.accentX = r === hyphenRun ? accentedBefore ? [[r.x, r.x + r.width]] : [] : accentIntervals(p.text, r, font, tm);
      }
      const top = y + k * lh;
      return {
        text: p.text.slice(start, end).replaceAll("\xAD", "").trim() + (hyphen ?? ""),
        x: left,
        width,
        top,
        baseline: top + lh / 2 + size * 0.36,
        runs: placed
      };
    });
    const height = lines.length * lh;
    const minX = Math.min(...lines.map((l) => l.x));
    const maxX = Math.max(...lines.map((l) => l.x + l.width));
    const overflow = wrap.tooWide || lines.length > p.maxLines || maxX - minX > box.width + 1;
    const unbreakable = overflow ? unbreakableWords(p.text, p.loose(), box.width, size) : [];
    const textBox = { x: box.x, y, width: box.width, height };
    out.push({
      kind: p.kind,
      text: p.text,
      font,
      minFontSize: p.minSize,
      fitFontSize: p.fit,
      lineHeight: lh,
      align,
      color: p.style.color ?? "#ffffff",
      accent: p.style.accent ?? p.style.color ?? "#ffffff",
      shadow: p.style.shadow ?? false,
      box: textBox,
      lines,
      inked: { x: minX, y, width: maxX - minX, height },
      overflow,
      unbreakable,
      shrinksSet: shrinking(facts, job, p.kind)
    });
    y += height;
  });
  return out;
}
var ARABIC_LETTER = new RegExp("^(?=\\p{Script=Arabic})[\\p{L}\\p{M}]$", "u");
var TATWEEL = "\u0640";
function accentIntervals(text, r, font, tm) {
  const edge = (k) => {
    if (k <= r.start) return 0;
    if (k >= r.end) return r.width;
    const before = text.slice(r.start, k);
    const joins = ARABIC_LETTER.test(String.fromCodePoint(text.codePointAt(k))) && ARABIC_LETTER.test(before.at(-1));
    const w = joins ? tm.width(before + TATWEEL, font) - tm.width(TATWEEL, font) : tm.width(before, font);
    return Math.min(r.width, w);
  };
  return r.accents.map(([a, b]) => {
    const e0 = edge(a);
    const e1 = edge(b);
    return r.rtl ? [r.x + r.width - e1, r.x + r.width - e0] : [r.x + e0, r.x + e1];
  });
}
function fitBox(area, aspect, scale = 1) {
  let w = Math.min(area.width, area.height * aspect) * scale;
  let h = w / aspect;
  if (h > area.height * scale) {
    h = area.height * scale;
    w = h * aspect;
  }
  return { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
}
function resolveModel(job) {
  const f = job.style.device?.frame ?? "auto";
  if (f === "auto") return { model: autoModel(job.device, job.presetId) };
  if (/\.png$/i.test(f)) return { model: "none", frameFile: f };
  if (MODEL_IDS.includes(f)) return { model: f };
  return { model: autoModel(job.device, job.presetId) };
}
function placeDevice(job, area, which, shot, frame, scale, over = {}) {
  const d = job.style.device ?? {};
  const resolved = resolveModel(job);
  const model = over.model ?? resolved.model;
  const frameFile = over.model ? void 0 : resolved.frameFile;
  if (over.model) frame = void 0;
  const spec = MODELS[model];
  const landscapeCanvas = LANDSCAPE(job.size.width, job.size.height);
  const rotate = spec.rotates && (job.landscape || landscapeCanvas && effectiveKind(job) !== "feature");
  const shotAspect = shot ? shot.width / shot.height : job.size.width / job.size.height;
  let outer;
  let screen;
  let radius;
  if (frame) {
    outer = fitBox(area, frame.aspect, scale);
    const k = outer.width;
    screen = {
      x: outer.x + frame.screen.x * k,
      y: outer.y + frame.screen.y * k,
      width: frame.screen.width * k,
      height: frame.screen.height * k
    };
    radius = 0;
  } else {
    const g = geometry(spec, rotate, model === "none" ? shotAspect : void 0);
    outer = fitBox(area, g.outerW / g.outerH, scale);
    const k = outer.width / g.outerW;
    screen = {
      x: outer.x + g.screen.x * k,
      y: outer.y + g.screen.y * k,
      width: g.screen.width * k,
      height: g.screen.height * k
    };
    radius = spec.screenRadius * k;
  }
  const dx = (d["offset-x"] ?? 0) * job.size.width * (job.rtl ? -1 : 1);
  const dy = (d["offset-y"] ?? 0) * job.size.height;
  const shift = (b) => ({ ...b, x: b.x + dx, y: b.y + dy });
  return {
    model,
    frameFile,
    which,
    outer: shift(outer),
    screen: shift(screen),
    screenRadius: radius,
    landscape: rotate,
    tilt: (over.tilt ?? leaning(d.tilt ?? 0, d["tilt-direction"])) * (job.rtl ? -1 : 1),
    color: d.color ?? "black",
    fit: d.fit ?? "crop",
    shadow: d.shadow ?? true
  };
}
function leaning(tilt, direction) {
  if (!direction) return tilt;
  return (direction === "right" ? 1 : -1) * Math.abs(tilt);
}
function layoutWith({ job, facts, measurer: tm, shots = {}, frame }) {
  const { width: W, height: H } = job.size;
  const pad = padding(job);
  const safe = { x: pad, y: pad, width: W - 2 * pad, height: H - 2 * pad };
  const { kind, items, column } = ownFits(job, tm);
  const sized2 = items.map((p) => ({ ...p, size: sizeFor(p, job, facts) }));
  const scale = job.style.device?.scale ?? 1;
  const hasShot = !!job.screenshot;
  const textH = Math.max(facts.textHeight, stackHeight(sized2, column.width));
  const gap = pad * 0.9;
  const layout = {
    width: W,
    height: H,
    kind,
    rtl: job.rtl,
    safe,
    blocks: [],
    devices: [],
    fullBleed: false
  };
  const place = (area, which, s = scale, over) => placeDevice(
    job,
    area,
    which,
    which === "primary" ? shots.primary : shots[which] ?? shots.primary,
    frame,
    s,
    over
  );
  switch (kind) {
    case "device-only": {
      if (hasShot) layout.devices.push(place(safe, "primary"));
      break;
    }
    case "text-left":
    case "text-right":
    case "feature": {
      const textArea = { x: column.x, y: safe.y, width: column.width, height: safe.height };
      layout.textArea = textArea;
      layout.blocks = placeText(sized2, textArea, job, tm, kind === "feature" && hasShot ? "start" : "center", facts);
      if (hasShot) {
        const devX = column.x === pad ? column.x + column.width + gap : pad;
        const devW = safe.width - column.width - gap;
        const area = kind === "feature" ? (
          // The feature graphic's device runs off the bottom edge, like a phone held up to the camera.
          { x: devX, y: H * 0.12, width: devW, height: H * 1.25 }
        ) : { x: devX, y: safe.y, width: devW, height: safe.height };
        layout.devices.push(place(area, "primary"));
      }
      break;
    }
    default: {
      const top = kind !== "text-bottom";
      const hasText = sized2.length > 0;
      const tH = hasText ? textH : 0;
      const textArea = {
        x: column.x,
        y: top ? safe.y + pad * 0.35 : H - pad - tH,
        width: column.width,
        height: tH
      };
      if (hasText) {
        layout.textArea = textArea;
        layout.blocks = placeText(sized2, textArea, job, tm, "center", facts);
      }
      const area = top ? {
        x: safe.x,
        y: textArea.y + tH + (hasText ? gap : 0),
        width: safe.width,
        height: H - pad - (textArea.y + tH + (hasText ? gap : 0))
      } : { x: safe.x, y: safe.y, width: safe.width, height: textArea.y - gap - safe.y };
      layout.deviceArea = area;
      if (kind === "full-bleed") layout.fullBleed = hasShot;
      else if (EXTENDED_KINDS.has(kind)) {
      } else if (kind === "two-devices" && hasShot) {
        const w = area.width * 0.56;
        const back = {
          x: job.rtl ? area.x : area.x + area.width - w,
          y: area.y + area.height * 0.08,
          width: w,
          height: area.height * 0.92
        };
        const front = {
          x: job.rtl ? area.x + area.width - w : area.x,
          y: area.y,
          width: w,
          height: area.height * 0.92
        };
        layout.devices.push(place(back, "second"), place(front, "primary"));
      } else if (hasShot) layout.devices.push(place(area, "primary"));
    }
  }
  return { layout, place };
}

// src/render/multi-device.ts
init_define_globalThis_STORESHOTS_NATIVES();
var mirror = (b, area, rtl) => rtl ? { ...b, x: area.x + area.width - (b.x - area.x) - b.width } : b;
var FAN_SPREAD = 9;
function fan(job, area, place) {
  const d = job.style.device ?? {};
  const dir = d["tilt-direction"];
  const spread = dir ? FAN_SPREAD / 2 : FAN_SPREAD;
  const base = dir ? leaning(Math.max(Math.abs(d.tilt ?? 0), spread + 3), dir) : d.tilt ?? 0;
  const centreW = area.width * 0.56;
  const centre = place(
    { x: area.x + (area.width - centreW) / 2, y: area.y, width: centreW, height: area.height },
    "primary",
    1,
    {
      tilt: base
    }
  );
  const w = centre.outer.width * 0.86;
  const h = centre.outer.height * 0.86;
  const y = centre.outer.y + centre.outer.height * 0.09;
  const side = (x, which, tilt) => place(mirror({ x, y, width: w, height: h }, area, job.rtl), which, 1, { tilt });
  const start = side(area.x, "second", base - spread);
  const end = side(area.x + area.width - w, "third", base + spread);
  return [start, end, centre];
}
function otherModel(job) {
  const tabletPreset = job.device === "ipad" || job.device === "android-tablet";
  if (job.store === "appstore") return tabletPreset ? "iphone-island" : "ipad";
  return tabletPreset ? "android-phone" : "android-tablet";
}
function phoneTablet(job, area, place) {
  const tabletPreset = job.device === "ipad" || job.device === "android-tablet";
  const other = otherModel(job);
  const tabletBox = { x: area.x, y: area.y, width: area.width * 0.84, height: area.height * 0.9 };
  const phoneBox = {
    x: area.x + area.width * 0.6,
    y: area.y + area.height * 0.3,
    width: area.width * 0.4,
    height: area.height * 0.7
  };
  const tablet = place(
    mirror(tabletBox, area, job.rtl),
    tabletPreset ? "primary" : "second",
    1,
    tabletPreset ? {} : { model: other }
  );
  const phone = place(
    mirror(phoneBox, area, job.rtl),
    tabletPreset ? "second" : "primary",
    1,
    tabletPreset ? { model: other } : {}
  );
  const bottom = area.y + area.height;
  const drop = (p) => {
    const dy = bottom - (p.outer.y + p.outer.height);
    return { ...p, outer: { ...p.outer, y: p.outer.y + dy }, screen: { ...p.screen, y: p.screen.y + dy } };
  };
  return [drop(tablet), drop(phone)];
}
var BLEED_KEEP = 0.78;
function bleed(job, layout, place) {
  const asked = job.style.device?.bleed;
  const area = layout.deviceArea;
  const [first] = layout.devices;
  if (!area || !first || layout.devices.length !== 1 || asked !== "top" && asked !== "bottom") return layout.devices;
  const text = layout.textArea;
  const edge = !text ? asked : text.y < area.y ? "bottom" : "top";
  const aspect = first.outer.width / first.outer.height;
  const scale = job.style.device?.scale ?? 1;
  const pad = (layout.width - layout.safe.width) / 2;
  const room = edge === "bottom" ? layout.height - area.y : area.y + area.height;
  const w = Math.min(layout.width - pad, Math.max(area.width, room / BLEED_KEEP * aspect)) * scale;
  const h = w / aspect;
  const y = edge === "bottom" ? area.y : area.y + area.height - h;
  return [place({ x: area.x + (area.width - w) / 2, y, width: w, height: h }, "primary", 1)];
}

// src/render/slides.ts
init_define_globalThis_STORESHOTS_NATIVES();
var SPEC = {
  item: { from: "subtitle", size: 0.064, min: 0.036, weight: 600, lines: 2, align: "start" },
  icon: { from: "subtitle", size: 0.07, min: 0.05, weight: 400, lines: 1, align: "center" },
  stat: { from: "headline", size: 0.15, min: 0.07, weight: 800, lines: 1, align: "center" },
  "stat-label": { from: "subtitle", size: 0.044, min: 0.03, weight: 500, lines: 2, align: "center" },
  quote: { from: "headline", size: 0.07, min: 0.042, weight: 700, lines: 6, align: "center" },
  source: { from: "subtitle", size: 0.042, min: 0.03, weight: 600, lines: 2, align: "center" },
  label: { from: "subtitle", size: 0.046, min: 0.032, weight: 700, lines: 1, align: "center" },
  rating: { from: "subtitle", size: 0.042, min: 0.03, weight: 600, lines: 1, align: "center" },
  award: { from: "headline", size: 0.05, min: 0.034, weight: 800, lines: 2, align: "center" }
};
var refOf = (job) => Math.min(job.size.width, job.size.height * 0.55);
var padOf = (job) => (job.style.padding ?? 0.07) * Math.min(job.size.width, job.size.height);
function measures(job) {
  const ref = refOf(job);
  const pad = padOf(job);
  const safeW = job.size.width - 2 * pad;
  const inner = ref * 0.05;
  const icon = ref * 0.135;
  return {
    ref,
    pad,
    safeW,
    inner,
    icon,
    gap: ref * 0.03,
    radius: ref * 0.045,
    /** Text column of each kind. */
    width: {
      item: safeW - icon - 3 * inner,
      icon,
      stat: safeW - 2 * inner,
      "stat-label": safeW - 2 * inner,
      quote: safeW * 0.92,
      source: safeW * 0.92,
      label: safeW / 2 - inner,
      rating: safeW,
      award: safeW * 0.56
    }
  };
}
function prep(job, tm, kind, text) {
  const raw = typeof text === "string" ? text : text?.text;
  const s = SPEC[kind];
  const style = {
    ...job.style[s.from],
    size: s.size,
    "min-size": s.min,
    weight: s.weight,
    "max-lines": s.lines,
    align: s.align,
    uppercase: kind === "label" || kind === "source" ? job.style[s.from]?.uppercase : false
  };
  const p = prepare(kind, raw, style, job, "text-top", tm, {
    size: s.size,
    min: s.min,
    weight: s.weight,
    lines: s.lines
  });
  if (!p) return void 0;
  const width = measures(job).width[kind];
  const fit = fitSize({
    pieces: p.pieces,
    loose: p.loose,
    maxWidth: width,
    maxLines: p.maxLines,
    maxSize: p.maxSize,
    minSize: p.minSize
  });
  return { ...p, kind, fit, width };
}
function contentTexts(job, tm) {
  const c = job.content ?? {};
  const k = job.style.layout;
  const one = (kind, t) => prep(job, tm, kind, t);
  return {
    items: k === "feature-list" ? (c.items ?? []).map((it) => ({ icon: one("icon", it.icon), text: one("item", it.text) })) : [],
    stats: k === "stats" ? (c.stats ?? []).map((st) => ({ value: one("stat", st.value), label: one("stat-label", st.label) })) : [],
    quote: k === "quote" ? one("quote", c.quote?.text) : void 0,
    source: k === "quote" ? one("source", c.quote?.source) : void 0,
    award: k === "quote" ? one("award", c.award) : void 0,
    rating: k === "quote" && c.rating ? one("rating", c.rating.count) : void 0,
    labels: k === "before-after" ? { before: one("label", c.labels?.before), after: one("label", c.labels?.after) } : { before: void 0, after: void 0 }
  };
}
function allFitted(t) {
  return [
    ...t.items.flatMap((i) => [i.icon, i.text]),
    ...t.stats.flatMap((s) => [s.value, s.label]),
    t.quote,
    t.source,
    t.award,
    t.rating,
    t.labels.before,
    t.labels.after
  ].filter((x) => !!x);
}
function ownSizes(job, tm, facts, areaOf) {
  const fitted = allFitted(contentTexts(job, tm));
  if (!fitted.length) return void 0;
  const at = (scale) => {
    const sizes = {};
    for (const f of fitted) {
      const own = Math.max(f.minSize, Math.min(f.fit, f.maxSize) * scale);
      sizes[f.kind] = Math.min(sizes[f.kind] ?? Infinity, own);
    }
    return sizes;
  };
  const placed = areaOf(job);
  if (!placed) return at(1);
  for (let scale = 1; scale > 0.3; scale -= 0.05) {
    const sizes = at(scale);
    const c = contentLayout({ job, area: placed.area, tm, facts: { ...facts, content: sizes }, place: placed.place });
    if (!c.overflow) return sizes;
  }
  return at(0);
}
function contentSizes(setJobs, tm, facts, areaOf) {
  const out = {};
  for (const job of setJobs) {
    if (job.style["lock-type-size"] === false) continue;
    for (const [kind, size] of Object.entries(ownSizes(job, tm, facts, areaOf) ?? {}))
      out[kind] = Math.min(out[kind] ?? Infinity, size);
  }
  return Object.keys(out).length ? out : void 0;
}
function sized(f, facts) {
  if (!f) return void 0;
  const own = Math.max(f.minSize, Math.min(f.fit, f.maxSize));
  const locked = facts.content?.[f.kind];
  return { ...f, size: locked === void 0 ? own : Math.min(f.maxSize, locked) };
}
function rgb(color) {
  const m2 = /^#([0-9a-f]{6})$/i.exec(color ?? "");
  if (!m2) return void 0;
  const n = Number.parseInt(m2[1], 16);
  return [n >> 16 & 255, n >> 8 & 255, n & 255];
}
var isLight = (color) => {
  const c = rgb(color);
  return !c || 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 140;
};
var withAlpha = (color, a, dflt) => {
  const c = rgb(color);
  return c ? `rgba(${c[0]},${c[1]},${c[2]},${a})` : dflt;
};
function stack(rows, area, gap, maxGap) {
  const content = rows.reduce((h, r) => h + r.height, 0);
  const n = Math.max(1, rows.length - 1);
  const g = rows.length > 1 ? Math.min(maxGap, Math.max(gap, (area.height - content) / n / 3)) : 0;
  const total = content + g * (rows.length - 1);
  let y = area.y + Math.max(0, (area.height - total) / 2);
  for (const r of rows) {
    r.place(y);
    y += r.height + g;
  }
  return total > area.height + 1;
}
function contentLayout({ job, area, tm, facts, place }) {
  const m2 = measures(job);
  const t = contentTexts(job, tm);
  const out = { blocks: [], decor: [], devices: [], overflow: false };
  const head = job.style.headline ?? {};
  const textColor = job.style.subtitle?.color ?? head.color ?? "#ffffff";
  const light = isLight(head.color ?? "#ffffff");
  const cardFill = light ? "rgba(255,255,255,0.14)" : "rgba(15,23,42,0.06)";
  const accent = head.accent ?? head.color ?? "#ffffff";
  const x0 = m2.pad;
  const blockOf = (f, box, color, align = "center") => {
    const [b] = placeText([f], box, job, tm, align, facts);
    b.color = color;
    b.accent = accent;
    return b;
  };
  const heightOf = (f) => f ? f.size * f.lineHeight * linesOf(f) : 0;
  const rows = [];
  const layout = job.style.layout;
  if (layout === "feature-list") {
    for (const it of t.items) {
      const icon = sized(it.icon, facts);
      const text = sized(it.text, facts);
      if (!text) continue;
      const k = text.size / text.maxSize;
      const tile = m2.icon * k;
      const inner = m2.inner * k;
      const h = Math.max(tile, heightOf(text)) + 2 * inner;
      rows.push({
        height: h,
        place: (y) => {
          const card = { x: x0, y, width: m2.safeW, height: h };
          out.decor.push({ type: "card", box: card, radius: m2.radius * k, fill: cardFill });
          const iconX = job.rtl ? card.x + card.width - m2.inner - tile : card.x + m2.inner;
          const iconBox = { x: iconX, y: y + (h - tile) / 2, width: tile, height: tile };
          out.decor.push({ type: "card", box: iconBox, radius: tile * 0.3, fill: withAlpha(accent, 0.22, cardFill) });
          if (icon) out.blocks.push(blockOf(icon, iconBox, textColor));
          const textX = job.rtl ? card.x + m2.inner : iconX + tile + m2.inner;
          out.blocks.push(blockOf(text, { x: textX, y, width: m2.width.item, height: h }, textColor, "start"));
        }
      });
    }
    out.overflow = stack(rows, area, m2.gap, m2.gap * 2.2);
  } else if (layout === "stats") {
    for (const st of t.stats) {
      const value = sized(st.value, facts);
      const label = sized(st.label, facts);
      if (!value) continue;
      const vh = value.size * 1.05;
      const lh = heightOf(label);
      const h = vh + lh + 2 * m2.inner + (label ? m2.inner * 0.3 : 0);
      rows.push({
        height: h,
        place: (y) => {
          out.decor.push({
            type: "card",
            box: { x: x0, y, width: m2.safeW, height: h },
            radius: m2.radius,
            fill: cardFill
          });
          const w = m2.width.stat;
          out.blocks.push(
            blockOf({ ...value, lineHeight: 1.05 }, { x: x0 + m2.inner, y: y + m2.inner, width: w, height: vh }, accent)
          );
          if (label)
            out.blocks.push(
              blockOf(label, { x: x0 + m2.inner, y: y + m2.inner + vh + m2.inner * 0.3, width: w, height: lh }, textColor)
            );
        }
      });
    }
    out.overflow = stack(rows, area, m2.gap, m2.gap * 2.5);
  } else if (layout === "quote") {
    const c = job.content ?? {};
    const award = sized(t.award, facts);
    if (award) {
      const ah = heightOf(award);
      const lh = Math.max(ah * 1.5, m2.ref * 0.16);
      rows.push({
        height: lh,
        place: (y) => {
          const w = m2.width.award;
          const bx = x0 + (m2.safeW - w) / 2;
          out.blocks.push(blockOf(award, { x: bx, y, width: w, height: lh }, head.color ?? "#ffffff"));
          const lw = lh * 0.42;
          const color = head.color ?? "#ffffff";
          out.decor.push({
            type: "laurel",
            box: { x: bx - lw - m2.inner * 0.3, y, width: lw, height: lh },
            side: "left",
            color
          });
          out.decor.push({
            type: "laurel",
            box: { x: bx + w + m2.inner * 0.3, y, width: lw, height: lh },
            side: "right",
            color
          });
        }
      });
    }
    if (c.rating) {
      const stars = c.rating.stars;
      const size = m2.ref * 0.075;
      const gap = size * 0.18;
      const count = sized(t.rating, facts);
      const ch = heightOf(count);
      rows.push({
        height: size + (count ? m2.inner * 0.4 + ch : 0),
        place: (y) => {
          const rowW = 5 * size + 4 * gap;
          out.decor.push({
            type: "stars",
            x: x0 + (m2.safeW - rowW) / 2,
            y,
            size,
            gap,
            stars,
            fill: "#fbbf24",
            empty: light ? "rgba(255,255,255,0.28)" : "rgba(15,23,42,0.15)"
          });
          if (count)
            out.blocks.push(
              blockOf(count, { x: x0, y: y + size + m2.inner * 0.4, width: m2.safeW, height: ch }, textColor)
            );
        }
      });
    }
    const quote = sized(t.quote, facts);
    const source = sized(t.source, facts);
    if (quote) {
      const mark = m2.ref * 0.1;
      const qh = heightOf(quote);
      rows.push({
        height: mark * 0.8 + qh,
        place: (y) => {
          out.decor.push({ type: "quote-mark", x: x0 + (m2.safeW - mark) / 2, y, size: mark, color: accent });
          const w = m2.width.quote;
          out.blocks.push(
            blockOf(
              quote,
              { x: x0 + (m2.safeW - w) / 2, y: y + mark * 0.8, width: w, height: qh },
              head.color ?? "#ffffff"
            )
          );
        }
      });
    }
    if (source) {
      const sh = heightOf(source);
      rows.push({
        height: sh,
        place: (y) => {
          const w = m2.width.source;
          out.blocks.push(blockOf(source, { x: x0 + (m2.safeW - w) / 2, y, width: w, height: sh }, accent));
        }
      });
    }
    out.overflow = stack(rows, area, m2.gap * 1.5, m2.gap * 3);
  } else if (layout === "before-after") {
    const before = sized(t.labels.before, facts);
    const after = sized(t.labels.after, facts);
    const lh = Math.max(heightOf(before), heightOf(after));
    const pill = lh + m2.inner * 0.8;
    const half = (m2.safeW - m2.gap) / 2;
    const startX = job.rtl ? x0 + half + m2.gap : x0;
    const endX = job.rtl ? x0 : x0 + half + m2.gap;
    const labelRow = lh ? pill + m2.gap : 0;
    const devArea = (x) => ({ x, y: area.y + labelRow, width: half, height: area.height - labelRow });
    const a = place(devArea(startX), "primary");
    const b = place(devArea(endX), "second");
    out.devices.push(a, b);
    const pillFor = (f, dev, fill, color) => {
      if (!f) return;
      const w = Math.min(half, tm.width(f.text, { ...f.font, size: f.size }) + m2.inner * 2.4);
      const box = {
        x: dev.outer.x + (dev.outer.width - w) / 2,
        y: dev.outer.y - m2.gap - pill,
        width: w,
        height: pill
      };
      out.decor.push({ type: "card", box, radius: pill / 2, fill });
      out.blocks.push(blockOf(f, box, color));
    };
    pillFor(before, a, cardFill, textColor);
    pillFor(after, b, accent, isLight(accent) ? "#111827" : "#ffffff");
    const cy = Math.max(a.screen.y + a.screen.height / 2, b.screen.y + b.screen.height / 2);
    out.decor.push({
      type: "arrow",
      cx: x0 + m2.safeW / 2,
      cy,
      r: m2.ref * 0.055,
      fill: "#ffffff",
      color: "#111827",
      pointsLeft: job.rtl
    });
  }
  if (out.overflow) for (const b of out.blocks) b.overflow = true;
  return out;
}
var linesOf = (f) => wrapAt(f, f.size, f.width).lines.length;

// src/render/slide-layout.ts
function layoutSlide(input) {
  const { layout, place } = layoutWith(input);
  const { job } = input;
  const area = layout.deviceArea;
  if (!area || layout.fullBleed) return layout;
  switch (layout.kind) {
    case "fan":
      layout.devices = fan(job, area, place);
      break;
    case "phone-tablet":
      layout.devices = phoneTablet(job, area, place);
      break;
    case "feature-list":
    case "stats":
    case "quote":
    case "before-after": {
      const facts = job.style["lock-type-size"] === false ? {
        ...input.facts,
        content: ownSizes(job, input.measurer, input.facts, areaFor(input.facts, input.measurer))
      } : input.facts;
      const c = contentLayout({ job, area, tm: input.measurer, facts, place });
      layout.blocks.push(...c.blocks);
      layout.devices = c.devices;
      layout.decor = c.decor;
      break;
    }
    default:
      layout.devices = bleed(job, layout, place);
  }
  return layout;
}
function areaFor(facts, tm) {
  return (job) => {
    const { layout, place } = layoutWith({ job, facts, measurer: tm });
    return layout.deviceArea && !layout.fullBleed ? { area: layout.deviceArea, place } : void 0;
  };
}
function slideSetFacts(setJobs, tm) {
  const facts = setFacts(setJobs, tm);
  const content = contentSizes(setJobs, tm, facts, areaFor(facts, tm));
  if (content) facts.content = content;
  return facts;
}

export {
  MODELS,
  autoModel,
  geometry,
  FRAME_COLORS,
  resolveModel,
  layoutSlide,
  slideSetFacts
};
