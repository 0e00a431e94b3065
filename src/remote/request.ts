// Turns a plan's sets into render API requests (docs/render-api.md#post-v1renders): one render per (locale, preset) set,
// screenshots inline, and an Idempotency-Key derived from the content, so a retried workflow
// reuses the render and changed content makes a new one.
import { readFileSync } from 'node:fs';
import type { Job } from '../plan/types.js';
import { contentToText } from '../plan/content.js';
import type { Style } from '../manifest/types.js';
import { resolvePreset } from '../store/presets.js';
import { UserError } from '../util/errors.js';
import { sha256 } from '../util/hash.js';
import { canonicalJson } from '../util/json.js';
import { VERSION } from '../version.js';

export interface RemoteSet {
  set: string;
  jobs: Job[];
  body: Record<string, unknown>;
  idempotencyKey: string;
}

export interface RequestExtras {
  webhookUrl?: string;
  webhookSecret?: string;
  githubDispatch?: { repository: string; event_type: string };
  metadata?: Record<string, unknown>;
}

/** Groups the selected jobs by set, keeping the plan's order. */
export function groupSets(jobs: Job[]): Map<string, Job[]> {
  const sets = new Map<string, Job[]>();
  for (const j of jobs) sets.set(j.set, [...(sets.get(j.set) ?? []), j]);
  return sets;
}

/**
 * The style a render request may carry: the service applies the theme itself, so a theme's own
 * built-in image is left to it; a file on this machine (image, font, frame) cannot travel and is refused.
 */
export function remoteStyle(job: Job): Style {
  const style = structuredClone(job.style);
  const bad = (field: string, value: string) =>
    new UserError([
      {
        severity: 'error',
        message: `${job.id}: ${field} "${value}" names a file on this machine, which remote mode cannot send; use a built-in theme token or render locally`,
        at: job.source.slide,
      },
    ]);
  const image = style.background?.image;
  if (image !== undefined) {
    if (!image.startsWith('builtin:')) throw bad('style.background.image', image);
    delete style.background!.image;
  }
  for (const k of ['headline', 'subtitle'] as const) {
    const font = style[k]?.font;
    if (font && (/[\\/]/.test(font) || /\.(ttf|otf|ttc|woff2?)$/i.test(font))) throw bad(`style.${k}.font`, font);
  }
  const frame = style.device?.frame;
  if (frame && (/[\\/]/.test(frame) || /\.(png|jpe?g|svg)$/i.test(frame))) throw bad('style.device.frame', frame);
  if (job.fonts.length) throw bad('fonts', job.fonts[0]!);
  return style;
}

/** The request's canvas (docs/render-api.md#post-v1renders): the preset when the job renders at its default size, else the exact size and device. */
export function remoteCanvas(job: Job): Record<string, unknown> {
  const ref = resolvePreset(job.preset);
  if (ref && ref.size.width === job.size.width && ref.size.height === job.size.height) return { preset: job.preset };
  return { width: job.size.width, height: job.size.height, device: job.device };
}

export function buildSetRequest(
  jobs: Job[],
  extras: RequestExtras = {},
  readFile: (p: string) => Buffer = readFileSync,
): RemoteSet {
  const first = jobs[0]!;
  const slides = jobs.map((j) => ({
    id: j.slide,
    headline: j.headline?.text,
    subtitle: j.subtitle?.text,
    screenshot: j.screenshot ? { data: readFile(j.screenshot).toString('base64') } : undefined,
    style: remoteStyle(j),
    // The plan already chose this device's and locale's call-outs.
    ...(j.callouts ? { callouts: j.callouts.map(({ devices: _d, locales: _l, ...c }) => c) } : {}),
    ...(j.content ? { content: contentToText(j.content) } : {}),
  }));
  const content = {
    canvas: remoteCanvas(first),
    theme: first.theme,
    locale: first.locale,
    slides,
    output: { format: first.output.format },
  };
  const body: Record<string, unknown> = {
    ...content,
    async: true,
    metadata: { ...extras.metadata, set: first.set },
  };
  if (extras.webhookUrl) body.webhook_url = extras.webhookUrl;
  if (extras.githubDispatch) body.github_dispatch = extras.githubDispatch;
  // The key covers the whole request (a service answers 422 when one key comes with another body):
  // the same content and run metadata reuse the render, as a re-run of a workflow run does;
  // changed content makes a new one. The webhook secret is left out so it never leaks into a key.
  const idempotencyKey = `ss1-${sha256(`${VERSION}\n${canonicalJson(body)}`).slice(0, 48)}`;
  if (extras.webhookSecret) body.webhook_secret = extras.webhookSecret;
  return { set: first.set, jobs, body, idempotencyKey };
}
