// Remote mode: submit every set, wait for them (polling with backoff), download and verify
// each image, write it where a local render would have. Used by `render --remote` and the Action.
import { writeFileAtomic } from '../util/atomic.js';
import type { Plan } from '../plan/types.js';
import type { Finding } from '../report/types.js';
import type { RenderedImage } from '../render/types.js';
import { RenderError } from '../util/errors.js';
import {
  RenderApiClient,
  RemoteError,
  type ClientOptions,
  type RemoteImage,
  type RemoteRender,
  type RenderStatus,
} from './client.js';
import { buildSetRequest, groupSets, type RequestExtras, type RemoteSet } from './request.js';
import { sha256 } from '../util/hash.js';
import { joinInside } from '../util/paths.js';

export interface SubmittedSet {
  set: string;
  id: string;
  status: RenderStatus;
  replayed: boolean;
}

export interface RemoteRunOptions extends ClientOptions, RequestExtras {
  /** Overall time-out for waiting, ms (default 30 min). */
  timeoutMs?: number;
  /** First poll interval, ms (default 1 s); grows to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
  now?: () => number;
  /** Called on every state change of a set, for progress lines. */
  onState?: (set: string, status: RenderStatus, id: string) => void;
  /** Test hook: reads a screenshot file. */
  readFile?: (p: string) => Buffer;
}

export interface RemoteResult {
  images: RenderedImage[];
  /** The service's own lint, shown beside ours and never trusted alone. */
  remoteFindings: Finding[];
  renders: Array<{ set: string; id: string; status: RenderStatus }>;
}

export function clientFor(opts: RemoteRunOptions): RenderApiClient {
  return new RenderApiClient(opts);
}

/** Submits one render per set; returns at once (wait: dispatch) or is followed by waitForRenders. */
export async function submitSets(
  plan: Plan,
  opts: RemoteRunOptions,
  client = clientFor(opts),
): Promise<{ sets: RemoteSet[]; submitted: SubmittedSet[] }> {
  const sets = [...groupSets(plan.jobs).values()].map((jobs) => buildSetRequest(jobs, opts, opts.readFile));
  const submitted: SubmittedSet[] = [];
  for (const s of sets) {
    const { data, headers } = await client.createRender(s.body, s.idempotencyKey);
    if (!data.id) throw new RenderError(`the render API answered without a render id for ${s.set}`);
    submitted.push({
      set: s.set,
      id: data.id,
      status: data.status,
      replayed: headers.get('idempotent-replayed') === 'true',
    });
    opts.onState?.(s.set, data.status, data.id);
  }
  return { sets, submitted };
}

const DONE: RenderStatus[] = ['succeeded', 'failed', 'canceled'];

/** Polls every render until all end or the overall time-out passes. */
export async function waitForRenders(
  ids: Array<{ set: string; id: string }>,
  opts: RemoteRunOptions,
  client = clientFor(opts),
): Promise<Map<string, RemoteRender>> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + (opts.timeoutMs ?? 30 * 60_000);
  const last = new Map<string, RenderStatus>();
  const done = new Map<string, RemoteRender>();
  let interval = opts.pollMs ?? 1000;
  for (;;) {
    for (const { set, id } of ids) {
      if (done.has(id)) continue;
      const r = await client.getRender(id);
      if (last.get(id) !== r.status) {
        last.set(id, r.status);
        opts.onState?.(set, r.status, id);
      }
      if (DONE.includes(r.status)) done.set(id, r);
    }
    if (done.size === ids.length) return done;
    if (now() >= deadline) {
      const pending = ids.filter((i) => !done.has(i.id)).map((i) => `${i.set} (${i.id}: ${last.get(i.id)})`);
      throw new RenderError(
        `timed out waiting for the render API after ${Math.round((opts.timeoutMs ?? 1_800_000) / 1000)} s; still pending: ${pending.join(', ')}`,
      );
    }
    await sleep(Math.min(interval, Math.max(0, deadline - now())));
    interval = Math.min(opts.maxPollMs ?? 15_000, Math.round(interval * 1.5));
  }
}

export interface Placed {
  img: RemoteImage;
  /** Output path relative to the output directory. */
  path: string;
  locale: string;
  preset: string;
}

/**
 * Downloads a finished render, checking every image against its sha256 before anything is
 * written: only a fully verified set reaches the disk, so no half sets and no duplicates.
 */
