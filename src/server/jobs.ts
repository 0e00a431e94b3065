// A render request becomes the same plain Jobs the CLI's plan makes (one per slide), so the service
// renders and lints exactly like `storeshots render` does.
import { loadTheme } from '../manifest/theme.js';
import { mergeStyle } from '../plan/plan.js';
import { outputPath } from '../plan/output-path.js';
import { contentFromText } from '../plan/content.js';
import type { Job, Plan } from '../plan/types.js';
import { isRtlLocale } from '../store/locales.js';
import { resolvePreset } from '../store/presets.js';
import { packageRoot } from '../util/paths.js';
import type { RenderSpec } from './request.js';

export function buildJobs(spec: RenderSpec, screenshots: Array<string | undefined>, baseDir: string): Job[] {
  const ref = resolvePreset(spec.canvas.preset)!;
  const theme = loadTheme(spec.theme, packageRoot());
  const source = (field: string) => ({ file: `request:${field}`, line: 1, column: 1 });
  return spec.slides.map((s, k) => {
    const index = k + 1;
    const format = s.output?.format ?? spec.output.format;
    const ext = format === 'jpeg' ? 'jpg' : 'png';
    const job: Job = {
      id: `${spec.locale}/${spec.canvas.preset}/${s.id}`,
      set: `${spec.locale}/${spec.canvas.preset}`,
      locale: spec.locale,
      rtl: isRtlLocale(spec.locale),
      preset: spec.canvas.preset,
      presetId: ref.preset.id,
      store: ref.preset.store,
      device: ref.preset.device,
      landscape: spec.canvas.landscape,
      size: { width: spec.canvas.width, height: spec.canvas.height },
      slide: s.id,
      index,
      count: spec.slides.length,
      headline: s.headline !== undefined ? { text: s.headline, origin: 'inline', locale: spec.locale } : undefined,
      appName: spec.appName,
      subtitle: s.subtitle !== undefined ? { text: s.subtitle, origin: 'inline', locale: spec.locale } : undefined,
      style: mergeStyle(theme.style, spec.style, s.style),
      theme: theme.name,
      screenshot: screenshots[k],
      ...(s.callouts ? { callouts: s.callouts } : {}),
      ...(s.content ? { content: contentFromText(s.content, spec.locale) } : {}),
      fonts: [],
      baseDir,
      output: {
        path: outputPath('flat', { locale: spec.locale, preset: spec.canvas.preset, slide: s.id, index, ext })!,
        format,
        quality: s.output?.quality ?? spec.output.quality,
      },
      source: { slide: source(`slides[${k}]`), preset: source('canvas') },
    };
    return job;
  });
}

/** Where an image goes in the archive: fastlane's layout, or the flat one when the store lacks the locale. */
export function archivePath(job: Job, ext = job.output.format === 'jpeg' ? 'jpg' : 'png'): string {
  const v = { locale: job.locale, preset: job.preset, slide: job.slide, index: job.index, ext };
  return outputPath('fastlane', v) ?? outputPath('flat', v)!;
}

/** The smallest Plan lint needs to look at one render's set. */
export function planOf(jobs: Job[], outDir: string): Plan {
  return {
    manifestFile: 'request',
    app: {},
    locales: [...new Set(jobs.map((j) => j.locale))],
    presets: [...new Set(jobs.map((j) => j.preset))],
    layout: 'flat',
    outDir,
    all: jobs,
    jobs,
  };
}
