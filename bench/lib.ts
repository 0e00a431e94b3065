// What the bench needs from storeshots' own code, bundled by bench/run.mjs with esbuild: the
// plan of a project and, per job, the layout storeshots computes (background, device and screen
// boxes, text lines at their positions), so Chromium and ImageMagick draw the same slide.
import path from 'node:path';
import { loadProject } from '../src/project.js';
import { selectJobs } from '../src/plan/plan.js';
import type { Job } from '../src/plan/types.js';
import { layoutJob, setFacts, type SetFacts } from '../src/render/layout.js';
import { createMeasurer } from '../src/render/measure.js';
import { loadBreakData } from '../src/render/breaks.js';
import { probeImage } from '../src/render/images.js';
import { fontsDir } from '../src/render/fonts.js';

export interface SlideSpec {
  id: string;
  out: string;
  width: number;
  height: number;
  background: { colors: string[]; angle: number };
  devices: Array<{ outer: Box; screen: Box; radius: number; screenRadius: number; color: string; shot?: string }>;
  text: Array<{
    size: number;
    weight: number;
    color: string;
    font: string;
    lines: Array<{ text: string; x: number; baseline: number; width: number }>;
  }>;
  rtl: boolean;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const FONT_FILES: Record<string, string> = {
  'ss-inter': 'Inter.var.ttf',
  'ss-noto': 'NotoSans-Bold.ttf',
  'ss-arabic': 'NotoSansArabic-Bold.ttf',
  'ss-hebrew': 'NotoSansHebrew-Bold.ttf',
  'ss-cjk': 'NotoSansCJK-Bold.otf',
  'ss-cjk-full': 'NotoSansCJK-Bold.otf',
};

/** The plan's jobs (all of them, or `limit` spread evenly) with their layouts. */
export async function slides(manifest: string, cwd: string, limit?: number): Promise<SlideSpec[]> {
  const { plan } = loadProject({ config: manifest, cwd });
  const sel = selectJobs(plan, {});
  const tm = createMeasurer();
  await loadBreakData(plan.locales);
  const facts = new Map<string, SetFacts>();
  let jobs: Job[] = sel.jobs;
  if (limit && limit < jobs.length) {
    const step = jobs.length / limit;
    jobs = Array.from({ length: limit }, (_, i) => sel.jobs[Math.floor(i * step)]!);
  }
  const out: SlideSpec[] = [];
  for (const job of jobs) {
    let f = facts.get(job.set);
    if (!f)
      facts.set(
        job.set,
        (f = setFacts(
          plan.all.filter((j) => j.set === job.set),
          tm,
        )),
      );
    const primary = job.screenshot ? await probeImage(job.screenshot, 'screenshot') : undefined;
    const l = layoutJob({ job, facts: f, measurer: tm, shots: { primary } });
    const bg = job.style.background ?? {};
    out.push({
      id: job.id,
      out: job.output.path,
      width: job.size.width,
      height: job.size.height,
      rtl: job.rtl,
      background: { colors: bg.gradient ?? [bg.color ?? '#000000', bg.color ?? '#000000'], angle: bg.angle ?? 180 },
      devices: l.devices.map((d) => ({
        outer: d.outer,
        screen: d.screen,
        radius: d.screenRadius * (d.outer.width / Math.max(1, d.screen.width)),
        screenRadius: d.screenRadius,
        color: d.color,
        shot: d.which === 'second' ? job.secondScreenshot : job.screenshot,
      })),
      text: l.blocks.map((b) => ({
        size: b.font.size,
        weight: b.font.weight,
        color: b.color,
        font: path.join(fontsDir(), FONT_FILES[b.font.chain.find((c) => FONT_FILES[c]) ?? 'ss-inter']!),
        lines: b.lines.map((ln) => ({
          text: ln.text.replace(/\*\*/g, ''),
          x: ln.x,
          baseline: ln.baseline,
          width: ln.width,
        })),
      })),
    });
  }
  return out;
}
