// The embedded renderer's public face: plan -> images on disk (renderPlan), or one job -> bytes
// (renderJobToBuffer, for the render service). Rendering one job is self-contained given the
// job and its set's facts, so a worker pool can call renderJob directly.
import path from 'node:path';
import type { Job, Plan } from '../plan/types.js';
import type { RenderedImage } from '../report/types.js';
import { RenderError } from '../util/errors.js';
import { drawJob, type DrawAssets } from './draw.js';
import { encodeRgba, sha256, writeAtomic } from './encode.js';
import { describeChars, missingGlyphs } from './fonts.js';
import { probeImage, type ImageInfo } from './images.js';
import { layoutJob, resolveModel, setFacts, type SetFacts, type TextMeasurer } from './layout.js';
import { createMeasurer } from './measure.js';
import { parseHighlights } from './text.js';
import { loadUserFrame, type UserFrame } from './userframe.js';

export { layoutJob, setFacts } from './layout.js';
export type { Layout, SetFacts, TextBlock } from './layout.js';

export interface RenderRunOptions {
  /** Parallel workers (default: cores). Accepted now; the worker pool arrives with the cache. */
  jobs?: number;
  cacheDir?: string;
  noCache?: boolean;
  /** Called after each image, for progress. */
  onImage?: (img: RenderedImage, done: number, total: number) => void;
}

let measurer: TextMeasurer | undefined;
function tm(): TextMeasurer {
  return (measurer ??= createMeasurer());
}

/** The jobs of `job`'s set, from the whole plan (so a filtered or sharded run keeps the set's look). */
export function setOf(plan: Plan, job: Job): Job[] {
  return plan.all.filter((j) => j.set === job.set);
}

export function computeSetFacts(setJobs: Job[]): SetFacts {
  return setFacts(setJobs, tm());
}

/** Every character of the jobs' text that no font covers, as one error (never tofu). */
export function checkGlyphs(jobs: Job[]): void {
  const problems: string[] = [];
  for (const job of jobs) {
    const texts: Array<[string, string | undefined, Job['style']['headline']]> = [
      ['headline', job.headline?.text, job.style.headline],
      ['subtitle', job.subtitle?.text, job.style.subtitle],
    ];
    if (job.style.layout === 'feature') texts.push(['app name', job.appName, job.style.subtitle]);
    for (const [what, text, style] of texts) {
      if (!text) continue;
      const missing = missingGlyphs(parseHighlights(text).text, tm().chain(style ?? {}, job));
      if (missing.length) {
        const at = job.source.slide;
        problems.push(`${at.file}:${at.line}:${at.column}: ${job.id} ${what}: no font covers ${describeChars(missing)}`);
      }
    }
  }
  if (problems.length) {
    throw new RenderError(`${problems.join('\n')}\nAdd a font that has these characters to the manifest's fonts: and name it in style.headline.font / style.subtitle.font`);
  }
}

async function assetsFor(job: Job): Promise<{ shots: DrawAssets['shots']; frame?: UserFrame }> {
  const shots: DrawAssets['shots'] = {};
  if (job.screenshot) shots.primary = await probeImage(job.screenshot, 'screenshot');
  if (job.secondScreenshot) shots.second = await probeImage(job.secondScreenshot, 'second screenshot');
  const { frameFile } = resolveModel(job);
  const frame = frameFile ? await loadUserFrame(job, frameFile) : undefined;
  return { shots, frame };
}

/** Devices of the neighbouring slides that reach into this one, for panoramic sets. */
async function neighbours(job: Job, setJobs: Job[], facts: SetFacts): Promise<NonNullable<DrawAssets['neighbours']>> {
  if (!job.style.background?.panoramic) return [];
  const out: NonNullable<DrawAssets['neighbours']> = [];
  for (const other of setJobs) {
    const delta = other.index - job.index;
    if (Math.abs(delta) !== 1 || !other.screenshot) continue;
    const a = await assetsFor(other);
    const l = layoutJob({ job: other, facts, measurer: tm(), shots: { primary: a.shots.primary, second: a.shots.second }, frame: a.frame });
    const dx = delta * job.size.width;
    for (const p of l.devices) {
      const shifted = { ...p, outer: { ...p.outer, x: p.outer.x + dx }, screen: { ...p.screen, x: p.screen.x + dx } };
      if (shifted.outer.x < job.size.width && shifted.outer.x + shifted.outer.width > 0) {
        out.push({ placement: shifted, shot: p.which === 'second' ? (a.shots.second ?? a.shots.primary) : a.shots.primary });
      }
    }
  }
  return out;
}

/** Renders one job to encoded bytes with its set's facts; nothing is written. */
export async function renderJobBytes(job: Job, setJobs: Job[], facts: SetFacts): Promise<{ buffer: Buffer; text: RenderedImage['text'] }> {
  const a = await assetsFor(job);
  const layout = layoutJob({ job, facts, measurer: tm(), shots: { primary: a.shots.primary, second: a.shots.second }, frame: a.frame });
  const { canvas, text } = await drawJob(job, layout, { ...a, neighbours: await neighbours(job, setJobs, facts) });
  const { width, height } = job.size;
  const rgba = Buffer.from(canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
  const buffer = await encodeRgba(rgba, width, height, job.output.format, job.output.quality);
  return { buffer, text };
}

/** Renders one job into outDir (atomically) and describes it for the report. */
export async function renderJob(job: Job, setJobs: Job[], facts: SetFacts, outDir: string): Promise<RenderedImage> {
  const { buffer, text } = await renderJobBytes(job, setJobs, facts);
  const file = path.join(outDir, job.output.path);
  writeAtomic(file, buffer);
  return {
    job,
    file,
    text,
    record: {
      path: job.output.path, locale: job.locale, preset: job.preset, slide: job.slide, index: job.index,
      width: job.size.width, height: job.size.height, format: job.output.format, bytes: buffer.length, sha256: sha256(buffer), cached: false,
    },
  };
}

/** Renders the plan's selected jobs into plan.outDir; returns one record per image written. */
export async function renderPlan(plan: Plan, opts: RenderRunOptions = {}): Promise<RenderedImage[]> {
  checkGlyphs(plan.jobs);
  const facts = new Map<string, SetFacts>();
  const out: RenderedImage[] = [];
  for (const job of plan.jobs) {
    const setJobs = setOf(plan, job);
    let f = facts.get(job.set);
    if (!f) facts.set(job.set, (f = computeSetFacts(setJobs)));
    const img = await renderJob(job, setJobs, f, plan.outDir);
    out.push(img);
    opts.onImage?.(img, out.length, plan.jobs.length);
  }
  return out;
}

/** Renders one job to encoded bytes (the render service uses this). */
export async function renderJobToBuffer(job: Job, setJobs: Job[]): Promise<{ buffer: Buffer; text: RenderedImage['text'] }> {
  const set = setJobs.length ? setJobs : [job];
  checkGlyphs([job]);
  return renderJobBytes(job, set, computeSetFacts(set));
}

export { RenderError };
