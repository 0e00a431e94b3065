// The worker split on one machine (SQLite): an API node (`serve --role api`) only queues, two
// `storeshots worker` processes on the same --data claim the jobs with a lease and render them. A
// worker killed with SIGKILL mid-render loses its lease and the other finishes the job; a worker
// stopped with SIGTERM hands its job back at once; a cancel on the API node reaches the worker; a
// render's outputs are made by the worker that renders it and served by the API node.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/root.js';
import {
  api,
  b64,
  cleanup,
  KEY,
  pollUntilEnded,
  SCREEN_IPAD,
  SCREEN_PNG,
  startService,
  tempData,
  type ServerHandle,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const LEASE_MS = 2000;
const env = { STORESHOTS_LEASE_MS: String(LEASE_MS), STORESHOTS_POLL_MS: '50' };

interface Worker {
  proc: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

const workers: Worker[] = [];

async function startWorker(data: string): Promise<Worker> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/storeshots.js'), 'worker', '--data', data], {
    cwd: ROOT,
    env: { ...process.env, ...env, STORESHOTS_WORKERS: '1', STORESHOTS_CONCURRENCY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('storeshots worker rendering jobs of')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before starting:\n${err}`)));
  });
  const w = { proc, stderr: () => err, exited };
  workers.push(w);
  return w;
}

/** Which worker process holds a job now (its pid, from the lease the store records). */
function holderPid(data: string, id: string): number | undefined {
  const db = new DatabaseSync(path.join(data, 'storeshots.db'), { readOnly: true });
  try {
    const row = db.prepare('SELECT worker FROM renders WHERE id = ?').get(id) as { worker: string | null } | undefined;
    return row?.worker ? Number(row.worker.split(':').at(-2)) : undefined;
  } finally {
    db.close();
  }
}

const slides = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i + 1}`,
    headline: `Slide ${i + 1}`,
    screenshot: { data: b64(SCREEN_IPAD) },
  }));

/** Waits until a render is processing with some images stored and not all; resolves its holder's pid. */
async function midRender(base: string, data: string, id: string, total: number): Promise<number> {
  return waitFor(
    async () => {
      const r = (await api(base, 'GET', `/v1/renders/${id}`)).body;
      if (r.status !== 'queued' && r.status !== 'processing')
        throw new Error(`render ended before the worker could be stopped: ${JSON.stringify(r.error)}`);
      if (r.status === 'processing' && r.images.length > 0 && r.images.length < total) return holderPid(data, id);
      return undefined;
    },
    { timeoutMs: 150_000, intervalMs: 10, what: 'the render to be part-way' },
  );
}

