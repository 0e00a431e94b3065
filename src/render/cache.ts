// The content-addressed render cache. A key is the SHA-256 of everything that decides an
// image's pixels: the job's resolved text, style, theme, size, format, the bytes of every
// file it reads (screenshots, fonts, background and frame images), the set's locked type
// size, panoramic neighbours, and the renderer itself. An entry is the encoded image plus
// what lint needs about it (its text layout, and lint's facts of its bytes, which lint uses only
// for bytes on disk with their hash), written atomically; an entry whose bytes do not match its
// recorded hash is ignored (and rendered again). A render run copies hits with copyTo, which
// re-hashes an entry only when its file's size or mtime differ from when it was written.
// Each set's text facts are kept too (sets/<digest>.facts, by setDigest), so a re-run can make
// its keys without measuring text.
// what lint needs about it (its text layout), written atomically; an entry whose bytes do not
// match its recorded hash is ignored (and rendered again). A render run copies hits with copyTo,
// which re-hashes an entry only when its file's size or mtime differ from when it was written.
import { contentKey } from '../plan/content.js';
import { createHash } from 'node:crypto';
import { copyFileAtomic, writeFileAtomic } from '../util/atomic.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job } from '../plan/types.js';
import type { TextLayoutInfo } from './types.js';
import { sha256, sha256File } from '../util/hash.js';
import { canonicalJson } from '../util/json.js';
import { packageRoot } from '../util/paths.js';
import { VERSION } from '../version.js';
import type { SetFacts } from './layout.js';
import type { ImageFacts } from '../lint/header.js';

/** Bumped when the entry format or the key's makeup changes. */
export const CACHE_FORMAT = 1;
export const DEFAULT_CACHE_DIR = '.storeshots-cache';

/** Hashes files by content, once per (path, size, mtime) in this process: CI checkouts give every file a new mtime, so mtimes never enter a key. */
export class FileHasher {
  private readonly memo = new Map<string, string>();

  hash(file: string): string {
    let st;
    try {
      st = statSync(file);
    } catch {
      return 'missing';
    }
    if (!st.isFile()) return 'not-a-file';
    const k = `${file}|${st.size}|${st.mtimeMs}`;
    let h = this.memo.get(k);
    if (!h) this.memo.set(k, (h = sha256File(file)));
    return h;
  }
}

let fingerprint: string | undefined;

/**
 * The renderer's identity: the version, plus a hash of the code that draws (the bundle in
 * dist/, or the sources when running from them) and the list of shipped fonts, so a changed
 * renderer never reuses old images, even between releases.
 */
export function rendererFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256').update(`storeshots ${VERSION} cache ${CACHE_FORMAT}\n`);
  let root: string | undefined;
  try {
    root = packageRoot();
  } catch {
    /* a bundle without its package: the version alone */
  }
  if (root) {
    const here = fileURLToPath(import.meta.url);
    const fromSource = here.endsWith('.ts');
    const codeDirs = [path.join(root, 'dist'), ...(fromSource ? [path.join(root, 'src')] : [])];
    for (const dir of codeDirs) {
      for (const f of listFiles(dir, /\.(js|ts)$/)) h.update(`${path.relative(root, f)}\n`).update(readFileSync(f));
    }
    for (const f of listFiles(path.join(root, 'fonts'), /\.(ttf|otf|ttc)$/i))
      h.update(`${path.basename(f)} ${statSync(f).size}\n`);
  }
  return (fingerprint = h.digest('hex'));
}

function listFiles(dir: string, re: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Files a style names (background image, fonts, a frame PNG), resolved as the renderer resolves them. */
export function styleFiles(job: Job): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.startsWith('builtin:')) {
        try {
          out.add(path.join(packageRoot(), 'templates', v.slice('builtin:'.length)));
        } catch {
          /* no package root: nothing to add */
        }
      } else if (/[./\\]/.test(v) && !v.startsWith('#')) {
        const abs = path.resolve(job.baseDir, v);
        try {
          if (statSync(abs).isFile()) out.add(abs);
        } catch {
          /* not a file: a colour, a name */
        }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(job.style);
  return [...out].sort();
}

