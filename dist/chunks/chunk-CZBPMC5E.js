import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/plan/content.ts
init_define_globalThis_STORESHOTS_NATIVES();
function resolveContent(s, fp, resolve) {
  const c = {};
  if (s.items)
    c.items = s.items.map((it, i) => ({
      ...it.icon ? { icon: it.icon } : {},
      text: resolve(it.text, [...fp, "items", i, "text"]) ?? empty()
    }));
  if (s.stats)
    c.stats = s.stats.map((st, i) => ({
      value: resolve(st.value, [...fp, "stats", i, "value"]) ?? empty(),
      ...optional("label", resolve(st.label, [...fp, "stats", i, "label"]))
    }));
  if (s.quote)
    c.quote = {
      text: resolve(s.quote.text, [...fp, "quote", "text"]) ?? empty(),
      ...optional("source", resolve(s.quote.source, [...fp, "quote", "source"]))
    };
  if (s.rating)
    c.rating = { stars: s.rating.stars, ...optional("count", resolve(s.rating.count, [...fp, "rating", "count"])) };
  const award = resolve(s.award, [...fp, "award"]);
  if (award) c.award = award;
  if (s.labels)
    c.labels = {
      ...optional("before", resolve(s.labels.before, [...fp, "labels", "before"])),
      ...optional("after", resolve(s.labels.after, [...fp, "labels", "after"]))
    };
  return Object.keys(c).length ? c : void 0;
}
var empty = () => ({ text: "", origin: "inline", locale: "" });
var optional = (k, v) => v ? { [k]: v } : {};
function withoutDevice(layout) {
  return layout === "feature-list" || layout === "stats" || layout === "quote";
}
function contentKey(c) {
  return { texts: contentTexts(c).map(([what, t]) => [what, t.text]), stars: c.rating?.stars ?? null };
}
function contentToText(c) {
  return JSON.parse(
    JSON.stringify(c, (_key, v) => v && typeof v === "object" && "origin" in v && "text" in v ? v.text : v)
  );
}
function contentFromText(c, locale) {
  const t = (text) => ({ text, origin: "inline", locale });
  const opt = (k, v) => v !== void 0 ? { [k]: t(v) } : {};
  const out = {};
  if (c.items) out.items = c.items.map((i) => ({ ...i.icon ? { icon: i.icon } : {}, text: t(i.text) }));
  if (c.stats) out.stats = c.stats.map((s) => ({ value: t(s.value), ...opt("label", s.label) }));
  if (c.quote) out.quote = { text: t(c.quote.text), ...opt("source", c.quote.source) };
  if (c.rating) out.rating = { stars: c.rating.stars, ...opt("count", c.rating.count) };
  if (c.award !== void 0) out.award = t(c.award);
  if (c.labels) out.labels = { ...opt("before", c.labels.before), ...opt("after", c.labels.after) };
  return out;
}
var NEEDS = {
  "feature-list": { field: "items", what: "a list of items ({icon, text})" },
  stats: { field: "stats", what: "a list of stats ({value, label})" },
  quote: { field: "quote", what: "a quote ({text, source})" }
};
function missingContent(s, layout) {
  const need = layout ? NEEDS[layout] : void 0;
  if (!need || s[need.field] !== void 0) return void 0;
  return { field: need.field, what: need.what };
}
function contentTexts(c) {
  if (!c) return [];
  const out = [
    ...(c.items ?? []).map((it) => [
      "item",
      { ...it.text, text: `${it.icon ?? ""} ${it.text.text}` }
    ]),
    ...(c.stats ?? []).flatMap(
      (st) => [
        ["stat", st.value],
        ["stat label", st.label]
      ]
    ),
    ["quote", c.quote?.text],
    ["quote source", c.quote?.source],
    ["rating count", c.rating?.count],
    ["award", c.award],
    ["before label", c.labels?.before],
    ["after label", c.labels?.after]
  ];
  return out.filter((x) => !!x[1]?.text);
}

export {
  resolveContent,
  withoutDevice,
  contentKey,
  contentToText,
  contentFromText,
  missingContent,
  contentTexts
};
