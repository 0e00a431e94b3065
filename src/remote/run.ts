// Remote mode: submit every set, wait for them (polling with backoff), download and verify
// each image, write it where a local render would have. Used by `render --remote` and the Action.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../plan/types.js';
import type { Finding, RenderedImage } from '../report/types.js';
import { RenderError } from '../util/errors.js';
import { RenderApiClient, RemoteError, type ClientOptions, type RemoteRender, type RenderStatus } from './client.js';
import { buildSetRequest, groupSets, type RequestExtras, type RemoteSet } from './request.js';

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
export async function submitSets(plan: Plan, opts: RemoteRunOptions, client = clientFor(opts)): Promise<{ sets: RemoteSet[]; submitted: SubmittedSet[] }> {
  const sets = [...groupSets(plan.jobs).values()].map((jobs) => buildSetRequest(jobs, opts, opts.readFile));
  const submitted: SubmittedSet[] = [];
  for (const s of sets) {
    const { data, headers } = await client.createRender(s.body, s.idempotencyKey);
    if (!data.id) throw new RenderError(`the render API answered without a render id for ${s.set}`);
    submitted.push({ set: s.set, id: data.id, status: data.status, replayed: headers.get('idempotent-replayed') === 'true' });
    opts.onState?.(s.set, data.status, data.id);
  }
  return { sets, submitted };
}

const DONE: RenderStatus[] = ['succeeded', 'failed', 'canceled'];

/** Polls every render until all end or the overall time-out passes. */
export async function waitForRenders(ids: Array<{ set: string; id: string }>, opts: RemoteRunOptions, client = clientFor(opts)): Promise<Map<string, RemoteRender>> {
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
      throw new RenderError(`timed out waiting for the render API after ${Math.round((opts.timeoutMs ?? 1_800_000) / 1000)} s; still pending: ${pending.join(', ')}`);
    }
    await sleep(Math.min(interval, Math.max(0, deadline - now())));
    interval = Math.min(opts.maxPollMs ?? 15_000, Math.round(interval * 1.5));
  }
}

function writeAtomic(file: string, buf: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.part`;
  writeFileSync(tmp, buf);
  renameSync(tmp, file);
}

/** Downloads a finished set, checking every image against its sha256 before anything is written. */
export async function downloadSet(plan: Plan, jobs: RemoteSet['jobs'], render: RemoteRender, client: RenderApiClient): Promise<RenderedImage[]> {
  if (render.status !== 'succeeded') {
    throw new RenderError(`render ${render.id} for ${jobs[0]!.set} ${render.status}${render.error ? `: ${render.error.code}: ${render.error.message}` : ''}`);
  }
  const images = render.images ?? [];
  const fetched: Array<{ job: RemoteSet['jobs'][number]; buf: Buffer; img: (typeof images)[number] }> = [];
  for (const job of jobs) {
    const img = images.find((i) => i.slide === job.slide);
    if (!img) throw new RenderError(`render ${render.id} has no image for slide ${job.slide}`);
    if (img.width !== job.size.width || img.height !== job.size.height) {
      throw new RenderError(`render ${render.id} slide ${job.slide} is ${img.width}x${img.height}, expected ${job.size.width}x${job.size.height}`);
    }
    const buf = await client.image(render.id, img.index, { bytes: img.bytes });
    const sha = createHash('sha256').update(buf).digest('hex');
    if (sha !== img.sha256) throw new RenderError(`image ${img.index} of render ${render.id} does not match its sha256 (got ${sha.slice(0, 12)}…, expected ${img.sha256.slice(0, 12)}…)`);
    fetched.push({ job, buf, img });
  }
  // Only a fully verified set is written: no half sets on disk.
  return fetched.map(({ job, buf, img }) => {
    const file = path.join(plan.outDir, job.output.path);
    writeAtomic(file, buf);
    return {
      job,
      file,
      text: [],
      record: {
        path: job.output.path,
        locale: job.locale,
        preset: job.preset,
        slide: job.slide,
        index: job.index,
        width: img.width,
        height: img.height,
        format: img.format,
        bytes: buf.length,
        sha256: img.sha256,
        cached: false,
      },
    };
  });
}

export function remoteFindingsOf(renders: Iterable<RemoteRender>): Finding[] {
  const out: Finding[] = [];
  for (const r of renders) {
    for (const f of (r.lint?.findings ?? []) as Finding[]) {
      if (f && typeof f.rule === 'string') out.push({ ...f, rule: f.rule.startsWith('remote.') ? f.rule : `remote.${f.rule}`, severity: 'warning' });
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
      images.push(...(await downloadSet(plan, s.jobs, finished.get(id)!, client)));
    }
    return { images, remoteFindings: remoteFindingsOf(finished.values()), renders: submitted.map((s) => ({ set: s.set, id: s.id, status: finished.get(s.id)!.status })) };
  } catch (e) {
    if (e instanceof RemoteError) throw new RenderError(`render API: ${e.message}`);
    throw e;
  }
}
