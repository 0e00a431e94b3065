// Store lint: reads the real bytes of every image, groups them into the sets the stores take,
// and runs the rules of rules.ts. Two entry points: a finished render (lintRender, called by the
// pipeline) and existing files (lintPaths, behind `storeshots lint PATH...`). Pure Node: no
// native modules, so the server and the Action can import it freely.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Plan } from '../plan/types.js';
import type { Finding, Severity } from '../report/types.js';
import type { RenderedImage } from '../render/types.js';
import { deliverDisplayType } from '../store/facts.js';
import { PSEUDO_LOCALES, storeLocale } from '../store/locales.js';
import { getPreset, type Store } from '../store/presets.js';
import { collectPaths, type CollectOptions } from './collect.js';
import { readImageFacts, UnreadableImageError } from './header.js';
import type { Hit, ImageSet, LintImage, RunContext } from './model.js';
import { displayTypeLabel, nearestAppStoreSize, RULES, ruleSource, type ReadImage, type Rule } from './rules.js';
import { fsErrorReason } from '../util/errors.js';

export { getRule } from './rules.js';

/** Files larger than this are not read (no store takes them; it keeps a stray video from filling memory). */
const MAX_READ_BYTES = 256 * 1024 * 1024;

/** Lints the rendered images: real bytes on disk, set-level counts and slots, and text layout. */
export async function lintRender(plan: Plan, images: RenderedImage[]): Promise<Finding[]> {
  const lint: LintImage[] = images.map((r) => {
    const preset = getPreset(r.job.presetId);
    return {
      file: r.file,
      path: r.record.path,
      ext: extOf(r.record.path),
      store: r.job.store,
      preset,
      presetRef: r.job.preset,
      landscape: r.job.landscape,
      playKind:
        r.job.store === 'play'
          ? preset?.playFolder === 'featureGraphic'
            ? 'featureGraphic'
            : 'screenshot'
          : undefined,
      locale: r.job.locale,
      storeLocale: storeLocale(r.job.store, r.job.locale) ?? r.job.locale,
      slide: r.job.slide,
      job: r.job,
      text: r.text,
      knownFacts: r.facts,
      pseudo: PSEUDO_LOCALES.includes(r.job.locale) || undefined,
    };
  });
  await readAll(lint);
  const sets = planSets(plan, lint);
  const targetsIpad = plan.presets.some((ref) => getPreset(ref.split('@')[0]!)?.device === 'ipad');
  const stores = new Set(plan.all.map((j) => j.store));
  return runRules({
    mode: 'render',
    images: lint,
    sets,
    plan,
    localeFolders: [],
    ignored: [],
    unreachable: [],
    targetsIpad,
    stores,
  });
}

export interface LintPathsOptions extends CollectOptions {}

export interface LintPathsResult {
  findings: Finding[];
  images: LintImage[];
}

/** Lints existing files and trees (`storeshots lint PATH...`). Throws UserError for a path that does not exist or holds no images. */
export async function lintPaths(paths: string[], opts: LintPathsOptions): Promise<LintPathsResult> {
  const found = collectPaths(paths, opts);
  await readAll(found.images);
  for (const img of found.images) {
    if (img.storeGuessed && img.facts) {
      img.store = guessStore(img);
      if (img.store === 'play') img.playKind = 'screenshot';
    }
    if (img.store === 'appstore' && img.facts)
      img.displayType = deliverDisplayType(img.facts.width, img.facts.height, img.path);
  }
  const sets = fileSets(found.images);
  const stores = new Set<Store>(found.images.map((i) => i.store));
  for (const f of found.localeFolders) stores.add(f.store);
  const targetsIpad = found.images.some((i) => i.store === 'appstore' && i.displayType?.startsWith('APP_IPAD'));
  const findings = runRules({
    mode: 'paths',
    images: found.images,
    sets,
    localeFolders: found.localeFolders,
    ignored: found.ignored,
    unreachable: found.unreachable,
    targetsIpad,
    stores,
  });
  return { findings, images: found.images };
}