describe('API node and workers on one --data (SQLite)', () => {
  const data = tempData();
  let node: ServerHandle;
  beforeAll(async () => {
    node = await startService({ data, env, args: ['--role', 'api'] });
    await startWorker(data);
    await startWorker(data);
  });
  afterAll(async () => {
    for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await node?.stop();
    cleanup(data);
  });

  it('the API node queues and the workers render: four renders all succeed, rendered by both workers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await api(node.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: `render ${i}` }, { headline: 'second' }],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      ids.push(r.body.id);
    }
    const holders = new Set<number>();
    await waitFor(
      async () => {
        for (const id of ids) {
          const pid = holderPid(data, id);
          if (pid) holders.add(pid);
        }
        const rows = await Promise.all(ids.map(async (id) => (await api(node.url, 'GET', `/v1/renders/${id}`)).body));
        return rows.every((r) => r.status === 'succeeded') ? rows : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 20, what: 'the four renders to succeed' },
    );
    for (const id of ids) {
      const done = (await api(node.url, 'GET', `/v1/renders/${id}`)).body;
      expect([done.status, done.images.length, done.credits_used]).toEqual(['succeeded', 2, 2]);
    }
    // Both workers took jobs (each renders one at a time, and four were queued at once).
    expect([...holders].sort()).toEqual(workers.map((w) => w.proc.pid!).sort());
    // The API node renders nothing itself: it has no render threads.
    const metrics = await fetch(`${node.url}/metrics`).then((r) => r.text());
    expect(metrics).not.toContain('storeshots_worker_threads');
  });

  it("a render's outputs are made by the worker that renders it and served by the API node (zip, contact sheet, report)", async () => {
    const r = await api(node.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [
        { id: 'one', headline: 'First', screenshot: { data: b64(SCREEN_PNG) } },
        { id: 'two', headline: 'Second', screenshot: { data: b64(SCREEN_PNG) } },
      ],
      outputs: [{ type: 'png' }, { type: 'contact-sheet' }, { type: 'report' }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const done = await pollUntilEnded(node.url, r.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.outputs.map((o: any) => [o.id, o.status])).toEqual([
      ['png', 'ready'],
      ['contact-sheet', 'ready'],
      ['report', 'ready'],
    ]);
    // Each output from the API node (which has no render threads), with the key and through its signed link.
    const bytesOf = async (url: string, key?: boolean) => {
      const res = await fetch(url, key ? { headers: { authorization: `Bearer ${KEY}` } } : {});
      expect(res.status, url).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    for (const o of done.outputs) {
      const keyed = await bytesOf(o.url, true);
      expect(createHash('sha256').update(keyed).digest('hex')).toBe(o.sha256);
      expect(keyed.length).toBe(o.bytes);
      expect((await bytesOf(o.download_url)).equals(keyed)).toBe(true);
    }
    // The PNG zip holds the very images the render serves, at their archive paths.
    const zip = unzipSync(await bytesOf(done.outputs[0].url, true));
    expect(Object.keys(zip).sort()).toEqual(done.images.map((i: any) => i.path).sort());
    for (const i of done.images)
      expect(
        Buffer.from(zip[i.path]!).equals(await bytesOf(`${node.url}/v1/renders/${done.id}/images/${i.index}`, true)),
      ).toBe(true);
    const report = JSON.parse((await bytesOf(done.outputs[2].url, true)).toString());
    expect(report.images.map((i: any) => i.sha256)).toEqual(done.images.map((i: any) => i.sha256));
    const sheet = await sharp(await bytesOf(done.outputs[1].url, true)).metadata();
    expect(sheet.format).toBe('png');
  });

  it('a worker killed with SIGKILL mid-render: the other worker takes the job once its lease lapses and finishes it', async () => {
    const total = 6;
    const r = await api(node.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'appstore.ipad_13' },
      slides: slides(total),
    });
    expect(r.status).toBe(202);
    const pid = await midRender(node.url, data, r.body.id, total);
    const victim = workers.find((w) => w.proc.pid === pid)!;
    const other = workers.find((w) => w !== victim && w.proc.exitCode === null)!;
    expect(victim).toBeDefined();
    const killedAt = Date.now();
    victim.proc.kill('SIGKILL');
    await victim.exited;
    const done = await pollUntilEnded(node.url, r.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.images.map((i: any) => i.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(done.credits_used).toBe(total);
    // Taken over only after the lease lapsed, by the surviving worker, which says so.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE_MS - 500);
    expect(other.stderr()).toMatch(new RegExp(`queued again 1 job\\(s\\) whose worker's lease lapsed: ${r.body.id}`));
    expect(holderPid(data, r.body.id)).toBeUndefined();
    // A replacement worker joins.
    await startWorker(data);
  });

  it('a worker stopped with SIGTERM hands its job back at once; a cancel on the API node reaches the worker', async () => {
    const total = 6;
    const r = await api(node.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'appstore.ipad_13' },
      slides: slides(total),
    });
    const pid = await midRender(node.url, data, r.body.id, total);
    const holder = workers.find((w) => w.proc.pid === pid)!;
    holder.proc.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
    expect(holder.stderr()).toContain(`handed back ${r.body.id} (stopping)`);
    const done = await pollUntilEnded(node.url, r.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.images).toHaveLength(total);

    // Cancel: the API node ends the render; the worker holding it stops at its next lease renewal.
    const c = await api(node.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'appstore.ipad_13' },
      slides: slides(total),
    });
    const cpid = await midRender(node.url, data, c.body.id, total);
    const canceled = await api(node.url, 'POST', `/v1/renders/${c.body.id}/cancel`);
    expect(canceled.body.status).toBe('canceled');
    await waitFor(async () => (holderPid(data, c.body.id) === undefined ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'the lease of the canceled render to be gone',
    });
    // The worker is free again: a next render is taken and succeeds; the canceled one stays canceled.
    const next = await api(node.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'after the cancel' }],
    });
    expect((await pollUntilEnded(node.url, next.body.id)).status).toBe('succeeded');
    const after = (await api(node.url, 'GET', `/v1/renders/${c.body.id}`)).body;
    expect(after.status).toBe('canceled');
    expect(workers.find((w) => w.proc.pid === cpid)!.proc.exitCode).toBeNull();
  });
});
