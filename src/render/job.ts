// One job to encoded bytes, with its ImageRecord built once from those bytes (size, hash). Rendering
// one job is self-contained given the job, the jobs of its set (panoramic neighbours) and the set's
// facts; the set's facts are computed once per set (computeSetFacts), never per image.
import type { Job } from '../plan/types.js';
import { jobRecord } from '../report/record.js';
import { RenderError } from '../util/errors.js';
import { freeNow } from '../util/free.js';
import { sha256 } from '../util/hash.js';
import { BreakDataNotLoaded, loadBreakData } from './breaks.js';
import { COVERAGE_ADVICE, coverageProblems } from './coverage.js';
import { drawJob, releaseCanvas, type DrawAssets } from './draw.js';
import { encodeRgba } from './encode.js';
import { probeImage } from './images.js';
import { resolveModel, type TextMeasurer } from './layout.js';
import { layoutSlide, slideSetFacts } from './slide-layout.js';
import { createMeasurer } from './measure.js';
import type { ImageRecord, SetFacts, TextLayoutInfo } from './types.js';
import { loadUserFrame, type UserFrame } from './userframe.js';

let measurer: TextMeasurer | undefined;
/** The text measurer of this thread (created on first use: it loads the fonts). */
export function textMeasurer(): TextMeasurer {
  return (measurer ??= createMeasurer());
}

let factsComputed = 0;
/** How many times this thread computed a set's text facts (tests check a set's batch does it once). */
export function setFactsCount(): number {
  return factsComputed;
}

/** The text facts every slide of the set shares (type sizes, text height): measured once per set. */
export async function computeSetFacts(setJobs: Job[]): Promise<SetFacts> {
  factsComputed++;
  const locales = new Set(setJobs.map((j) => j.locale));
  // Hyphenation patterns (up to 1.5 MB a language) load only for a set whose text needs loose
  // breaks; most never do, and a cached re-run computes every set's facts for its cache keys.
  await loadBreakData(locales, true);
  try {
    return slideSetFacts(setJobs, textMeasurer());
  } catch (e) {
    if (!(e instanceof BreakDataNotLoaded)) throw e;
  }
  await loadBreakData(locales);
  return slideSetFacts(setJobs, textMeasurer());
}

/** Every character of the jobs' text that no font covers, as one error (never tofu). The same check validate runs (coverage.ts). */
export function checkGlyphs(jobs: Job[]): void {
  const problems = coverageProblems(jobs).map((p) => `${p.at.file}:${p.at.line}:${p.at.column}: ${p.message}`);
  if (problems.length) throw new RenderError(`${problems.join('\n')}\n${COVERAGE_ADVICE}`);
}

async function assetsFor(job: Job): Promise<{ shots: DrawAssets['shots']; frame?: UserFrame }> {
  const shots: DrawAssets['shots'] = {};
  if (job.screenshot) shots.primary = await probeImage(job.screenshot, 'screenshot');
  if (job.secondScreenshot) shots.second = await probeImage(job.secondScreenshot, 'second screenshot');
  if (job.thirdScreenshot) shots.third = await probeImage(job.thirdScreenshot, 'third screenshot');
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
    const l = layoutSlide({
      job: other,
      facts,
      measurer: textMeasurer(),
      shots: a.shots,
      frame: a.frame,
    });
    const dx = delta * job.size.width;
    for (const p of l.devices) {
      const shifted = { ...p, outer: { ...p.outer, x: p.outer.x + dx }, screen: { ...p.screen, x: p.screen.x + dx } };
      if (shifted.outer.x < job.size.width && shifted.outer.x + shifted.outer.width > 0) {
        out.push({
          placement: shifted,
          shot: p.which === 'primary' ? a.shots.primary : (a.shots[p.which] ?? a.shots.primary),
        });
      }
    }
  }
  return out;
}

export interface RenderedJob {
  buffer: Buffer;
  text: TextLayoutInfo[];
  /** Built here, once: its size and sha256 are those of `buffer`. */
  record: ImageRecord;
}

/** Renders one job to encoded bytes with its set's facts; nothing is written. */
export async function renderJob(job: Job, setJobs: Job[], facts: SetFacts): Promise<RenderedJob> {
  await loadBreakData([job.locale]);
  const a = await assetsFor(job);
  const layout = layoutSlide({
    job,
    facts,
    measurer: textMeasurer(),
    shots: a.shots,
    frame: a.frame,
  });
  const { canvas, text } = await drawJob(job, layout, { ...a, neighbours: await neighbours(job, setJobs, facts) });
  const { width, height } = job.size;
  const ctx = canvas.getContext('2d');
  const radius = job.output.rounded;
  if (radius) {
    // A marketing asset: keep only a rounded rectangle of the drawing (anti-aliased by Skia), transparent outside.
    ctx.save();
    ctx.globalCompositeOperation = 'destination-in';
    ctx.beginPath();
    ctx.roundRect(0, 0, width, height, radius);
    ctx.fillStyle = '#000';
    ctx.fill();
    ctx.restore();
  }
  const rgba = Buffer.from(ctx.getImageData(0, 0, width, height).data.buffer);
  releaseCanvas(canvas);
  const buffer = await encodeRgba(rgba, width, height, job.output.format, job.output.quality, job.output.compression, {
    alpha: !!radius,
  });
  freeNow(rgba);
  return { buffer, text, record: jobRecord(job, buffer.length, sha256(buffer), false) };
}