/** A loose file's store: a size App Store Connect lists (or nearly: a pixel or two off) says App Store; anything else Play. */
function guessStore(img: LintImage): Store {
  const f = img.facts!;
  if (!f.width) return 'appstore';
  return deliverDisplayType(f.width, f.height) || nearestAppStoreSize(f.width, f.height) ? 'appstore' : 'play';
}

const extOf = (p: string) => {
  const m = /\.([^./\\]+)$/.exec(p);
  return m ? m[1]!.toLowerCase() : '';
};

async function readAll(images: LintImage[]): Promise<void> {
  // Two files at a time: the CI runners have two cores and the disk is the bottleneck anyway.
  let next = 0;
  const worker = async () => {
    // One buffer per reader, grown as needed: the facts keep nothing of the bytes, and a fresh
    // buffer per file made the garbage collector a fifth of a cached re-run's time.
    const scratch = { buf: Buffer.alloc(0) };
    while (next < images.length) {
      const img = images[next++]!;
      if (img.unreadable) continue;
      try {
        img.facts = readImageFacts(await readRegularFile(img.file, scratch), img.knownFacts);
        if (img.store === 'appstore' && !img.displayType)
          img.displayType = deliverDisplayType(img.facts.width, img.facts.height, img.path);
      } catch (e) {
        img.unreadable = e instanceof UnreadableImageError ? e.message : fsErrorReason(e);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Reads a file only if it is a regular file (a FIFO or a device named .png would block or never end),
 * into `scratch.buf` (grown to fit): the bytes are valid until the next read with the same scratch.
 */
async function readRegularFile(file: string, scratch: { buf: Buffer }): Promise<Buffer> {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new UnreadableImageError(st.isDirectory() ? 'it is a folder' : 'not a regular file');
    if (st.size > MAX_READ_BYTES)
      throw new UnreadableImageError(
        `${(st.size / 1024 / 1024).toFixed(0)} MB is far larger than any store takes; not read`,
      );
    if (scratch.buf.length < st.size) scratch.buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await fh.read(scratch.buf, got, st.size - got, got);
      if (bytesRead === 0) break; // the file shrank while it was read: what is there is what lint sees
      got += bytesRead;
    }
    return scratch.buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/** Sets of a render come from the whole plan, so a --slide or --shard run still counts every slide of a set. */
function planSets(plan: Plan, images: LintImage[]): ImageSet[] {
  const byKey = new Map<string, ImageSet>();
  const keyOf = (store: Store, locale: string, presetId: string, appearance = '') => {
    const preset = getPreset(presetId);
    const sl = storeLocale(store, locale) ?? locale;
    return store === 'appstore'
      ? `appstore|${sl}|${preset?.displayType ?? presetId}|${appearance}`
      : `play|${sl}|${preset?.playFolder ?? presetId}|${appearance}`;
  };
  for (const job of plan.all) {
    if (PSEUDO_LOCALES.includes(job.locale)) continue; // never uploaded: no store set
    const key = keyOf(job.store, job.locale, job.presetId, job.appearance);
    let set = byKey.get(key);
    if (!set) {
      const preset = getPreset(job.presetId);
      set = {
        key,
        store: job.store,
        locale: job.locale,
        label: `${job.locale} ${preset?.label ?? job.presetId}${preset?.displayType ? ` (${preset.displayType})` : ''}${job.appearance ? `, ${job.appearance}` : ''}`,
        presetRef: job.preset,
        displayType: preset?.displayType,
        playKind:
          job.store === 'play'
            ? preset?.playFolder === 'featureGraphic'
              ? 'featureGraphic'
              : 'screenshot'
            : undefined,
        playFolder: preset?.playFolder,
        images: [],
        count: 0,
        slides: [],
        complete: true,
      };
      byKey.set(key, set);
    }
    set.count++;
    set.slides!.push(job.slide);
  }
  for (const img of images) {
    const job = img.job!;
    byKey.get(keyOf(job.store, job.locale, job.presetId, job.appearance))?.images.push(img);
  }
  for (const set of byKey.values()) set.complete = set.images.length === set.count;
  return [...byKey.values()];
}

/** Sets of existing files: App Store by (locale, display type deliver finds); Play by (locale, supply folder). */
function fileSets(images: LintImage[]): ImageSet[] {
  const byKey = new Map<string, ImageSet>();
  for (const img of images) {
    if (!img.facts) continue;
    const group = img.storeLocale ?? img.locale ?? dirOf(img.path);
    let key: string;
    let label: string;
    if (img.store === 'appstore') {
      const dt = img.preset?.displayType ?? img.displayType;
      if (!dt) continue; // an invalid size belongs to no set; appstore.size reports it
      key = `appstore|${group}|${dt}|${img.appearance ?? ''}`;
      label = `${group} ${displayTypeLabel(dt)}${img.appearance ? `, ${img.appearance}` : ''}`;
    } else {
      const folder =
        img.preset?.playFolder ?? (img.playKind !== 'screenshot' ? img.playKind : undefined) ?? 'screenshots';
      key = `play|${group}|${folder}|${img.appearance ?? ''}`;
      label = `${group} ${img.preset?.label ?? folder}${img.appearance ? `, ${img.appearance}` : ''}`;
    }
    let set = byKey.get(key);
    if (!set) {
      set = {
        key,
        store: img.store,
        locale: img.locale,
        label,
        presetRef: img.presetRef,
        displayType: img.store === 'appstore' ? (img.preset?.displayType ?? img.displayType) : undefined,
        playKind: img.store === 'play' ? (img.playKind ?? 'screenshot') : undefined,
        playFolder: img.preset?.playFolder,
        folder: dirOf(img.path),
        images: [],
        count: 0,
        complete: true,
      };
      byKey.set(key, set);
    }
    set.images.push(img);
    set.count++;
    if (set.folder !== dirOf(img.path)) set.folder = undefined;
  }
  return [...byKey.values()];
}

const dirOf = (p: string) => {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : '.';
};

const RANK: Record<Severity, number> = { error: 0, warning: 1 };

function toFinding(rule: Rule, h: Hit, store?: Store): Finding {
  const src = ruleSource(rule, h.store ?? store);
  const severity: Severity = h.severity && RANK[h.severity] > RANK[rule.severity] ? h.severity : rule.severity;
  const f: Finding = { rule: rule.id, severity, message: h.message, source: src.url, verified: src.verified };
  if (h.path !== undefined) f.path = h.path;
  if (h.locale !== undefined) f.locale = h.locale;
  if (h.preset !== undefined) f.preset = h.preset;
  if (h.slide !== undefined) f.slide = h.slide;
  return f;
}

/** Runs every rule over a context; the findings come back sorted (errors first, then by path and rule). */
export function runRules(ctx: RunContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    switch (rule.scope) {
      case 'unreadable':
        for (const img of ctx.images)
          if (img.unreadable) out.push(...rule.check(img).map((h) => toFinding(rule, h, img.store)));
        break;
      case 'image':
        for (const img of ctx.images) {
          if (img.facts && !img.pseudo && rule.stores.includes(img.store))
            out.push(...rule.check(img as ReadImage).map((h) => toFinding(rule, h, img.store)));
        }
        break;
      case 'text':
        for (const img of ctx.images)
          for (const t of img.text ?? []) out.push(...rule.check(img, t).map((h) => toFinding(rule, h, img.store)));
        break;
      case 'job':
        if (ctx.plan)
          for (const img of ctx.images)
            if (img.job) out.push(...rule.check(img.job, ctx.plan).map((h) => toFinding(rule, h, img.store)));
        break;
      case 'set':
        for (const set of ctx.sets)
          if (rule.stores.includes(set.store)) out.push(...rule.check(set).map((h) => toFinding(rule, h, set.store)));
        break;
      case 'run':
        out.push(...rule.check(ctx).map((h) => toFinding(rule, h)));
        break;
    }
  }
  return sortFindings(out);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.path ?? '').localeCompare(b.path ?? '') ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}