/** What of one job decides its pixels (its own inputs; set facts and neighbours are added by cacheKey). */
export function jobMaterial(job: Job, files: FileHasher): Record<string, unknown> {
  const feature = job.style.layout === 'feature';
  return {
    locale: job.locale,
    rtl: job.rtl,
    preset: job.preset,
    presetId: job.presetId,
    store: job.store,
    device: job.device,
    landscape: job.landscape,
    size: [job.size.width, job.size.height],
    index: job.index,
    count: job.count,
    headline: job.headline?.text ?? null,
    subtitle: job.subtitle?.text ?? null,
    appName: feature ? (job.appName ?? null) : null,
    style: job.style,
    theme: job.theme,
    screenshot: job.screenshot ? files.hash(job.screenshot) : null,
    second: job.secondScreenshot ? files.hash(job.secondScreenshot) : null,
    // Added only when present, so the keys of slides without them stay what they were.
    ...(job.thirdScreenshot ? { third: files.hash(job.thirdScreenshot) } : {}),
    ...(job.content ? { content: contentKey(job.content) } : {}),
    fonts: job.fonts.map((f) => files.hash(f)),
    styleFiles: styleFiles(job).map((f) => [path.basename(f), files.hash(f)]),
    format: job.output.format,
    // PNG ignores quality: changing it must not redraw PNG sets.
    quality: job.output.format === 'jpeg' ? job.output.quality : null,
    // Another PNG compression is other bytes (same pixels); the default keeps the keys it always had.
    ...(job.output.format === 'png' && job.output.compression ? { compression: job.output.compression } : {}),
  };
}

export interface KeyInput {
  job: Job;
  /** Every job of the job's set (the whole plan's, not just this run's selection). */
  setJobs: Job[];
  facts: SetFacts;
  files: FileHasher;
  /** Defaults to rendererFingerprint(). */
  renderer?: string;
}

export function cacheKey(k: KeyInput): string {
  const { job, setJobs, facts, files } = k;
  // A panoramic background carries the neighbouring slides' devices into this one.
  const neighbours = job.style.background?.panoramic
    ? setJobs
        .filter((o) => Math.abs(o.index - job.index) === 1)
        .sort((a, b) => a.index - b.index)
        .map((o) => jobMaterial(o, files))
    : [];
  return sha256(
    canonicalJson({ renderer: k.renderer ?? rendererFingerprint(), job: jobMaterial(job, files), facts, neighbours }),
  );
}

/**
 * What decides a set's text facts (computeSetFacts): every job of the set as planned and the files
 * they read, and the renderer. More than the facts need (an output path, a slide's id): a changed
 * digest only measures the set again, it never changes an image's key by itself.
 */
export function setDigest(setJobs: Job[], files: FileHasher, renderer?: string): string {
  return sha256(
    canonicalJson({
      renderer: renderer ?? rendererFingerprint(),
      setFacts: 1,
      jobs: setJobs,
      material: setJobs.map((j) => jobMaterial(j, files)),
    }),
  );
}

export interface CacheMeta {
  format: 1;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  imageFormat: 'png' | 'jpeg';
  text: TextLayoutInfo[];
  /** lint's facts of the image's bytes (lint/header.ts); lint uses them only for bytes with their hash. */
  facts?: ImageFacts;
  /** The image file's mtime as written: while size and mtime are unchanged, copyTo trusts its bytes. */
  imgMtimeMs?: number;
}

export interface CacheHit {
  buffer: Buffer;
  meta: CacheMeta;
}

/** One folder of entries: <dir>/v1/<ab>/<key>.img and <key>.json (the json is written last and names the image's hash). */
export class RenderCache {
  readonly dir: string;
  private readonly root: string;

  constructor(dir: string) {
    this.dir = dir;
    this.root = path.join(dir, `v${CACHE_FORMAT}`);
  }

  private paths(key: string): { img: string; meta: string } {
    const d = path.join(this.root, key.slice(0, 2));
    return { img: path.join(d, `${key}.img`), meta: path.join(d, `${key}.json`) };
  }

