// The plan: per store set (locale x display type), what stays, what is uploaded, what is deleted
// and whether the order changes. Pure data from the local set and what the store lists, so the
// same plan is printed (text, --json, job summary, pull request) and then applied.
import type { Store } from '../store/presets.js';
import type { LocalImage } from './local.js';

/** One asset the store holds in a set, in the store's order. */
export interface LiveImage {
  id: string;
  /** The checksum compared with ours: App Store sourceFileChecksum (MD5), Play sha256. */
  checksum?: string;
  /** What the plan shows for it: App Store fileName, Play image id. */
  label: string;
  /** False for an asset that never finished (App Store AWAITING_UPLOAD or FAILED): always replaced. */
  usable: boolean;
  /** Uploaded and committed but still being processed (App Store UPLOAD_COMPLETE): waited for. */
  processing?: boolean;
}

export interface SetPlan {
  store: Store;
  locale: string;
  displayType: string;
  /** Set id in the store, undefined when the set does not exist yet (App Store). */
  setId?: string;
  /** Desired order: each local image with the live asset it keeps, if any. */
  order: Array<{ image: LocalImage; keep?: LiveImage }>;
  upload: LocalImage[];
  delete: LiveImage[];
  unchanged: number;
  reorder: boolean;
}

/** The `--dry-run --json` shape (issue #22 point 5). */
export interface PlanJson {
  store: Store;
  plan: Array<{
    locale: string;
    displayType: string;
    unchanged: number;
    upload: string[];
    delete: string[];
    reorder: boolean;
  }>;
}

/**
 * Matches local images to live assets by checksum (each live asset at most once, usable ones only).
 * `appendOnly` is Play's model: images cannot be moved, new ones go to the end, so a kept image
 * after the first out-of-place one is deleted and uploaded again.
 */
export function planSet(
  base: { store: Store; locale: string; displayType: string; setId?: string },
  local: LocalImage[],
  live: LiveImage[],
  checksumOf: (i: LocalImage) => string,
  appendOnly: boolean,
): SetPlan {
  const pool = live.map((l, pos) => ({ l, pos, taken: false }));
  const matched = local.map((image) => {
    const hit = pool.find(
      (p) =>
        !p.taken &&
        p.l.usable &&
        p.l.checksum !== undefined &&
        p.l.checksum.toLowerCase() === checksumOf(image).toLowerCase(),
    );
    if (hit) hit.taken = true;
    return { image, hit };
  });
  if (appendOnly) {
    // Keep the longest prefix whose live positions increase; everything after it is uploaded anew.
    let last = -1;
    let cut = matched.length;
    for (let i = 0; i < matched.length; i++) {
      const h = matched[i]!.hit;
      if (!h || h.pos < last) {
        cut = i;
        break;
      }
      last = h.pos;
    }
    const moved = matched.slice(cut).filter((m) => m.hit).length;
    const order = matched.map((m, i) => ({ image: m.image, keep: i < cut ? m.hit!.l : undefined }));
    const kept = new Set(order.filter((o) => o.keep).map((o) => o.keep!.id));
    return {
      ...base,
      order,
      upload: order.filter((o) => !o.keep).map((o) => o.image),
      delete: live.filter((l) => !kept.has(l.id)),
      unchanged: kept.size,
      reorder: moved > 0,
    };
  }
  const order = matched.map((m) => ({ image: m.image, keep: m.hit?.l }));
  const kept = new Set(order.filter((o) => o.keep).map((o) => o.keep!.id));
  const upload = order.filter((o) => !o.keep).map((o) => o.image);
  // Without a reorder the store ends with the kept assets in their live order, then the new ones.
  const natural = [...live.filter((l) => kept.has(l.id)).map((l) => l.id), ...upload.map((u) => `new:${u.path}`)];
  const wanted = order.map((o) => (o.keep ? o.keep.id : `new:${o.image.path}`));
  return {
    ...base,
    order,
    upload,
    delete: live.filter((l) => !kept.has(l.id)),
    unchanged: kept.size,
    reorder: natural.some((id, i) => id !== wanted[i]),
  };
}

export function planJson(store: Store, sets: SetPlan[]): PlanJson {
  return {
    store,
    plan: sets.map((s) => ({
      locale: s.locale,
      displayType: s.displayType,
      unchanged: s.unchanged,
      upload: s.upload.map((u) => u.path),
      delete: s.delete.map((d) => d.label),
      reorder: s.reorder,
    })),
  };
}

export function planChanges(sets: SetPlan[]): number {
  return sets.reduce((n, s) => n + s.upload.length + s.delete.length + (s.reorder ? 1 : 0), 0);
}

const storeName = (s: Store) => (s === 'appstore' ? 'App Store Connect' : 'Google Play');

function summaryLine(store: Store, sets: SetPlan[]): string {
  const up = sets.reduce((n, s) => n + s.upload.length, 0);
  const del = sets.reduce((n, s) => n + s.delete.length, 0);
  const same = sets.reduce((n, s) => n + s.unchanged, 0);
  const re = sets.filter((s) => s.reorder).length;
  return `${storeName(store)}: ${sets.length} set(s), ${same} unchanged, ${up} to upload, ${del} to delete, ${re} to reorder`;
}

/** The plan as a plain-text table, for the terminal and logs. */
export function planText(store: Store, sets: SetPlan[], heading = 'Upload plan'): string {
  const rows = sets.map((s) => [
    s.locale,
    s.displayType,
    String(s.unchanged),
    String(s.upload.length),
    String(s.delete.length),
    s.reorder ? 'yes' : 'no',
  ]);
  const head = ['locale', 'display type', 'unchanged', 'upload', 'delete', 'reorder'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(w[i]!) : c.padEnd(w[i]!)))
      .join('  ')
      .trimEnd();
  const out = [`${heading} (${storeName(store)})`, line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)];
  for (const s of sets) {
    for (const u of s.upload) out.push(`  + ${s.locale} ${s.displayType} ${u.path}`);
    for (const d of s.delete) out.push(`  - ${s.locale} ${s.displayType} ${d.label}`);
  }
  out.push(summaryLine(store, sets));
  return `${out.join('\n')}\n`;
}

// HTML-significant characters as entities, markdown punctuation backslash-escaped: a file name is shown, never interpreted.
const mdEsc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[|\\`*_[\]]/g, (c) => `\\${c}`);

/** The plan as GitHub markdown: the job summary and the release pull request's comment. */
export function planMarkdown(store: Store, sets: SetPlan[], heading = 'Upload plan'): string {
  const out = [
    `### ${heading}: ${storeName(store)}`,
    '',
    '| locale | display type | unchanged | upload | delete | reorder |',
    '|---|---|---:|---|---|---|',
  ];
  const list = (xs: string[]) => (xs.length ? xs.map(mdEsc).join('<br>') : '–');
  for (const s of sets) {
    out.push(
      `| ${mdEsc(s.locale)} | ${mdEsc(s.displayType)} | ${s.unchanged} | ${list(s.upload.map((u) => u.path))} | ${list(s.delete.map((d) => d.label))} | ${s.reorder ? 'yes' : 'no'} |`,
    );
  }
  out.push('', summaryLine(store, sets), '');
  return out.join('\n');
}