export async function downloadImages(
  render: RemoteRender,
  outDir: string,
  place: (img: RemoteImage) => Placed,
  client: RenderApiClient,
): Promise<Array<{ placed: Placed; file: string; bytes: number }>> {
  if (render.status !== 'succeeded') {
    const set = (render.metadata as { set?: string } | undefined)?.set ?? render.id;
    throw new RenderError(
      `render ${render.id} for ${set} ${render.status}${render.error ? `: ${render.error.code}: ${render.error.message}` : ''}`,
    );
  }
  const fetched: Array<{ placed: Placed; buf: Buffer }> = [];
  for (const img of render.images ?? []) {
    const placed = place(img);
    const buf = await client.image(render.id, img.index, { bytes: img.bytes });
    const sha = sha256(buf);
    if (sha !== img.sha256)
      throw new RenderError(
        `image ${img.index} of render ${render.id} does not match its sha256 (got ${sha.slice(0, 12)}…, expected ${String(img.sha256).slice(0, 12)}…)`,
      );
    fetched.push({ placed, buf });
  }
  // Every path is checked before the first file is written: a refused one leaves no half set behind.
  const seen = new Set<string>();
  const placedFiles = fetched.map(({ placed, buf }) => {
    const file = safeJoin(outDir, placed.path);
    if (seen.has(file)) throw new RenderError(`render ${render.id} has two images for ${placed.path}`);
    seen.add(file);
    return { placed, buf, file };
  });
  return placedFiles.map(({ placed, buf, file }) => {
    writeFileAtomic(file, buf);
    return { placed, file, bytes: buf.length };
  });
}

/** outDir + a relative path that must stay inside outDir (paths may come from a service's metadata). */
export function safeJoin(outDir: string, rel: string): string {
  const abs = joinInside(outDir, rel);
  if (!abs) throw new RenderError(`refusing an output path outside the output folder: ${JSON.stringify(rel)}`);
  return abs;
}

/** Downloads a finished set of the plan, each image to its job's output path. */
export async function downloadRenderedSet(
  plan: Plan,
  jobs: RemoteSet['jobs'],
  render: RemoteRender,
  client: RenderApiClient,
): Promise<RenderedImage[]> {
  for (const job of jobs) {
    if (!render.images?.some((i) => i.slide === job.slide) && render.status === 'succeeded')
      throw new RenderError(`render ${render.id} has no image for slide ${job.slide}`);
  }
  const got = await downloadImages(
    render,
    plan.outDir,
    (img) => {
      const job = jobs.find((j) => j.slide === img.slide);
      if (!job)
        throw new RenderError(
          `render ${render.id} sent an image for slide ${img.slide}, which ${jobs[0]!.set} does not have`,
        );
      if (img.width !== job.size.width || img.height !== job.size.height) {
        throw new RenderError(
          `render ${render.id} slide ${job.slide} is ${img.width}x${img.height}, expected ${job.size.width}x${job.size.height}`,
        );
      }
      return { img, path: job.output.path, locale: job.locale, preset: job.preset };
    },
    client,
  );
  return jobs.map((job) => {
    const g = got.find((x) => x.placed.path === job.output.path)!;
    return {
      job,
      file: g.file,
      text: [],
      record: recordOf(g.placed, g.bytes, job.slide, job.index),
    };
  });
}

export function recordOf(p: Placed, bytes: number, slide = p.img.slide, index = p.img.index): RenderedImage['record'] {
  return {
    path: p.path,
    locale: p.locale,
    preset: p.preset,
    slide,
    index,
    width: p.img.width,
    height: p.img.height,
    format: p.img.format,
    bytes,
    sha256: p.img.sha256,
    cached: false,
  };
}

export function remoteFindingsOf(renders: Iterable<RemoteRender>): Finding[] {
  const out: Finding[] = [];
  for (const r of renders) {
    for (const f of (r.lint?.findings ?? []) as Finding[]) {
      if (f && typeof f.rule === 'string')
        out.push({ ...f, rule: f.rule.startsWith('remote.') ? f.rule : `remote.${f.rule}`, severity: 'warning' });
    }
  }
  return out;
}

/** The whole remote path: submit, wait, download. */
export async function renderRemote(plan: Plan, opts: RemoteRunOptions): Promise<RemoteResult> {
  const client = clientFor(opts);
  try {
    const { sets, submitted } = await submitSets(plan, opts, client);
    const finished = await waitForRenders(submitted, opts, client);
    const images: RenderedImage[] = [];
    for (const s of sets) {
      const id = submitted.find((x) => x.set === s.set)!.id;
      images.push(...(await downloadRenderedSet(plan, s.jobs, finished.get(id)!, client)));
    }
    return {
      images,
      remoteFindings: remoteFindingsOf(finished.values()),
      renders: submitted.map((s) => ({ set: s.set, id: s.id, status: finished.get(s.id)!.status })),
    };
  } catch (e) {
    if (e instanceof RemoteError) throw new RenderError(`render API: ${e.message}`);
    throw e;
  }
}