  /** An entry's meta and what `read` makes of its image file; undefined when absent, or unreadable (then removed). */
  private open<T>(
    key: string,
    read: (img: string) => T,
  ): { p: { img: string; meta: string }; meta: CacheMeta; data: T } | undefined {
    const p = this.paths(key);
    try {
      return { p, meta: JSON.parse(readFileSync(p.meta, 'utf8')) as CacheMeta, data: read(p.img) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.drop(key);
      return undefined;
    }
  }

  /** Touched on use, so prune() keeps what runs still need. */
  private touch(metaFile: string): void {
    const now = new Date();
    try {
      utimesSync(metaFile, now, now);
    } catch {
      /* read-only cache: fine */
    }
  }

  /** The entry, or undefined when absent, unreadable or corrupt (a corrupt entry is removed). */
  get(key: string): CacheHit | undefined {
    const entry = this.open(key, (img) => readFileSync(img));
    if (!entry) return undefined;
    const { p, meta, data: buffer } = entry;
    if (
      meta?.format !== 1 ||
      buffer.length !== meta.bytes ||
      sha256(buffer) !== meta.sha256 ||
      !Array.isArray(meta.text)
    ) {
      this.drop(key);
      return undefined;
    }
    this.touch(p.meta);
    return { buffer, meta };
  }

  /**
   * Copies the entry's image to `file` (atomically) and returns its meta, or undefined when absent,
   * unreadable or corrupt (a corrupt entry is removed). The bytes are checked against the recorded
   * hash unless the file has the size and mtime it was written with (restored or touched entries
   * are checked); then the kernel copies them without reading them into memory.
   */
  copyTo(key: string, file: string): CacheMeta | undefined {
    const entry = this.open(key, (img) => statSync(img));
    if (!entry) return undefined;
    const { p, meta, data: st } = entry;
    if (meta?.format !== 1 || st.size !== meta.bytes || !Array.isArray(meta.text)) {
      this.drop(key);
      return undefined;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    if (meta.imgMtimeMs !== undefined && meta.imgMtimeMs === st.mtimeMs) {
      try {
        copyFileAtomic(p.img, file);
      } catch {
        return undefined;
      }
    } else {
      let buffer: Buffer;
      try {
        buffer = readFileSync(p.img);
      } catch {
        this.drop(key);
        return undefined;
      }
      if (buffer.length !== meta.bytes || sha256(buffer) !== meta.sha256) {
        this.drop(key);
        return undefined;
      }
      writeFileAtomic(file, buffer);
    }
    this.touch(p.meta);
    return meta;
  }

  private factsFile(digest: string): string {
    return path.join(this.root, 'sets', digest.slice(0, 2), `${digest}.facts`);
  }

  /** A set's text facts stored under its setDigest, or undefined when absent or unreadable (then removed). */
  getSetFacts(digest: string): SetFacts | undefined {
    const file = this.factsFile(digest);
    let facts: SetFacts;
    try {
      facts = JSON.parse(readFileSync(file, 'utf8')) as SetFacts;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') rmSync(file, { force: true });
      return undefined;
    }
    if (typeof facts?.textHeight !== 'number') {
      rmSync(file, { force: true });
      return undefined;
    }
    this.touch(file);
    return facts;
  }

  putSetFacts(digest: string, facts: SetFacts): void {
    const file = this.factsFile(digest);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, JSON.stringify(facts));
    } catch {
      /* a full or read-only cache never fails a render */
    }
  }

  put(key: string, buffer: Buffer, meta: Omit<CacheMeta, 'format' | 'imgMtimeMs'>): void {
    const p = this.paths(key);
    mkdirSync(path.dirname(p.img), { recursive: true });
    writeFileAtomic(p.img, buffer);
    writeFileAtomic(p.meta, JSON.stringify({ format: 1, ...meta, imgMtimeMs: statSync(p.img).mtimeMs }));
  }

  drop(key: string): void {
    const p = this.paths(key);
    rmSync(p.meta, { force: true });
    rmSync(p.img, { force: true });
  }

  /** Every key stored. */
  keys(): string[] {
    if (!existsSync(this.root)) return [];
    return (readdirSync(this.root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.basename(f, '.json'));
  }

  /** Removes entries not in `keep` (the Action saves only what this run used) or, with maxAgeDays, not used for that long. */
  prune(o: { keep?: ReadonlySet<string>; maxAgeDays?: number }): number {
    let removed = 0;
    const cutoff = o.maxAgeDays !== undefined ? Date.now() - o.maxAgeDays * 86_400_000 : undefined;
    for (const key of this.keys()) {
      let drop = o.keep ? !o.keep.has(key) : false;
      if (!drop && cutoff !== undefined) {
        try {
          drop = statSync(this.paths(key).meta).mtimeMs < cutoff;
        } catch {
          drop = true;
        }
      }
      if (drop) {
        this.drop(key);
        removed++;
      }
    }
    // Sets' facts (a few hundred bytes each) go only by age: a run with `keep` needs the facts of its sets.
    const sets = path.join(this.root, 'sets');
    if (cutoff !== undefined && existsSync(sets)) {
      for (const f of readdirSync(sets, { recursive: true }) as string[]) {
        if (!f.endsWith('.facts')) continue;
        const file = path.join(sets, f);
        try {
          if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
        } catch {
          /* gone meanwhile */
        }
      }
    }
    return removed;
  }
}
